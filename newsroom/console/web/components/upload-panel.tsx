/** 上传: a file input and a drop zone for one .txt or an issue's PDFs; parsing starts at once. */
import { useState, type DragEvent } from 'react'
import { UPLOAD_LIMITS } from '../../core/api'
import { useConsole } from '../store-context'

const MB = 1024 * 1024

export function UploadPanel() {
  const state = useConsole((s) => s.upload)
  const uploadFiles = useConsole((s) => s.uploadFiles)
  const [over, setOver] = useState(false)
  const busy = state.state === 'sending' || state.state === 'parsing'
  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    setOver(false)
    if (!busy) void uploadFiles(Array.from(e.dataTransfer.files))
  }
  return (
    <section className='panel'>
      <h2>上传新一期</h2>
      <div
        className={`drop${over ? ' over' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setOver(true) }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid='drop-zone'
      >
        <p>把这一期的文字稿（.txt）或各版 PDF 拖到这里，或</p>
        <label className='button primary'>
          选择文件
          <input
            type='file'
            name='files'
            accept='.txt,.pdf,text/plain,application/pdf'
            multiple
            disabled={busy}
            onChange={(e) => { const files = Array.from(e.target.files ?? []); e.target.value = ''; void uploadFiles(files) }}
          />
        </label>
        <p className='muted small'>一个 .txt，或最多 {UPLOAD_LIMITS.pdfFiles} 个 PDF（每个不超过 {UPLOAD_LIMITS.pdfBytes / MB} MB，合计不超过 {UPLOAD_LIMITS.totalBytes / MB} MB）。上传后先识别、校对，不会直接发布。</p>
      </div>
      {state.state === 'sending' && <p className='progress' role='status'>正在上传 {state.files.join('、')}：{Math.round(state.sent * 100)}% <progress max={1} value={state.sent} /></p>}
      {state.state === 'parsing' && <p className='progress' role='status'>已上传，正在识别版面和稿件…</p>}
      {state.state === 'failed' && <p className='error' role='alert'>{state.files.join('、')}：{state.message}</p>}
    </section>
  )
}
