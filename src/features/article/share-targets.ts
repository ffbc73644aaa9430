import { articleContext } from '@/core/issue-view'
import { articleShare, fallbackShare, issueShare, type ShareTarget } from '@/core/share'
import { articleUrl, issueUrl } from '@/core/routes'
import type { IssueState } from '@/features/issue/issue-store'

/**
 * What sharing the article page offers, from what the store holds. When the article is not loaded
 * (yet), the link still names the issue and article so it opens the right thing.
 */
export function articleShareTarget(state: IssueState, issueId: string, articleId: string, assetUrl: (src: string) => string, card: string): ShareTarget {
  const entry = state.issues[issueId]
  const ctx = entry?.status === 'ready' ? articleContext(entry.value, articleId) : undefined
  if (entry?.status === 'ready' && ctx) return articleShare(entry.value, ctx.article, assetUrl, card)
  return fallbackShare(articleUrl(issueId, articleId), card)
}

/**
 * What sharing the issue page offers: the issue shown (the latest when no id is given), at the 版 on
 * screen when the page view shows one (`shown`), so the link opens that 版 as printed.
 */
export function issueShareTarget(state: IssueState, issueId: string | undefined, assetUrl: (src: string) => string, card: string, shown?: { issueId: string, pageId: string, pageName: string }): ShareTarget {
  const index = state.index?.status === 'ready' ? state.index.value : undefined
  const summary = index?.issues.find((s) => s.id === issueId) ?? (issueId ? undefined : index?.issues[0])
  const page = shown && summary && shown.issueId === summary.id ? { id: shown.pageId, name: shown.pageName } : undefined
  if (index && summary) return issueShare(index.paper, summary, assetUrl, card, page)
  return fallbackShare(issueUrl(issueId, page && issueId ? { pageId: page.id } : undefined), card)
}
