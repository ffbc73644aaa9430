import { useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { asLunarMonthStyle, formatIssueDateSafe } from '@/core/calendar'
import { latestMonth, monthView } from '@/core/month-grid'
import { issueUrl } from '@/core/routes'
import { ErrorState, LoadingState, EmptyState } from '@/components/status-view'
import { feedErrorTitle } from '@/features/issue/feed-error-text'
import { useIssueState, useServices } from '@/features/issue/issue-context'
import './archive-screen.css'

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/**
 * 往期: every issue in the index on a month calendar (days with an issue are marked and open it;
 * the latest is labelled), plus the month's issues as a list, which is easier to tap and to read aloud.
 */
export function ArchiveScreen({ month: initialMonth, onOpenIssue }: { month?: string, onOpenIssue: (url: string) => void }) {
  const { issueStore } = useServices()
  const index = useIssueState((s) => s.index)
  const [month, setMonth] = useState(initialMonth)

  useEffect(() => {
    void issueStore.getState().loadIndex()
  }, [issueStore])

  const issues = index?.status === 'ready' ? index.value.issues : undefined
  const style = asLunarMonthStyle(index?.status === 'ready' ? index.value.paper.lunarMonthStyle : undefined)
  const shown = month && /^\d{4}-\d{2}$/.test(month) ? month : latestMonth(issues ?? [], '')
  const view = useMemo(() => (issues && shown ? monthView(shown, issues, style) : undefined), [issues, shown, style])

  if (!index || index.status === 'loading') return <LoadingState />
  if (index.status === 'error') return <ErrorState title={feedErrorTitle(index.error)} message={index.error.message} onRetry={() => void issueStore.getState().loadIndex({ force: true })} />
  if (!issues?.length || !view) return <EmptyState text='还没有发布任何一期报纸' />
  const latestId = issues[0].id
  const monthIssues = issues.filter((s) => s.date.startsWith(shown))

  return (
    <View className='archive'>
      <View className='archive__header'>
        <View className={`archive__step${view.previous ? '' : ' archive__step--off'}`} hoverClass='archive__step--pressed' onClick={() => view.previous && setMonth(view.previous)} aria-label='上一个有报纸的月份'>
          <Text className='archive__step-text'>‹</Text>
        </View>
        <Text className='archive__month'>{`${view.year}年${view.month}月`}</Text>
        <View className={`archive__step${view.next ? '' : ' archive__step--off'}`} hoverClass='archive__step--pressed' onClick={() => view.next && setMonth(view.next)} aria-label='下一个有报纸的月份'>
          <Text className='archive__step-text'>›</Text>
        </View>
      </View>
      <View className='archive__grid' role='grid'>
        <View className='archive__week'>
          {WEEKDAYS.map((w) => <Text key={w} className='archive__weekday'>{w}</Text>)}
        </View>
        {view.weeks.map((week, wi) => (
          <View key={wi} className='archive__week'>
            {week.map((cell, di) => cell
              ? (
                <View
                  key={di}
                  className={`archive__day${cell.issue ? ' archive__day--issue' : ''}${cell.issue?.id === latestId ? ' archive__day--latest' : ''}`}
                  hoverClass={cell.issue ? 'archive__day--pressed' : 'none'}
                  aria-label={cell.issue ? `${cell.date} 第${cell.issue.number}期` : undefined}
                  onClick={() => cell.issue && onOpenIssue(issueUrl(cell.issue.id))}
                >
                  <Text className='archive__day-number'>{cell.day}</Text>
                  <Text className='archive__day-lunar'>{cell.issue?.id === latestId ? '最新' : cell.lunar}</Text>
                </View>
                )
              : <View key={di} className='archive__day archive__day--blank' />)}
          </View>
        ))}
      </View>
      <View className='archive__list'>
        {monthIssues.map((s) => (
          <View key={s.id} className='archive__item' hoverClass='archive__item--pressed' onClick={() => onOpenIssue(issueUrl(s.id))}>
            <Text className='archive__item-date'>{`${formatIssueDateSafe(s.date, { lunarMonthStyle: style }) ?? s.date}`}</Text>
            <Text className='archive__item-number'>{`总第${s.number}期 · ${s.date.slice(0, 4)}年第${s.yearNumber}期${s.id === latestId ? ' · 最新' : ''}`}</Text>
            <Text className='archive__item-headline'>{s.headline}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
