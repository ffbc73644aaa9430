/** 署名: one row per person (role and name), add and remove. */
import type { Person } from '../../../../src/core/feed'
import { addPerson, removePerson, setPerson } from '../../core/edits'
import { useConsole } from '../store-context'

const ROLES = ['记者', '通讯员', '实习生', '摄影', '编辑', '作者']

export function BylineEditor({ index, byline }: { index: number, byline: Person[] }) {
  const edit = useConsole((s) => s.edit)
  return (
    <fieldset className='byline'>
      <legend>署名</legend>
      {byline.length === 0 && <p className='muted small'>没有署名</p>}
      {byline.map((p, k) => (
        <div key={k} className='person'>
          <input aria-label='身份' list='byline-roles' className='role' value={p.role} onChange={(e) => edit((i) => setPerson(i, index, k, { ...p, role: e.target.value }))} />
          <input aria-label='姓名' className='name' value={p.name} onChange={(e) => edit((i) => setPerson(i, index, k, { ...p, name: e.target.value }))} />
          <button type='button' className='quiet' onClick={() => edit((i) => removePerson(i, index, k))}>删除此人</button>
        </div>
      ))}
      <datalist id='byline-roles'>{ROLES.map((r) => <option key={r} value={r} />)}</datalist>
      <button type='button' onClick={() => edit((i) => addPerson(i, index))}>＋ 添加署名</button>
    </fieldset>
  )
}
