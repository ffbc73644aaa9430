/** 已发布: published issues newest first; open one to correct it, or take it down after a confirmation. */
import { useState } from 'react'
import { issueName } from '../format'
import { useConsole } from '../store-context'

export function IssueList() {
  const issues = useConsole((s) => s.issues)
  const open = useConsole((s) => s.openIssue)
  const remove = useConsole((s) => s.removeIssue)
  const [asking, setAsking] = useState<string>()
  return (
    <section className='panel' aria-labelledby='published-heading'>
      <h2 id='published-heading'>已发布</h2>
      {issues.length === 0 && <p className='muted'>还没有发布过报纸。</p>}
      <ul className='rows' data-testid='issue-list'>
        {issues.map((i) => (
          <li key={i.id} className='row' data-issue={i.id}>
            <div className='grow'>
              <strong>{issueName(i.date, i.number)}</strong> {i.title}
              <div className='muted small'>{i.articleCount} 篇稿件 · {i.id}</div>
            </div>
            {asking === i.id
              ? (
                <span className='confirm-inline' role='alert'>
                  确定撤下{issueName(i.date, i.number)}？读者将看不到这一期。
                  <button type='button' className='danger' onClick={() => { setAsking(undefined); void remove(i.id) }}>确定撤下</button>
                  <button type='button' onClick={() => setAsking(undefined)}>取消</button>
                </span>
                )
              : (
                <>
                  <button type='button' className='primary' onClick={() => void open(i.id)}>打开修改</button>
                  <button type='button' className='quiet' onClick={() => setAsking(i.id)}>撤下</button>
                </>
                )}
          </li>
        ))}
      </ul>
    </section>
  )
}
