import { formatSavedAt, recentDayLabel, shortIssueDate } from '@/core/dates'

const now = new Date('2023-08-21T16:30:00Z') // 2023-08-22 00:30 in Beijing

test('short dates drop the year within the current Beijing year', () => {
  expect(shortIssueDate('2023-08-22', now)).toBe('8月22日 星期二')
  expect(shortIssueDate('2022-12-31', now)).toBe('2022年12月31日 星期六')
})

test('a date that is not strictly YYYY-MM-DD is shown as given, never shifted', () => {
  expect(shortIssueDate('2023-02-30', now)).toBe('2023-02-30')
  expect(shortIssueDate('2023-8-22', now)).toBe('2023-8-22')
})

test('recent issues get 今天/昨天 in Beijing time; bad dates get nothing', () => {
  expect(recentDayLabel('2023-08-22', now)).toBe('今天')
  expect(recentDayLabel('2023-08-21', now)).toBe('昨天')
  expect(recentDayLabel('2023-08-10', now)).toBeNull()
  expect(recentDayLabel('garbage', now)).toBeNull()
})

test('a cached copy\'s time is told in Beijing time relative to today', () => {
  expect(formatSavedAt(Date.parse('2023-08-21T16:10:00Z'), now)).toBe('今天 00:10')
  expect(formatSavedAt(Date.parse('2023-08-21T15:59:00Z'), now)).toBe('昨天 23:59')
  expect(formatSavedAt(Date.parse('2023-08-19T02:05:00Z'), now)).toBe('8月19日 10:05')
  expect(formatSavedAt(Date.parse('2022-12-31T02:05:00Z'), now)).toBe('2022年12月31日 10:05')
})
