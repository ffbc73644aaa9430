import { validateIssue, isCalendarDate } from '@/core/feed'

test('smoke', () => {
  expect(isCalendarDate('2023-02-30')).toBe(false)
  const r = validateIssue({ version: 1 })
  expect(r.ok).toBe(false)
})
