import { usePullDownRefresh, useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { services } from '@/app-services'
import shareCard from '@/assets/share-card.png'
import { issueUrl } from '@/core/routes'
import { issueShareTarget } from '@/features/article/share-targets'
import { ServicesProvider } from '@/features/issue/issue-context'
import { IssueScreen } from '@/features/issue/issue-screen'
import { openPage, relaunch, replacePage } from '@/platform/navigation'
import { stopPullDownRefresh } from '@/platform/ui'

export default function IssuePage() {
  const { params } = useRouter()
  const issueId = params.id || undefined
  // page=…&view=page (a shared 版, 在版面中查看) opens that 版 as printed; zone=… lights an article on it.
  const at = issueId && params.page && params.view === 'page' ? { pageId: params.page, zone: params.zone || undefined } : undefined
  usePullDownRefresh(() => {
    void services.issueStore.getState().refresh(issueId).finally(stopPullDownRefresh)
  })
  const target = () => issueShareTarget(services.issueStore.getState(), issueId, services.assetUrl, shareCard, services.pageView.getState().shown)
  useShareAppMessage(() => target().chat)
  useShareTimeline(() => target().timeline)
  return (
    <ServicesProvider services={services}>
      <IssueScreen issueId={issueId} at={at} onOpenArticle={openPage} onNavigate={openPage} onSwitchIssue={replacePage} onOpenLatest={() => relaunch(issueUrl())} />
    </ServicesProvider>
  )
}
