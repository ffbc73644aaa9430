/** 草稿: uploads and corrections not yet published (or published and kept for later corrections). */
import { useState } from 'react'
import { beijingTime, issueName } from '../format'
import { useConsole } from '../store-context'

export function DraftList() {
  const drafts = useConsole((s) => s.drafts)
  const open = useConsole((s) => s.openDraft)
  const remove = useConsole((s) => s.deleteDraft)
  const [asking, setAsking] = useState<string>()
  if (drafts.length === 0) return null
  return (
    <section className='panel'>
      <h2>草稿</h2>
      <ul className='rows'>
        {drafts.map((d) => (
          <li key={d.id} className='row'>
            <div className='grow'>
              <strong>{issueName(d.date, d.number)}</strong> {d.headline}
              <div className='muted small'>
                {d.itemCount} 篇稿件{d.warningCount > 0 ? `，${d.warningCount} 条提示` : ''}；{d.source.kind === 'published' ? '改自已发布的一期' : d.source.files.join('、')}；最后修改 {beijingTime(d.updatedAt)}
                {d.published ? `；已发布为 ${d.published.issueId}` : ''}
              </div>
            </div>
            {asking === d.id
              ? (
                <span className='confirm-inline'>
                  确定删除这份草稿？
                  <button type='button' className='danger' onClick={() => { setAsking(undefined); void remove(d.id) }}>删除</button>
                  <button type='button' onClick={() => setAsking(undefined)}>取消</button>
                </span>
                )
              : (
                <>
                  <button type='button' className='primary' onClick={() => void open(d.id)}>继续校对</button>
                  <button type='button' className='quiet' onClick={() => setAsking(d.id)}>删除</button>
                </>
                )}
          </li>
        ))}
      </ul>
    </section>
  )
}
