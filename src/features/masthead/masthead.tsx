import { Text, View } from '@tarojs/components'
import type { Issue, Paper } from '@/core/feed'
import { asLunarMonthStyle, formatIssueDateSafe } from '@/core/calendar'
import { recentDayLabel } from '@/core/dates'
import './masthead.css'

/**
 * The printed masthead: paper name, issue numbers and the full date line with the lunar date; the
 * latest issue is marked, with 今天/昨天 when it came out that recently (Beijing time).
 */
export function Masthead({ paper, issue, isLatest }: { paper: Paper, issue: Pick<Issue, 'date' | 'number' | 'yearNumber'>, isLatest: boolean }) {
  const year = issue.date.slice(0, 4)
  const recent = recentDayLabel(issue.date)
  return (
    <View className='masthead'>
      <Text className='masthead__name'>{paper.name}</Text>
      <View className='masthead__numbers'>
        <Text className='masthead__number'>{`总第${issue.number}期`}</Text>
        <Text className='masthead__number'>{`${year}年第${issue.yearNumber}期`}</Text>
      </View>
      <Text className='masthead__date'>{formatIssueDateSafe(issue.date, { lunarMonthStyle: asLunarMonthStyle(paper.lunarMonthStyle) }) ?? issue.date}</Text>
      {paper.slogan ? <Text className='masthead__slogan'>{paper.slogan}</Text> : null}
      {isLatest ? <Text className='masthead__latest'>{recent ? `最新一期 · ${recent}出版` : '最新一期'}</Text> : null}
    </View>
  )
}
