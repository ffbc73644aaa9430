/** App routes in one place, so pages, share paths and tests agree. */
export const ROUTES = {
  issue: '/pages/issue/index',
  article: '/pages/article/index',
  settings: '/pages-more/settings/index',
  archive: '/pages-more/archive/index',
  search: '/pages-more/search/index',
  mine: '/pages-more/mine/index'
} as const

/** Where on the issue page a link lands: a 版 shown as its printed page, an article's zone lit on it. */
export interface IssueAt {
  pageId: string
  /** The article whose zone is highlighted when the page opens (在版面中查看). */
  zone?: string
}

/** The issue page's query for a 版 in the page view (`page=…&view=page`, and `zone=…`). */
export function issueAtQuery(at: IssueAt): string {
  return `page=${encodeURIComponent(at.pageId)}&view=page${at.zone ? `&zone=${encodeURIComponent(at.zone)}` : ''}`
}

export function issueUrl(issueId?: string, at?: IssueAt): string {
  if (!issueId) return ROUTES.issue
  return `${ROUTES.issue}?id=${encodeURIComponent(issueId)}${at ? `&${issueAtQuery(at)}` : ''}`
}

export function articleUrl(issueId: string, articleId: string): string {
  return `${ROUTES.article}?issue=${encodeURIComponent(issueId)}&article=${encodeURIComponent(articleId)}`
}

export function archiveUrl(month?: string): string {
  return month ? `${ROUTES.archive}?month=${encodeURIComponent(month)}` : ROUTES.archive
}
