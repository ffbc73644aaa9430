import { Text, View } from '@tarojs/components'
import type { IssueSummary } from '@/core/feed'
import { shortIssueDate } from '@/core/dates'
import { neighbourIssues } from '@/core/month-grid'
import { issueUrl, ROUTES } from '@/core/routes'
import './issue-nav.css'

const LINKS = [['往期', ROUTES.archive], ['搜索', ROUTES.search], ['我的', ROUTES.mine]] as const

/**
 * Between masthead and tabs: the previous (older) and next (newer) issue, and the ways to the
 * archive, search and 我的 (favourites, history, text size). Moving to a neighbour is a move sideways
 * (`onSwitchIssue`, which replaces the page); the links open pages on top (`onNavigate`).
 */
export function IssueNav({ issues, issueId, onNavigate, onSwitchIssue }: { issues: IssueSummary[], issueId: string, onNavigate: (url: string) => void, onSwitchIssue: (url: string) => void }) {
  const { older, newer } = neighbourIssues(issues, issueId)
  return (
    <View className='issue-nav'>
      <View className='issue-nav__row'>
        <View className={`issue-nav__link${older ? '' : ' issue-nav__link--off'}`} hoverClass='issue-nav__link--pressed' onClick={() => older && onSwitchIssue(issueUrl(older.id))}>
          <Text className='issue-nav__text'>{older ? `‹ 上一期 ${shortIssueDate(older.date).split(' ')[0]}` : '没有更早的一期'}</Text>
        </View>
        <View className={`issue-nav__link${newer ? '' : ' issue-nav__link--off'}`} hoverClass='issue-nav__link--pressed' onClick={() => newer && onSwitchIssue(issueUrl(newer.id))}>
          <Text className='issue-nav__text'>{newer ? `下一期 ${shortIssueDate(newer.date).split(' ')[0]} ›` : '已是最新一期'}</Text>
        </View>
      </View>
      <View className='issue-nav__row issue-nav__row--links'>
        {LINKS.map(([label, url]) => (
          <View key={url} className='issue-nav__link issue-nav__link--main' hoverClass='issue-nav__link--pressed' onClick={() => onNavigate(url)}>
            <Text className='issue-nav__text'>{label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
