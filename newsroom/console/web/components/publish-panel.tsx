/** 发布: a confirmation naming the issue, the publish, its reader link, then 通知订阅读者 with the counts. */
import { issueName } from '../format'
import { useConsole } from '../store-context'

export function PublishPanel() {
  const draft = useConsole((s) => s.draft)
  const save = useConsole((s) => s.save)
  const plan = useConsole((s) => s.plan)
  const planning = useConsole((s) => s.planning)
  const planError = useConsole((s) => s.planError)
  const previewOpen = useConsole((s) => s.previewItem !== undefined)
  const state = useConsole((s) => s.publishing)
  const error = useConsole((s) => s.publishError)
  const result = useConsole((s) => s.published)
  const notify = useConsole((s) => s.notify)
  const notifying = useConsole((s) => s.notifying)
  const notifyError = useConsole((s) => s.notifyError)
  const session = useConsole((s) => s.session)
  const ask = useConsole((s) => s.askPublish)
  const cancel = useConsole((s) => s.cancelPublish)
  const publish = useConsole((s) => s.publish)
  const sendNotify = useConsole((s) => s.notifySubscribers)
  const beside = useConsole((s) => s.beside)
  const setBeside = useConsole((s) => s.setBeside)
  if (!draft) return null
  const name = issueName(draft.issue.date, draft.issue.number)
  const readerLink = result ? new URL(result.url, window.location.origin).href : undefined

  return (
    <section className='panel publish' aria-label='发布'>
      <h2>发布</h2>
      {state === 'idle' && (
        <>
          <p>校对完成后发布{name}。发布前会再请你确认。</p>
          <button type='button' className='primary big' disabled={planning || save === 'conflict' || save === 'failed' ? true : undefined} onClick={() => void ask()}>
            {planning ? '正在检查…' : '发布…'}
          </button>
          {planError && !previewOpen && <p className='error' role='alert'>{planError}</p>}
        </>
      )}
      {(state === 'confirm' || state === 'sending') && plan && (
        <div className='overlay' role='dialog' aria-modal='true' aria-label='确认发布'>
          <div className='sheet confirm'>
            <h2>确认发布</h2>
            <p className='big-text'>日期：<strong>{plan.date}</strong>（{issueName(plan.date, plan.number).split(' ')[0]}）</p>
            <p className='big-text'>期号：<strong>总第{plan.number}期</strong></p>
            <p>共 {plan.articles.length} 篇稿件，{draft.issue.pages.length} 个版。{plan.replaces ? `这会修改已发布的 ${issueName(plan.replaces.date, plan.replaces.number)}，稿件链接保持不变。` : '这是新的一期。'}</p>
            {plan.conflict && <p className='error' role='alert'>{plan.conflict.message}</p>}
            {(plan.conflict || beside) && (
              <label className='filter'>
                <input type='checkbox' checked={beside} onChange={(e) => void setBeside(e.target.checked)} />
                作为同一天的另一期（如号外）发布
              </label>
            )}
            {error && <p className='error' role='alert'>{error}</p>}
            <div className='sheet-actions'>
              <button type='button' onClick={cancel} disabled={state === 'sending' ? true : undefined}>取消</button>
              <button type='button' className='primary' disabled={state === 'sending' || plan.conflict || session?.canPublish === false ? true : undefined} onClick={() => void publish()}>
                {state === 'sending' ? '正在发布…' : `确认发布 ${name}`}
              </button>
            </div>
          </div>
        </div>
      )}
      {state === 'done' && result && (
        <div className='result' role='status'>
          <p className='big-text ok'>已发布 {name}（{result.articleIds.length} 篇稿件）。</p>
          <p>读者链接：<a href={readerLink} target='_blank' rel='noopener noreferrer' data-testid='reader-link'>{readerLink}</a></p>
          {!notify && (
            <button type='button' className='primary big' disabled={notifying || session?.notifications === false ? true : undefined} onClick={() => void sendNotify()}>
              通知订阅读者
            </button>
          )}
          {session?.notifications === false && !notify && <p className='muted'>服务器没有配置微信订阅消息，无法通知读者。</p>}
          {notify && (
            <p className='counts' data-testid='notify-counts'>
              {notify.done ? '通知完成' : '正在通知…'}：已发送 <strong>{notify.sent}</strong>，跳过 <strong>{notify.skipped}</strong>，失败 <strong>{notify.failed}</strong>
              {notify.created ? '' : '（这一期此前已通知过，没有重复发送）'}
            </p>
          )}
          {notifyError && <p className='error' role='alert'>{notifyError}</p>}
        </div>
      )}
    </section>
  )
}
