import { View } from '@tarojs/components'
import { listedArticle, type FeedIndex, type IssueSummary, type LatestIssue } from '@/core/feed'
import { articleUrl } from '@/core/routes'
import { Masthead } from '@/features/masthead/masthead'
import { PageTabs } from '@/components/page-tabs'
import { ArticleListItem } from './article-list-item'
import { IssueNav } from './issue-nav'
import { useServices } from './issue-context'

/**
 * The latest issue's first screen from the index alone (its `latest` block), while the issue file is
 * still on its way: masthead, tabs and the first 版's titles, so a first launch shows the list after
 * one request. Tapping an article opens it (its page loads the issue itself); the other tabs wait for
 * the issue. Each item shows what the full list will (credit and thumbnail too), so nothing moves
 * under a reader's finger when the issue replaces this screen.
 */
export function LatestPreview({ index, summary, latest, onOpenArticle, onNavigate, onSwitchIssue }: {
  index: FeedIndex
  summary: IssueSummary
  latest: LatestIssue
  onOpenArticle: (url: string) => void
  onNavigate: (url: string) => void
  onSwitchIssue: (url: string) => void
}) {
  const { assetUrl } = useServices()
  const tabs = latest.pages.map((p) => ({ id: p.id, label: p.name }))
  return (
    <View className='issue issue--preview'>
      <Masthead paper={index.paper} issue={summary} isLatest />
      <IssueNav issues={index.issues} issueId={summary.id} onNavigate={onNavigate} onSwitchIssue={onSwitchIssue} />
      <PageTabs tabs={tabs} selectedId={tabs[0].id} onSelect={() => {}} />
      <View className='issue__list'>
        {latest.articles.map((a) => (
          <ArticleListItem key={a.id} article={listedArticle(a)} thumbnailUrl={a.thumb ? assetUrl(a.thumb) : undefined} onOpen={() => onOpenArticle(articleUrl(latest.id, a.id))} />
        ))}
      </View>
    </View>
  )
}
