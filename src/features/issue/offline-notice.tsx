import { Text, View } from '@tarojs/components'
import { formatSavedAt } from '@/core/dates'
import type { Loadable } from './issue-store'
import './offline-notice.css'

/**
 * A quiet line above the content when what is shown is a saved copy that could not be refreshed,
 * saying how old it is (or that only the favourites of the issue were kept); tapping it tries again. Nothing is shown while the copy is current.
 */
export function OfflineNotice({ entry, onRetry }: { entry: Loadable<unknown> | null | undefined, onRetry: () => void }) {
  if (!entry || entry.status !== 'ready' || !entry.refreshError) return null
  const why = entry.refreshError.kind === 'offline' ? '网络未连接' : entry.refreshError.kind === 'timeout' ? '网络较慢' : '暂时无法更新'
  return (
    <View className='offline-notice' role='status' hoverClass='offline-notice--pressed' onClick={onRetry}>
      <Text className='offline-notice__text'>{`${why}，${entry.partial ? '本期只保存了你收藏的文章' : `正在显示 ${formatSavedAt(entry.savedAt)} 保存的版本`} · 点此重试`}</Text>
    </View>
  )
}
