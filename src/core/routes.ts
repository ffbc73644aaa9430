/** App routes in one place, so pages, share paths and tests agree. */
export const ROUTES = {
  issue: '/pages/issue/index',
  article: '/pages/article/index',
  settings: '/pages-more/settings/index',
  archive: '/pages-more/archive/index',
  search: '/pages-more/search/index',
  mine: '/pages-more/mine/index'
} as const

export function issueUrl(issueId?: string): string {
  return issueId ? `${ROUTES.issue}?id=${encodeURIComponent(issueId)}` : ROUTES.issue
}

export function articleUrl(issueId: string, articleId: string): string {
  return `${ROUTES.article}?issue=${encodeURIComponent(issueId)}&article=${encodeURIComponent(articleId)}`
}

export function archiveUrl(month?: string): string {
  return month ? `${ROUTES.archive}?month=${encodeURIComponent(month)}` : ROUTES.archive
}
