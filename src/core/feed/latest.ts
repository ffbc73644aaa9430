import type { Article, FeedIndex, Issue, LatestIssue } from './feed-v1'
import { listThumbnail } from '../issue-view'

type LatestArticle = LatestIssue['articles'][number]

/**
 * The index's `latest` block for `issue`: every 版's id and name, and the first 版's articles in
 * printed order with what a list shows of each (引题, 标题, 副题, the first credit, the thumbnail), so
 * the list drawn from it does not move when the issue itself replaces it. The newsroom writes it
 * whenever the newest issue changes; `feed check` compares it with the issue file through this same
 * function.
 */
export function latestOf(issue: Issue): LatestIssue {
  const first = issue.pages[0]
  const byId = new Map(issue.articles.map((a) => [a.id, a]))
  const articles = first.articleIds.flatMap((id): LatestArticle[] => {
    const a = byId.get(id)
    if (!a) return []
    const credit = a.byline[0]
    const photoCredit = credit ? undefined : a.figures[0]?.credit
    const thumb = listThumbnail(a)
    return [{
      id: a.id,
      ...(a.kicker ? { kicker: a.kicker } : {}),
      title: a.title,
      ...(a.subtitle ? { subtitle: a.subtitle } : {}),
      ...(credit ? { credit: { role: credit.role, name: credit.name } } : {}),
      ...(photoCredit ? { photoCredit: { role: photoCredit.role, name: photoCredit.name } } : {}),
      ...(thumb ? { thumb } : {})
    }]
  })
  return { id: issue.id, pages: issue.pages.map((p) => ({ id: p.id, name: p.name })), articles }
}

/** An entry of the block as the article a list item shows: its lines, first credit and photo credit. */
export function listedArticle(a: LatestArticle): Pick<Article, 'kicker' | 'title' | 'subtitle' | 'byline' | 'figures'> {
  return {
    kicker: a.kicker,
    title: a.title,
    subtitle: a.subtitle,
    byline: a.credit ? [a.credit] : [],
    figures: a.photoCredit ? [{ credit: a.photoCredit }] : []
  }
}

/**
 * The index's `latest` block when it describes the newest listed issue, else undefined: a block left
 * behind by a producer that moved `issues` on without it is ignored, never shown.
 */
export function currentLatest(index: FeedIndex): LatestIssue | undefined {
  const latest = index.latest
  return latest && index.issues[0] && latest.id === index.issues[0].id ? latest : undefined
}
