import { Text, View } from '@tarojs/components'
import type { Issue, Paper } from '@/core/feed'
import { formatIssueDateSafe } from '@/core/calendar'
import './masthead.css'

/** The printed masthead: paper name, issue numbers and the full date line with the lunar date. */
export function Masthead({ paper, issue }: { paper: Paper, issue: Pick<Issue, 'date' | 'number' | 'yearNumber'> }) {
  const year = issue.date.slice(0, 4)
  const style = paper.lunarMonthStyle === 'traditional' ? 'traditional' : 'standard'
  return (
    <View className='masthead'>
      <Text className='masthead__name'>{paper.name}</Text>
      <View className='masthead__numbers'>
        <Text className='masthead__number'>{`总第${issue.number}期`}</Text>
        <Text className='masthead__number'>{`${year}年第${issue.yearNumber}期`}</Text>
      </View>
      <Text className='masthead__date'>{formatIssueDateSafe(issue.date, { lunarMonthStyle: style }) ?? issue.date}</Text>
      {paper.slogan ? <Text className='masthead__slogan'>{paper.slogan}</Text> : null}
    </View>
  )
}
