import { useRouter } from '@tarojs/taro'
import { services } from '@/app-services'
import { ArchiveScreen } from '@/features/archive/archive-screen'
import { ServicesProvider } from '@/features/issue/issue-context'
import { replacePage } from '@/platform/navigation'

export default function ArchivePage() {
  const { params } = useRouter()
  return (
    <ServicesProvider services={services}>
      <ArchiveScreen month={params.month} onOpenIssue={replacePage} />
    </ServicesProvider>
  )
}
