import type { Article, Issue, IssueSummary, Paper } from './feed'
import { formatIssueDateSafe } from './calendar'
import { issueAtQuery } from './routes'

/** What a share to a chat needs (onShareAppMessage). */
export interface ChatShare {
  title: string
  /** App path with the ids needed to open the same thing cold. */
  path: string
  imageUrl: string
}

/** What a share to Moments needs (onShareTimeline): the page is the current one, so only the query. */
export interface TimelineShare {
  title: string
  query: string
  imageUrl: string
}

export interface ShareTarget {
  chat: ChatShare
  timeline: TimelineShare
}

/**
 * Share data for an article: its title, its first photo (or the paper's share card; a generated
 * placeholder is never shared as if it were a photo), and a path/query that names the issue and
 * the article so the link works from a cold start.
 */
export function articleShare(issue: Issue, article: Article, assetUrl: (src: string) => string, card: string): ShareTarget {
  const src = article.figures.find((f) => f.src && !f.placeholder)?.src
  const imageUrl = src ? assetUrl(src) : card
  const query = `issue=${encodeURIComponent(issue.id)}&article=${encodeURIComponent(article.id)}`
  return {
    chat: { title: article.title, path: `/pages/article/index?${query}`, imageUrl },
    timeline: { title: article.title, query, imageUrl }
  }
}

/**
 * Share data for a whole issue: paper, number and date, and the lead headline; shared from the page
 * view (`page`), the 版 by name instead of the headline, and a link that opens that 版 as printed.
 */
export function issueShare(paper: Paper, summary: IssueSummary, assetUrl: (src: string) => string, card: string, page?: { id: string, name: string }): ShareTarget {
  // The Gregorian part only: the lunar date would make the title too long for a chat card.
  const date = (formatIssueDateSafe(summary.date) ?? summary.date).split(' ')[0]
  const title = `${paper.name} 第${summary.number}期 ${date}：${page ? page.name : summary.headline}`
  const imageUrl = summary.cover && !summary.cover.placeholder ? assetUrl(summary.cover.src) : card
  const query = `id=${encodeURIComponent(summary.id)}${page ? `&${issueAtQuery({ pageId: page.id })}` : ''}`
  return {
    chat: { title, path: `/pages/issue/index?${query}`, imageUrl },
    timeline: { title, query, imageUrl }
  }
}

/**
 * Share data when the thing shared is not loaded (yet): the paper's name and card, and the page's own
 * path, which names what to open from a cold start.
 */
export function fallbackShare(path: string, card: string): ShareTarget {
  const title = '高新区报'
  return { chat: { title, path, imageUrl: card }, timeline: { title, query: path.split('?')[1] ?? '', imageUrl: card } }
}
