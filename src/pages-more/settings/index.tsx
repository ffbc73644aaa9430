import { services } from '@/app-services'
import { ServicesProvider } from '@/features/issue/issue-context'
import { StorageSettings } from '@/features/settings/storage-settings'
import { confirm } from '@/platform/ui'

const confirmClear = () => confirm('清除缓存', '清除后，没有网络时将无法阅读已保存的报纸。')

export default function SettingsPage() {
  return (
    <ServicesProvider services={services}>
      <StorageSettings confirmClear={confirmClear} />
    </ServicesProvider>
  )
}
