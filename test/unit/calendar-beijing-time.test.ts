import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { beijingToday, relativeDayLabel, InvalidDateError } from '@/core/calendar'

// 00:30 on 2023-08-22 in Beijing, still 2023-08-21 in the Americas and in UTC.
const halfPastMidnight = '2023-08-21T16:30:00Z'
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'Europe/London', 'Pacific/Kiritimati']

// Jest hands tests a copy of process.env, so setting TZ inside a test changes nothing. A child Node process
// can switch zones by assigning process.env.TZ, which Node applies immediately.
function inZones(): Record<string, { localDate: number, today: string, label: string | null, yesterday: string | null }> {
  const script = `
    const { beijingToday, relativeDayLabel } = require(${JSON.stringify(path.join(__dirname, '../../src/core/calendar/index.ts'))})
    const now = new Date(${JSON.stringify(halfPastMidnight)})
    const out = {}
    for (const zone of ${JSON.stringify(ZONES)}) {
      process.env.TZ = zone
      out[zone] = { localDate: now.getDate(), today: beijingToday(now), label: relativeDayLabel('2023-08-22', now), yesterday: relativeDayLabel('2023-08-21', now) }
    }
    process.stdout.write(JSON.stringify(out))`
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }))
}

test('today is the Beijing date whatever zone the phone is set to', () => {
  const results = inZones()
  expect(ZONES.map((zone) => [zone, results[zone].today, results[zone].label, results[zone].yesterday]))
    .toEqual(ZONES.map((zone) => [zone, '2023-08-22', '今天', '昨天']))
  // The zones really differed: reading the local date would have given 21 in some and 22 in others.
  expect(results['America/Los_Angeles'].localDate).toBe(21)
  expect(results.UTC.localDate).toBe(21)
  expect(results['Asia/Shanghai'].localDate).toBe(22)
  expect(results['Pacific/Kiritimati'].localDate).toBe(22)
})

test('no local-time getter is consulted', () => {
  const local = ['getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getTimezoneOffset', 'toLocaleDateString', 'toDateString'] as const
  const spies = local.map((name) => jest.spyOn(Date.prototype, name).mockImplementation(() => {
    throw new Error(`local-time ${name} used`)
  }))
  try {
    expect(beijingToday(new Date(halfPastMidnight))).toBe('2023-08-22')
    expect(relativeDayLabel('2023-08-21', new Date(halfPastMidnight))).toBe('昨天')
  } finally {
    spies.forEach((spy) => spy.mockRestore())
  }
})

describe('around Beijing midnight', () => {
  test.each([
    ['2023-08-21T15:59:59.999Z', '2023-08-21'],
    ['2023-08-21T16:00:00.000Z', '2023-08-22'],
    ['2023-08-22T15:59:59.999Z', '2023-08-22'],
    ['2023-08-22T16:00:00.000Z', '2023-08-23'],
    // Month, year and leap-day roll-overs.
    ['2023-12-31T16:00:00.000Z', '2024-01-01'],
    ['2024-02-28T16:00:00.000Z', '2024-02-29'],
    ['2024-02-29T16:00:00.000Z', '2024-03-01']
  ])('at %s it is %s in Beijing', (instant, today) => {
    expect(beijingToday(new Date(instant))).toBe(today)
  })

  test('an issue dated 2023-08-22 is 今天 from Beijing midnight and 昨天 a day later', () => {
    expect(relativeDayLabel('2023-08-22', new Date('2023-08-21T15:59:59Z'))).toBeNull()
    expect(relativeDayLabel('2023-08-22', new Date('2023-08-21T16:00:00Z'))).toBe('今天')
    expect(relativeDayLabel('2023-08-22', new Date('2023-08-22T15:59:59Z'))).toBe('今天')
    expect(relativeDayLabel('2023-08-22', new Date('2023-08-22T16:00:00Z'))).toBe('昨天')
    expect(relativeDayLabel('2023-08-22', new Date('2023-08-23T16:00:00Z'))).toBe('前天')
    expect(relativeDayLabel('2023-08-22', new Date('2023-08-24T16:00:00Z'))).toBeNull()
  })
})

describe('relativeDayLabel', () => {
  const noon = new Date('2024-03-01T04:00:00Z')

  test('counts days across month ends and leap days', () => {
    expect(relativeDayLabel('2024-03-01', noon)).toBe('今天')
    expect(relativeDayLabel('2024-02-29', noon)).toBe('昨天')
    expect(relativeDayLabel('2024-02-28', noon)).toBe('前天')
    expect(relativeDayLabel('2024-02-27', noon)).toBeNull()
    expect(relativeDayLabel('2025-03-01', new Date('2025-03-01T04:00:00Z'))).toBe('今天')
    expect(relativeDayLabel('2025-02-28', new Date('2025-03-01T04:00:00Z'))).toBe('昨天')
  })

  test('future dates and far-away dates have no label', () => {
    expect(relativeDayLabel('2024-03-02', noon)).toBeNull()
    expect(relativeDayLabel('2023-03-01', noon)).toBeNull()
  })

  test('defaults to the current instant', () => {
    expect(relativeDayLabel(beijingToday())).toBe('今天')
    expect(beijingToday()).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  test('rejects strings that are not dates', () => {
    expect(() => relativeDayLabel('2023-8-22', noon)).toThrow(InvalidDateError)
    expect(() => relativeDayLabel('', noon)).toThrow(InvalidDateError)
  })
})
