import type { FeedIndex, Issue, LatestIssue } from './feed-v1'

/**
 * The index's `latest` block for `issue`: every 版's id and name, and the first 版's articles in
 * printed order with the lines a list shows (引题, 标题, 副题). The newsroom writes it whenever the
 * newest issue changes; `feed check` compares it with the issue file through this same function.
 */
export function latestOf(issue: Issue): LatestIssue {
  const first = issue.pages[0]
  const byId = new Map(issue.articles.map((a) => [a.id, a]))
  const articles = first.articleIds.flatMap((id) => {
    const a = byId.get(id)
    if (!a) return []
    return [{ id: a.id, ...(a.kicker ? { kicker: a.kicker } : {}), title: a.title, ...(a.subtitle ? { subtitle: a.subtitle } : {}) }]
  })
  return { id: issue.id, pages: issue.pages.map((p) => ({ id: p.id, name: p.name })), articles }
}

/**
 * The index's `latest` block when it describes the newest listed issue, else undefined: a block left
 * behind by a producer that moved `issues` on without it is ignored, never shown.
 */
export function currentLatest(index: FeedIndex): LatestIssue | undefined {
  const latest = index.latest
  return latest && index.issues[0] && latest.id === index.issues[0].id ? latest : undefined
}
