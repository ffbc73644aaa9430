import { useEffect, type ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { Article } from '@/core/feed'
import { shortIssueDate } from '@/core/dates'
import { articleContext } from '@/core/issue-view'
import { articleUrl, issueUrl } from '@/core/routes'
import { pageOfArticle } from '@/core/page-view/geometry'
import { ErrorState, LoadingState } from '@/components/status-view'
import { feedErrorTitle } from '@/features/issue/feed-error-text'
import { useIssueState, useServices } from '@/features/issue/issue-context'
import { OfflineNotice } from '@/features/issue/offline-notice'
import { NewIssueNotice } from '@/features/issue/new-issue-notice'
import { FavouriteButton } from '@/features/library/favourite-button'
import { TextSizePicker } from '@/features/prefs/text-size-picker'
import { ArticleBody } from './article-body'
import './article-screen.css'

export interface ArticleScreenProps {
  issueId?: string
  articleId?: string
  /** Go to another article of the issue, replacing this page. */
  onReplace: (url: string) => void
  /** Back to the issue (or open it when this page was opened directly). */
  onBackToIssue: (url: string) => void
  /** Start over at the latest issue (for links to an issue that no longer exists). */
  onOpenLatest: () => void
  /**
   * Moments' single-page mode: the page is shown alone, with no navigation, so the article is
   * rendered in full without the links to other pages.
   */
  singlePage?: boolean
  /** Sharing controls for this platform, shown under the article. */
  shareControl?: ReactNode
  /** Open the issue at the article's 版 as printed, its zone lit (在版面中查看); hidden when absent. */
  onShowOnPage?: (url: string) => void
}

/** The article page: the article, its place in the issue, and the way to the previous and next one. */
export function ArticleScreen({ issueId, articleId, onReplace, onBackToIssue, onOpenLatest, singlePage = false, shareControl, onShowOnPage }: ArticleScreenProps) {
  const { issueStore, libraryStore, assetUrl } = useServices()
  const entry = useIssueState((s) => (issueId ? s.issues[issueId] : undefined))
  const issue = entry?.status === 'ready' ? entry.value : undefined
  const ctx = issue && articleId ? articleContext(issue, articleId) : undefined
  const ref = issue && ctx ? { issueId: issue.id, articleId: ctx.article.id, title: ctx.article.title, date: issue.date, pageName: ctx.page.name } : undefined

  useEffect(() => {
    if (issueId) void issueStore.getState().loadIssue(issueId)
  }, [issueStore, issueId])
  // Reading history: once the article is actually on screen.
  useEffect(() => {
    if (ref) libraryStore.getState().recordRead(ref)
  }, [libraryStore, ref?.issueId, ref?.articleId])

  if (!issueId || !articleId) {
    return <ErrorState title='链接不完整' message='这个链接缺少报纸期号或文章编号。' onRetry={onOpenLatest} retryLabel='看最新一期' />
  }
  if (!entry || entry.status === 'loading') return <LoadingState />
  if (entry.status === 'error') {
    if (entry.error.kind === 'not-found') {
      return <ErrorState title='没有找到这一期' message={`这篇文章所在的报纸（${issueId}）不在目录中，可能已经下线。`} onRetry={onOpenLatest} retryLabel='看最新一期' />
    }
    return <ErrorState title={feedErrorTitle(entry.error)} message={entry.error.message} onRetry={() => void issueStore.getState().loadIssue(issueId, { force: true })} />
  }
  if (!issue || !ctx || !ref) {
    return <ErrorState title='没有找到这篇文章' message={`本期（${entry.value.date}）中没有这篇文章。`} onRetry={() => onBackToIssue(issueUrl(entry.value.id))} retryLabel='回到本期' />
  }
  return (
    <View className='article-screen'>
      <OfflineNotice entry={entry} onRetry={() => void issueStore.getState().loadIssue(issue.id, { force: true })} />
      {singlePage ? null : <NewIssueNotice issueId={issue.id} onOpenLatest={onOpenLatest} />}
      <View className='article-screen__where'>
        <Text className='article-screen__page'>{`${shortIssueDate(issue.date)} · ${ctx.page.name}`}</Text>
        <Text className='article-screen__position'>{`${ctx.position} / ${ctx.total}`}</Text>
      </View>
      <View className='article-screen__tools'>
        <FavouriteButton article={ref} />
        {onShowOnPage && !singlePage && pageOfArticle(issue, ctx.article.id)
          ? (
            <Button className='article-screen__on-page' hoverClass='article-screen__button--pressed' onClick={() => onShowOnPage(issueUrl(issue.id, { pageId: pageOfArticle(issue, ctx.article.id) as string, zone: ctx.article.id }))}>
              在版面中查看
            </Button>
            )
          : null}
      </View>
      <View className='article-screen__tools'>
        <TextSizePicker />
      </View>
      <ArticleBody article={ctx.article} assetUrl={assetUrl} />
      {shareControl}
      {singlePage
        ? null
        : (
          <View className='article-screen__nav'>
            <NeighbourButton label='上一篇' none='已是第一篇' target={ctx.previous} onOpen={(a) => onReplace(articleUrl(issue.id, a.id))} />
            <NeighbourButton label='下一篇' none='已是最后一篇' target={ctx.next} onOpen={(a) => onReplace(articleUrl(issue.id, a.id))} />
            <Button className='article-screen__button article-screen__button--issue' hoverClass='article-screen__button--pressed' onClick={() => onBackToIssue(issueUrl(issue.id))}>
              返回本期目录
            </Button>
          </View>
          )}
    </View>
  )
}

/** The way to the previous or next article, or a plain note that there is none. */
function NeighbourButton({ label, none, target, onOpen }: { label: string, none: string, target?: Article, onOpen: (a: Article) => void }) {
  return (
    <Button
      className='article-screen__button'
      hoverClass='article-screen__button--pressed'
      // Taro's H5 button styles any `disabled` attribute, even "false", as disabled: omit it instead.
      disabled={target ? undefined : true}
      onClick={() => target && onOpen(target)}
    >
      {target ? `${label}：${target.title}` : none}
    </Button>
  )
}
