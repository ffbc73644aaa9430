/** 已保存 / 保存中 / a conflict or failure with what to do about it. */
import { useConsole } from '../store-context'

export function SaveStatus() {
  const save = useConsole((s) => s.save)
  const text = useConsole((s) => s.saveMessage)
  const reload = useConsole((s) => s.reload)
  const flush = useConsole((s) => s.flush)
  if (save === 'saved') return <span className='save ok' role='status' data-save='saved'>已保存</span>
  if (save === 'pending' || save === 'saving') return <span className='save busy' role='status' data-save={save}>保存中…</span>
  if (save === 'conflict') {
    return (
      <span className='save bad' role='alert' data-save='conflict'>
        {text ?? '这份草稿已在别处修改。'}这里的修改没有保存。
        <button type='button' onClick={() => void reload()}>载入最新版本</button>
      </span>
    )
  }
  return (
    <span className='save bad' role='alert' data-save='failed'>
      保存失败：{text}
      <button type='button' onClick={() => void flush()}>重试</button>
    </span>
  )
}
