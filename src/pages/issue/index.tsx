import { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { services } from '@/app-services'
import { ServicesProvider } from '@/features/issue/issue-context'
import { IssueScreen } from '@/features/issue/issue-screen'
import { openPage } from '@/platform/navigation'
import { stopPullDownRefresh } from '@/platform/ui'

export default function IssuePage() {
  const { params } = useRouter()
  const issueId = params.id || undefined
  usePullDownRefresh(() => {
    void services.issueStore.getState().refresh(issueId).finally(stopPullDownRefresh)
  })
  return (
    <ServicesProvider services={services}>
      <IssueScreen issueId={issueId} onOpenArticle={openPage} onOpenSettings={openPage} />
    </ServicesProvider>
  )
}
