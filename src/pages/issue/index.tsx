import { useRouter } from '@tarojs/taro'
import { feedClient, issueStore } from '@/app-services'
import { ServicesProvider } from '@/features/issue/issue-context'
import { IssueScreen } from '@/features/issue/issue-screen'
import { openPage } from '@/platform/navigation'

const services = { issueStore, assetUrl: feedClient.assetUrl }

export default function IssuePage() {
  const { params } = useRouter()
  return (
    <ServicesProvider services={services}>
      <IssueScreen issueId={params.id || undefined} onOpenArticle={openPage} />
    </ServicesProvider>
  )
}
