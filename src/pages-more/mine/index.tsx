import { services } from '@/app-services'
import { ServicesProvider } from '@/features/issue/issue-context'
import { MineScreen } from '@/features/library/mine-screen'
import { openPage } from '@/platform/navigation'

export default function MinePage() {
  return (
    <ServicesProvider services={services}>
      <MineScreen onNavigate={openPage} />
    </ServicesProvider>
  )
}
