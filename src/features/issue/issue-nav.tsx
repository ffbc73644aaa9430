import { Text, View } from '@tarojs/components'
import type { IssueSummary } from '@/core/feed'
import { shortIssueDate } from '@/core/dates'
import { neighbourIssues } from '@/core/month-grid'
import { issueUrl, ROUTES } from '@/core/routes'
import './issue-nav.css'

/** Between masthead and tabs: the previous (older) and next (newer) issue, and the archive. */
export function IssueNav({ issues, issueId, onNavigate }: { issues: IssueSummary[], issueId: string, onNavigate: (url: string) => void }) {
  const { older, newer } = neighbourIssues(issues, issueId)
  return (
    <View className='issue-nav'>
      <View className={`issue-nav__link${older ? '' : ' issue-nav__link--off'}`} hoverClass='issue-nav__link--pressed' onClick={() => older && onNavigate(issueUrl(older.id))}>
        <Text className='issue-nav__text'>{older ? `‹ 上一期 ${shortIssueDate(older.date).split(' ')[0]}` : '没有更早的一期'}</Text>
      </View>
      <View className='issue-nav__link issue-nav__link--archive' hoverClass='issue-nav__link--pressed' onClick={() => onNavigate(ROUTES.archive)}>
        <Text className='issue-nav__text'>往期</Text>
      </View>
      <View className={`issue-nav__link${newer ? '' : ' issue-nav__link--off'}`} hoverClass='issue-nav__link--pressed' onClick={() => newer && onNavigate(issueUrl(newer.id))}>
        <Text className='issue-nav__text'>{newer ? `下一期 ${shortIssueDate(newer.date).split(' ')[0]} ›` : '已是最新一期'}</Text>
      </View>
    </View>
  )
}
