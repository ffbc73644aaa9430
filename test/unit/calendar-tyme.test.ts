// Every supported day against tyme4ts. Expected values come from tyme4ts's own month objects (first day, length,
// leap flag, names), never from the module under test, so a single wrong bit in the table fails here.
import { LunarDay, LunarYear, SolarDay } from 'tyme4ts'
import * as calendar from '@/core/calendar'

type Calendar = typeof calendar

const DAY_MS = 86400000
const FIRST = '1901-01-01'
const LAST = '2100-12-31'

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

interface Month {
  /** UTC midnight of its first day. */
  start: number
  length: number
  year: number
  ganzhiYear: string
  month: number
  leap: boolean
  name: string
  traditionalName: string
  /** What tyme4ts's Gregorian-to-lunar conversion makes of the first day. */
  firstDayConverted: [string, number]
}

// tyme4ts recomputes new moons on every getter call, so read each month once.
function tymeMonths(): Month[] {
  const months: Month[] = []
  for (let y = 1900; y <= 2100; y++) {
    const lunarYear = LunarYear.fromYear(y)
    const ganzhiYear = lunarYear.getSixtyCycle().getName()
    for (const m of lunarYear.getMonths()) {
      const s = m.getFirstJulianDay().getSolarDay()
      const converted = SolarDay.fromYmd(s.getYear(), s.getMonth(), s.getDay()).getLunarDay()
      const name = m.getName()
      months.push({
        start: Date.UTC(s.getYear(), s.getMonth() - 1, s.getDay()),
        length: m.getDayCount(),
        year: y,
        ganzhiYear,
        month: m.getMonth(),
        leap: m.isLeap(),
        name,
        traditionalName: name.replace('十一月', '冬月').replace('十二月', '腊月'),
        firstDayConverted: [converted.getLunarMonth().getName(), converted.getDay()]
      })
    }
  }
  return months
}

interface Outcome {
  compared: number
  first?: string
  last?: string
  mismatches: string[]
}

/** Compares `cal` with tyme4ts for every day of FIRST..LAST; gives up after five mismatches. */
function compareAll(cal: Calendar, months: Month[]): Outcome {
  const outcome: Outcome = { compared: 0, mismatches: [] }
  for (const m of months) {
    for (let day = 1; day <= m.length; day++) {
      const date = iso(m.start + (day - 1) * DAY_MS)
      if (date < FIRST || date > LAST) continue
      outcome.first ??= date
      outcome.last = date
      outcome.compared++
      const dayName = LunarDay.NAMES[day - 1]
      const expected = `${m.ganzhiYear}年${m.name}${dayName}`
      const expectedTraditional = `${m.ganzhiYear}年${m.traditionalName}${dayName}`
      const actual = cal.lunarDate(date)
      const printed = cal.formatIssueDate(date).split(' 农历')[1]
      const traditional = cal.formatIssueDate(date, { lunarMonthStyle: 'traditional' }).split(' 农历')[1]
      if (actual.year !== m.year || actual.ganzhiYear !== m.ganzhiYear || actual.month !== m.month || actual.leap !== m.leap ||
        actual.day !== day || printed !== expected || traditional !== expectedTraditional) {
        outcome.mismatches.push(`${date}: got ${JSON.stringify(actual)} ${printed} / ${traditional}, tyme4ts ${expected}`)
        if (outcome.mismatches.length >= 5) return outcome
      }
    }
  }
  return outcome
}

const months = tymeMonths()

test('tyme4ts months are contiguous from 1900 to 2100, so walking them covers every day exactly once', () => {
  const gaps = months.slice(1).filter((m, i) => m.start !== months[i].start + months[i].length * DAY_MS)
  expect(gaps).toEqual([])
  expect(iso(months[0].start)).toBe('1900-01-31')
  expect(months.length).toBeGreaterThan(2400)
})

test('each month starts on the day tyme4ts converts to its 初一', () => {
  const wrong = months.filter((m) => m.firstDayConverted[0] !== m.name || m.firstDayConverted[1] !== 1)
  expect(wrong).toEqual([])
})

test('every day from 1901-01-01 to 2100-12-31 matches tyme4ts', () => {
  const outcome = compareAll(calendar, months)
  expect(outcome.mismatches).toEqual([])
  expect(outcome.compared).toBe(73049)
  expect([outcome.first, outcome.last]).toEqual([FIRST, LAST])
  // Counted independently of tyme4ts: 200 Gregorian years, 49 of them leap (2000 is, 2100 is not).
  expect(outcome.compared).toBe(200 * 365 + 49)
})

test('the comparison catches a single flipped bit in the table', () => {
  // The format is documented in lunar-table.ts: three digits a year, '0'..'p' without the backslash, most
  // significant first, so the first digit of a year holds bits 12..17.
  const table: typeof import('@/core/calendar/lunar-table') = jest.requireActual('@/core/calendar/lunar-table')
  const digit = (c: number) => c - (c > 92 ? 49 : 48)
  const char = (v: number) => String.fromCharCode(v + (v >= 44 ? 49 : 48))
  const at = (2023 - table.FIRST_LUNAR_YEAR) * 3
  // Bit 12 of lunar 2023: the length of its 闰二月.
  const flipped = table.LUNAR_YEARS.slice(0, at) + char(digit(table.LUNAR_YEARS.charCodeAt(at)) ^ 1) + table.LUNAR_YEARS.slice(at + 1)
  expect(flipped).not.toBe(table.LUNAR_YEARS)
  let mutated: Calendar | undefined
  jest.isolateModules(() => {
    jest.doMock('@/core/calendar/lunar-table', () => ({ ...table, LUNAR_YEARS: flipped }))
    mutated = require('@/core/calendar')
  })
  const outcome = compareAll(mutated!, months)
  // A 30-day 闰二月 turns 2023-04-20 (三月初一) into 闰二月三十 and shifts every later day.
  expect(outcome.mismatches[0]).toMatch(/^2023-04-20: .*闰二月三十/)
  expect(outcome.mismatches).toHaveLength(5)
})
