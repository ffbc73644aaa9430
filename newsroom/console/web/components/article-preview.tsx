/**
 * 预览: one item as readers will see it, from the publish plan's feed articles (what would actually be
 * published). Everything is rendered as text.
 */
import { useConsole } from '../store-context'

export function ArticlePreview() {
  const index = useConsole((s) => s.previewItem)
  const plan = useConsole((s) => s.plan)
  const planning = useConsole((s) => s.planning)
  const error = useConsole((s) => s.planError)
  const item = useConsole((s) => (index === undefined ? undefined : s.draft?.issue.items[index]))
  const photos = useConsole((s) => s.draft?.photos)
  const close = useConsole((s) => s.preview)
  if (index === undefined) return null
  const article = plan?.articles[index]
  const photoUrl = (n: number) => {
    const key = item?.photos?.[n]
    return key ? photos?.find((p) => p.key === key)?.url : undefined
  }
  return (
    <div className='overlay' role='dialog' aria-modal='true' aria-label='预览'>
      <div className='sheet preview'>
        <div className='sheet-bar'>
          <strong>预览（读者看到的样子）</strong>
          <button type='button' onClick={() => void close(undefined)}>关闭</button>
        </div>
        {planning && <p className='muted'>正在生成预览…</p>}
        {error && <p className='error' role='alert'>{error}</p>}
        {article && (
          <div className='reader' data-testid='preview'>
            {article.kicker && <p className='r-kicker'>{article.kicker}</p>}
            <h1 className='r-title'>{article.title}</h1>
            {article.subtitle && <p className='r-subtitle'>{article.subtitle}</p>}
            {(article.dateline || article.byline.length > 0) && (
              <p className='r-credits'>{[article.dateline, article.byline.map((p) => `${p.role} ${p.name}`).join(' ')].filter(Boolean).join('　')}</p>
            )}
            {article.figures.map((f, n) => (
              <figure key={n}>
                {photoUrl(n) ? <img src={photoUrl(n)} alt={f.caption ?? ''} /> : <div className='r-nophoto'>（图片）</div>}
                {(f.caption || f.credit) && <figcaption>{f.caption}{f.credit ? `　${f.credit.role} ${f.credit.name} 摄` : ''}</figcaption>}
              </figure>
            ))}
            {article.paragraphs.map((p, k) => <p key={k} className='r-p'>{p}</p>)}
          </div>
        )}
      </div>
    </div>
  )
}
