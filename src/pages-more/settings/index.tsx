import { View } from '@tarojs/components'
import { services } from '@/app-services'
import { ServicesProvider } from '@/features/issue/issue-context'
import { TextSizePicker } from '@/features/prefs/text-size-picker'
import { StorageSettings } from '@/features/settings/storage-settings'
import { confirm } from '@/platform/ui'

const confirmClear = () => confirm('清除缓存', '清除后，没有网络时将无法阅读已保存的报纸。收藏的文章和阅读记录不受影响。')

export default function SettingsPage() {
  return (
    <ServicesProvider services={services}>
      <View className='settings__section'>
        <TextSizePicker />
      </View>
      <StorageSettings confirmClear={confirmClear} />
    </ServicesProvider>
  )
}
