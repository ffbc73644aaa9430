/**
 * 校对: every item of the draft in page order, grouped by 版, with its notes beside it; the page image
 * with zones (PDF drafts); preview; 发布 and 通知订阅读者.
 */
import { useMemo } from 'react'
import { ArticlePreview } from '../components/article-preview'
import { ItemCard } from '../components/item-card'
import { PagePlate } from '../components/page-plate'
import { PublishPanel } from '../components/publish-panel'
import { SaveStatus } from '../components/save-status'
import { issueName } from '../format'
import { useConsole } from '../store-context'

export function ReviewScreen() {
  const draft = useConsole((s) => s.draft)
  const onlyWithNotes = useConsole((s) => s.onlyWithNotes)
  const setOnly = useConsole((s) => s.setOnlyWithNotes)
  const close = useConsole((s) => s.closeDraft)
  const editError = useConsole((s) => s.editError)
  const notes = draft?.notes
  const noted = useMemo(() => new Set((notes ?? []).filter((n) => n.item !== undefined && n.kind === 'warning').map((n) => n.item as number)), [notes])
  if (!draft) return null
  const { issue } = draft
  const general = draft.notes.filter((n) => n.item === undefined || !issue.items[n.item])
  return (
    <div className='review'>
      <div className='review-bar panel'>
        <button type='button' onClick={() => void close()}>← 返回</button>
        <h2>{issueName(issue.date, issue.number)}{draft.publishedId ? `（修改已发布的 ${draft.publishedId}）` : ''}</h2>
        <SaveStatus />
        <label className='filter'>
          <input type='checkbox' checked={onlyWithNotes} onChange={(e) => setOnly(e.target.checked)} />
          仅看有提示的稿件（{noted.size} 篇）
        </label>
      </div>
      {editError && <p className='error panel' role='alert'>{editError}</p>}
      {general.length > 0 && (
        <details className='panel notes-general'>
          <summary>整期的提示和未采用的行（{general.length}）</summary>
          <ul>{general.map((n, k) => <li key={k} className={n.kind}>{n.message}</li>)}</ul>
        </details>
      )}
      {issue.pages.map((page, p) => {
        const items = page.items.filter((i) => !onlyWithNotes || noted.has(i))
        const image = draft.pages[p]?.image
        return (
          <section key={p} className='page-group' aria-label={page.name}>
            <h2 className='page-name'>{page.name}<span className='muted small'> · {page.items.length} 篇</span></h2>
            <div className={image ? 'page-columns' : ''}>
              {image && <PagePlate page={p} image={image} />}
              <div className='items'>
                {items.length === 0 && <p className='muted'>{onlyWithNotes ? '这一版没有需要注意的稿件。' : '这一版没有稿件。'}</p>}
                {items.map((i) => <ItemCard key={i} index={i} />)}
              </div>
            </div>
          </section>
        )
      })}
      <PublishPanel />
      <ArticlePreview />
    </div>
  )
}
