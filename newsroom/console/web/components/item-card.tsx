/**
 * One item as a card of ordinary form fields (so the browser's editing and Chinese input methods work):
 * 引题, 标题, 副题, 电头, 署名, paragraphs, photo captions and credits; its notes beside it; delete,
 * merge with next, move to another 版, preview.
 */
import { useMemo, useRef } from 'react'
import type { ParsedFigure } from '../../../parse-issue'
import {
  deleteItem, deleteParagraph, indexAfterRemoval, mergeItemWithNext, mergeParagraphWithNext, moveItemToPage, nextInReadingOrder, setFigure,
  setItemText, setParagraph, splitParagraph, type FigureRef, type ItemTextField
} from '../../core/edits'
import { BylineEditor } from './byline-editor'
import { useConsole } from '../store-context'

const FIELDS: Array<[ItemTextField, string]> = [['kicker', '引题'], ['title', '标题'], ['subtitle', '副题'], ['dateline', '电头']]

/** Rows enough to show a paragraph whole at about 32 characters a line. */
const rows = (text: string) => Math.max(2, Math.ceil(Array.from(text).length / 32))

export function ItemCard({ index }: { index: number }) {
  const item = useConsole((s) => s.draft?.issue.items[index])
  const pages = useConsole((s) => s.draft?.issue.pages)
  const notes = useConsole((s) => s.draft?.notes)
  const photos = useConsole((s) => s.draft?.photos)
  const issue = useConsole((s) => s.draft?.issue)
  const edit = useConsole((s) => s.edit)
  const preview = useConsole((s) => s.preview)
  const boxes = useRef<Array<HTMLTextAreaElement | null>>([])
  const mine = useMemo(() => (notes ?? []).filter((n) => n.item === index), [notes, index])
  if (!item || !pages || !issue) return null
  const next = nextInReadingOrder(issue, index)

  const split = (p: number) => {
    const box = boxes.current[p]
    edit((i) => splitParagraph(i, index, p, box ? box.selectionStart : -1))
  }
  const figures: Array<[FigureRef, ParsedFigure]> = [
    ...(item.figure ? [['own', item.figure] as [FigureRef, ParsedFigure]] : []),
    ...(item.figures ?? []).map((f, k) => [k, f] as [FigureRef, ParsedFigure])
  ]
  const photoUrl = (n: number) => {
    const key = item.photos?.[n]
    return key ? photos?.find((p) => p.key === key)?.url : undefined
  }

  return (
    <article className={`item panel${mine.some((n) => n.kind === 'warning') ? ' has-notes' : ''}`} data-item={index} aria-label={item.title}>
      <div className='item-main'>
        <div className='item-kind muted small'>{item.kind === 'photo' ? '图片新闻' : '稿件'} · 第 {index + 1} 篇</div>
        {FIELDS.map(([field, label]) => (
          <label key={field} className={`field ${field}`}>
            <span>{label}</span>
            <input value={item[field] ?? ''} onChange={(e) => edit((i) => setItemText(i, index, field, e.target.value))} />
          </label>
        ))}
        <BylineEditor index={index} byline={item.byline} />
        {item.paragraphs.map((text, p) => (
          <div key={p} className='paragraph'>
            <label className='field'>
              <span>第 {p + 1} 段</span>
              <textarea ref={(el) => { boxes.current[p] = el }} value={text} rows={rows(text)} onChange={(e) => edit((i) => setParagraph(i, index, p, e.target.value))} />
            </label>
            <div className='paragraph-tools'>
              <button type='button' onClick={() => split(p)} title='把光标后的文字分成新的一段'>在光标处拆分</button>
              {p + 1 < item.paragraphs.length && <button type='button' onClick={() => edit((i) => mergeParagraphWithNext(i, index, p))}>与下一段合并</button>}
              <button type='button' className='quiet' onClick={() => edit((i) => deleteParagraph(i, index, p))}>删除此段</button>
            </div>
          </div>
        ))}
        {figures.map(([ref, fig], n) => (
          <fieldset key={String(ref)} className='figure'>
            <legend>图片{figures.length > 1 ? ` ${n + 1}` : ''}</legend>
            {photoUrl(n) && <img src={photoUrl(n)} alt='' className='thumb' />}
            <label className='field'>
              <span>图片说明</span>
              <textarea value={fig.caption ?? ''} rows={rows(fig.caption ?? '')} onChange={(e) => edit((i) => setFigure(i, index, ref, { caption: e.target.value }))} />
            </label>
            <div className='person'>
              <span>摄影</span>
              <input aria-label='图片署名身份' className='role' value={fig.credit?.role ?? '记者'} onChange={(e) => edit((i) => setFigure(i, index, ref, { credit: { role: e.target.value, name: fig.credit?.name ?? '' } }))} />
              <input aria-label='图片署名姓名' className='name' value={fig.credit?.name ?? ''} onChange={(e) => edit((i) => setFigure(i, index, ref, { credit: { role: fig.credit?.role ?? '记者', name: e.target.value } }))} />
            </div>
          </fieldset>
        ))}
        <div className='item-tools'>
          <button type='button' onClick={() => void preview(index)}>预览</button>
          {next !== undefined && <button type='button' onClick={() => edit((i) => mergeItemWithNext(i, index), (k) => indexAfterRemoval(k, next, index))}>与下一篇合并</button>}
          <label>
            移到
            <select value={item.page} onChange={(e) => edit((i) => moveItemToPage(i, index, Number(e.target.value)))}>
              {pages.map((pg, p) => <option key={p} value={p}>{pg.name}</option>)}
            </select>
          </label>
          <button type='button' className='danger' onClick={() => { if (window.confirm(`删除稿件“${item.title}”？`)) edit((i) => deleteItem(i, index), (k) => indexAfterRemoval(k, index)) }}>删除稿件</button>
        </div>
      </div>
      <aside className='item-notes' aria-label='提示'>
        {mine.length === 0 ? <p className='muted small'>没有提示</p> : mine.map((n, k) => <p key={k} className={`note ${n.kind}`}>{n.kind === 'warning' ? '⚠ ' : '未采用：'}{n.message}</p>)}
      </aside>
    </article>
  )
}
