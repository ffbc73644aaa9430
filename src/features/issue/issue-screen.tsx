import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useStore } from 'zustand'
import { hasPageImages } from '@/core/page-view/geometry'
import { PageView } from '@/features/page-view/page-view'
import { PageThumbnails } from '@/features/page-view/page-thumbnails'
import { ViewSwitch } from '@/features/page-view/view-switch'
import { createPageViewStore, type PageViewStore } from '@/features/page-view/page-view-store'
import { screenMetrics } from '@/platform/system'
import { rememberFirstScreen } from '@/platform/first-screen'
import { firstScreenOf } from '@/core/first-screen'
import type { IssueAt } from '@/core/routes'
import { currentLatest, type FeedIndex, type Issue } from '@/core/feed'
import { articlesOnPage, listThumbnail } from '@/core/issue-view'
import { articleUrl, ROUTES } from '@/core/routes'
import { Masthead } from '@/features/masthead/masthead'
import { PageTabs } from '@/components/page-tabs'
import { EmptyState, ErrorState, LoadingState } from '@/components/status-view'
import { ArticleListItem } from './article-list-item'
import { IssueNav } from './issue-nav'
import { LatestPreview } from './latest-preview'
import { SubscribePanel } from '@/features/subscribe/subscribe-panel'
import { OfflineNotice } from './offline-notice'
import { NewIssueNotice } from './new-issue-notice'
import { feedErrorTitle } from './feed-error-text'
import { useIssueState, usePrefs, useServices } from './issue-context'
import { latestIssueId } from './issue-store'
import './issue-screen.css'

export interface IssueScreenProps {
  /** The issue to show; the latest when absent. */
  issueId?: string
  /** A 版 to open as its printed page (a shared link, 在版面中查看), with an article's zone lit. */
  at?: IssueAt
  onOpenArticle: (url: string) => void
  /** Open another page of the app (the archive, search, 我的, settings) on top of this one. */
  onNavigate: (url: string) => void
  /** Show another issue instead of this one (上一期 / 下一期). */
  onSwitchIssue: (url: string) => void
  /** Start over at the latest issue (for links to an issue that no longer exists). */
  onOpenLatest: () => void
}

// Stands in when no page-view store is supplied (tests' own services): 目录 only, nothing remembered.
const NO_PAGE_VIEW = createPageViewStore({ get: () => undefined, set() {}, remove() {}, keys: () => [] })

/** The issue page: masthead, page tabs, and the selected page's articles. */
export function IssueScreen({ issueId, at, onOpenArticle, onNavigate, onSwitchIssue, onOpenLatest }: IssueScreenProps) {
  const { issueStore, pageView } = useServices()
  const startMode = useStore(pageView ?? NO_PAGE_VIEW, (s) => s.mode)
  const index = useIssueState((s) => s.index)
  const latest = useIssueState(latestIssueId)
  const id = issueId ?? latest
  const entry = useIssueState((s) => (id ? s.issues[id] : undefined))

  useEffect(() => {
    void issueStore.getState().loadIndex()
  }, [issueStore])
  useEffect(() => {
    if (id) void issueStore.getState().loadIssue(id)
  }, [issueStore, id])

  if (!index || index.status === 'loading') return <LoadingState />
  if (index.status === 'error') {
    return <ErrorState title={feedErrorTitle(index.error)} message={index.error.message} onRetry={() => void issueStore.getState().loadIndex({ force: true })} />
  }
  if (!id) return <EmptyState text='还没有发布任何一期报纸' />
  if (!entry || entry.status === 'loading') {
    // The latest issue's list from the index while the issue itself loads, where the index carries it
    // and the view opens on the list (a reader on 版面 waits for the page image instead).
    const preview = !issueId && startMode === 'list' ? currentLatest(index.value) : undefined
    return preview
      ? <LatestPreview index={index.value} summary={index.value.issues[0]} latest={preview} onOpenArticle={onOpenArticle} onNavigate={onNavigate} onSwitchIssue={onSwitchIssue} />
      : <LoadingState />
  }
  if (entry.status === 'error') {
    if (entry.error.kind === 'not-found') {
      return <ErrorState title='没有找到这一期' message={`这个链接指向的报纸（${id}）不在目录中，可能已经下线。`} onRetry={onOpenLatest} retryLabel='看最新一期' />
    }
    return <ErrorState title={feedErrorTitle(entry.error)} message={entry.error.message} onRetry={() => void issueStore.getState().loadIssue(id, { force: true })} />
  }
  const retry = () => void issueStore.getState().refresh(id)
  return (
    <View>
      <OfflineNotice entry={entry.refreshError ? entry : index} onRetry={retry} />
      <NewIssueNotice issueId={entry.value.id} onOpenLatest={onOpenLatest} />
      {/* Keyed by issue: another issue starts afresh at its first 版. */}
      <IssueContent key={entry.value.id} at={at} index={index.value} issue={entry.value} firstScreen={!issueId && !entry.partial} onOpenArticle={onOpenArticle} onNavigate={onNavigate} onSwitchIssue={onSwitchIssue} />
    </View>
  )
}

function IssueContent({ index, issue, at, firstScreen, onOpenArticle, onNavigate, onSwitchIssue }: { index: FeedIndex, issue: Issue, at?: IssueAt, firstScreen: boolean } & Pick<IssueScreenProps, 'onOpenArticle' | 'onNavigate' | 'onSwitchIssue'>) {
  const { assetUrl, pageView } = useServices()
  const viewStore: PageViewStore = pageView ?? NO_PAGE_VIEW
  const linked = at && issue.pages.some((p) => p.id === at.pageId) ? at : undefined
  const [pageId, setPageId] = useState(linked?.pageId ?? issue.pages[0].id)
  const remembered = useStore(viewStore, (s) => s.mode)
  // A link to a 版 opens it as printed whatever was remembered; the reader's own switch is remembered.
  const [linkMode, setLinkMode] = useState(linked ? 'page' as const : undefined)
  const canShowPages = Boolean(pageView) && hasPageImages(issue)
  const mode = canShowPages ? linkMode ?? remembered : 'list'
  const [metrics] = useState(screenMetrics)
  const page = issue.pages.find((p) => p.id === pageId) ?? issue.pages[0]
  useEffect(() => {
    viewStore.getState().setShown(mode === 'page' ? { issueId: issue.id, pageId: page.id, pageName: page.name } : undefined)
  }, [viewStore, mode, issue.id, page.id, page.name])
  useEffect(() => () => viewStore.getState().setShown(undefined), [viewStore])
  // The latest-issue view is what the next start opens on: remember its first screen (the list only;
  // a reader on 版面 gets no early paint, which would be a list replaced by the page image). Only while
  // the first 版 is shown: WeChat's cache records the tree on screen, and a start opens on the first 版.
  const textSize = usePrefs((s) => s.textSize)
  const onFirstPage = pageId === issue.pages[0].id
  useEffect(() => {
    if (firstScreen && onFirstPage) rememberFirstScreen(mode === 'list' ? firstScreenOf(index, issue, textSize) : undefined)
  }, [firstScreen, onFirstPage, mode, index, issue, textSize])
  const tabs = useMemo(() => issue.pages.map((p) => ({ id: p.id, label: p.name })), [issue])
  const articles = useMemo(() => articlesOnPage(issue, pageId), [issue, pageId])
  return (
    <View className='issue'>
      <Masthead paper={index.paper} issue={issue} isLatest={index.issues[0]?.id === issue.id} />
      <IssueNav issues={index.issues} issueId={issue.id} onNavigate={onNavigate} onSwitchIssue={onSwitchIssue} />
      {canShowPages ? <ViewSwitch mode={mode} onChange={(m) => { setLinkMode(undefined); viewStore.getState().setMode(m) }} /> : null}
      <PageTabs tabs={tabs} selectedId={pageId} onSelect={setPageId} />
      {mode === 'page'
        ? (
          <View>
            <PageThumbnails issue={issue} pageId={page.id} assetUrl={assetUrl} onSelect={setPageId} />
            <PageView
              key={page.id}
              issue={issue}
              pageId={page.id}
              metrics={metrics}
              assetUrl={assetUrl}
              store={pageView}
              litArticleId={linked?.pageId === page.id ? linked.zone : undefined}
              onSelectPage={setPageId}
              onOpenArticle={(articleId) => onOpenArticle(articleUrl(issue.id, articleId))}
            />
          </View>
          )
        : null}
      <View className={mode === 'page' ? 'issue__list issue__list--aside' : 'issue__list'}>
        {articles.length === 0
          ? <EmptyState text='本版没有文章' />
          : articles.map((a) => {
            const src = listThumbnail(a)
            return (
              <ArticleListItem
                key={a.id}
                article={a}
                thumbnailUrl={src ? assetUrl(src) : undefined}
                onOpen={() => onOpenArticle(articleUrl(issue.id, a.id))}
              />
            )
          })}
      </View>
      <SubscribePanel />
      <View className='issue__footer'>
        {index.paper.site ? <Text className='issue__footer-text'>{index.paper.site}</Text> : null}
        <View className='issue__footer-link' hoverClass='issue__footer-link--pressed' onClick={() => onNavigate(ROUTES.settings)}>
          <Text>设置与离线缓存</Text>
        </View>
      </View>
    </View>
  )
}
