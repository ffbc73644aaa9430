import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { shortIssueDate } from '@/core/dates'
import { useServices } from '@/features/issue/issue-context'
import './storage-settings.css'

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`
}

/** How much the offline copy of the paper takes, which issues it holds, and a way to clear it. */
export function StorageSettings({ confirmClear }: { confirmClear: () => Promise<boolean> }) {
  const { cache, pageView } = useServices()
  const [usage, setUsage] = useState(() => cache?.usage())
  const images = pageView?.images
  const [imageUsage, setImageUsage] = useState(() => images?.usage())
  if (!cache || !usage) return <Text className='settings__text'>本机不保存离线内容。</Text>
  const issues = [...usage.issues].sort((a, b) => (a.id < b.id ? 1 : -1))
  const clear = async () => {
    if (!(await confirmClear())) return
    cache.clear()
    setUsage(cache.usage())
    if (images) {
      await images.clear()
      setImageUsage(images.usage())
    }
  }
  return (
    <View className='settings'>
      <View className='settings__section'>
        <Text className='settings__heading'>离线缓存</Text>
        <Text className='settings__text'>{`已保存 ${issues.length} 期，占用 ${megabytes(usage.bytes)}（上限 ${megabytes(usage.budget)}）`}</Text>
        {imageUsage
          ? <Text className='settings__text'>{`版面图 ${imageUsage.issues.length} 期，占用 ${megabytes(imageUsage.bytes)}（上限 ${megabytes(imageUsage.budget)}，与报纸文字分开计算）`}</Text>
          : null}
        <Text className='settings__hint'>读过的报纸会保存在手机上，没有网络时也能阅读。空间不够时，最久没读的一期先被清理。</Text>
        {issues.map((i) => (
          <View key={i.id} className='settings__row'>
            <Text className='settings__row-label'>{shortIssueDate(i.id)}</Text>
            <Text className='settings__row-value'>{`${(i.bytes / 1024).toFixed(0)} KB`}</Text>
          </View>
        ))}
        <Button className='settings__button' hoverClass='settings__button--pressed' disabled={issues.length === 0 && !imageUsage?.bytes ? true : undefined} onClick={() => void clear()}>清除缓存</Button>
      </View>
    </View>
  )
}
