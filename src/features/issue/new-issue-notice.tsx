import { Text, View } from '@tarojs/components'
import { shortIssueDate } from '@/core/dates'
import { useIssueState } from './issue-context'
import './offline-notice.css'

/**
 * A quiet line for a reader in an older issue when a new one has been published while the app was
 * open (found on return to the foreground): it names the new issue and leads to it. Nothing
 * otherwise, and nothing on the new issue itself.
 */
export function NewIssueNotice({ issueId, onOpenLatest }: { issueId: string, onOpenLatest: () => void }) {
  const newIssueId = useIssueState((s) => s.newIssueId)
  const summary = useIssueState((s) => (s.index?.status === 'ready' ? s.index.value.issues[0] : undefined))
  if (!newIssueId || newIssueId === issueId || summary?.id !== newIssueId) return null
  return (
    <View className='offline-notice new-issue-notice' role='status' hoverClass='offline-notice--pressed' onClick={onOpenLatest}>
      <Text className='offline-notice__text'>{`有新一期：${shortIssueDate(summary.date).split(' ')[0]} 总第${summary.number}期 · 点此阅读`}</Text>
    </View>
  )
}
