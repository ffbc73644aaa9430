import { FIRST_LUNAR_YEAR, FIRST_NEW_YEAR_DAY, LUNAR_YEARS } from './lunar-table'
import { parseCalendarDate, type CalendarDate } from './gregorian'

/** First and last Gregorian dates the lunar calendar is defined for. */
export const LUNAR_RANGE = ['1901-01-01', '2100-12-31'] as const

/** A day of the Chinese lunar calendar. */
export interface LunarDate {
  /** Lunar year number: the Gregorian year in which its 正月初一 falls. */
  year: number
  /** The year's 干支, e.g. `癸卯`; it changes at 正月初一, not at 立春. */
  ganzhiYear: string
  /** 1 = 正月 … 12 = 十二月; a leap month has the number of the month it follows. */
  month: number
  leap: boolean
  /** 1 … 30. */
  day: number
}

/** How months 11 and 12 are named: `十一月`/`十二月` or the traditional `冬月`/`腊月`. */
export type LunarMonthStyle = 'standard' | 'traditional'

/** A paper's setting (any string, or none) as a style: only `traditional` changes the default. */
export function asLunarMonthStyle(setting: string | undefined): LunarMonthStyle {
  return setting === 'traditional' ? 'traditional' : 'standard'
}

/** Thrown for a real Gregorian date outside {@link LUNAR_RANGE}, where the lunar table has no data. */
export class CalendarRangeError extends RangeError {
  /** The string that was rejected. */
  readonly input: string

  constructor(input: string) {
    super(`No lunar date for "${input}": supported range is ${LUNAR_RANGE.join('..')}`)
    this.name = 'CalendarRangeError'
    this.input = input
  }
}

/** @internal Chinese numerals 一 … 十 at indexes 0 … 9, shared by day, month and weekday names. */
export const DIGITS = '一二三四五六七八九十'

let years: number[] | undefined

// Decoded on first use so that importing only the Gregorian or Beijing-time helpers costs nothing.
function table(): number[] {
  if (!years) {
    years = []
    for (let i = 0, bits = 0; i < LUNAR_YEARS.length; i++) {
      const c = LUNAR_YEARS.charCodeAt(i)
      bits = bits * 64 + c - (c > 92 ? 49 : 48)
      if (i % 3 === 2) {
        years.push(bits)
        bits = 0
      }
    }
  }
  return years
}

/** @internal Lunar date of an already parsed Gregorian date inside {@link LUNAR_RANGE}. */
export function lunarOf(date: CalendarDate): LunarDate {
  const years = table()
  let rest = date.dayNumber - FIRST_NEW_YEAR_DAY
  // Walking month by month from 1900 costs at most ~2,500 steps; a per-year shortcut is not worth its bytes.
  for (let i = 0; ; i++) {
    const bits = years[i]
    // Even k is month k/2+1, odd k the leap month after it, which only the year's leap month number has.
    for (let k = 0; k < 24; k++) {
      const month = (k >> 1) + 1
      const leap = k % 2 > 0
      if (leap && month !== bits >> 13) continue
      const length = 29 + (bits >> (leap ? 12 : month - 1) & 1)
      if (rest < length) {
        const year = FIRST_LUNAR_YEAR + i
        const ganzhiYear = '甲乙丙丁戊己庚辛壬癸'[(year - 4) % 10] + '子丑寅卯辰巳午未申酉戌亥'[(year - 4) % 12]
        return { year, ganzhiYear, month, leap, day: rest + 1 }
      }
      rest -= length
    }
  }
}

/** @internal Parses `date` and checks it lies in {@link LUNAR_RANGE}; throws InvalidDateError or CalendarRangeError. */
export function parseLunarRange(date: string): CalendarDate {
  const parsed = parseCalendarDate(date)
  // Fixed-width ISO strings compare in date order.
  if (date < LUNAR_RANGE[0] || date > LUNAR_RANGE[1]) throw new CalendarRangeError(date)
  return parsed
}

/**
 * The lunar date of a `YYYY-MM-DD` Gregorian date. Throws {@link InvalidDateError} for anything that is not
 * a real date and {@link CalendarRangeError} outside 1901-01-01..2100-12-31; it never guesses.
 */
export function lunarDate(date: string): LunarDate {
  return lunarOf(parseLunarRange(date))
}

/**
 * The lunar part of the masthead without the `农历` prefix: `癸卯年七月初七`, `庚子年闰四月廿九`,
 * `癸丑年闰冬月初一` (traditional style). Expects a value as {@link lunarDate} returns it (month 1–12, day 1–30).
 */
export function formatLunarDate(lunar: LunarDate, options: { lunarMonthStyle?: LunarMonthStyle } = {}): string {
  const { month, day } = lunar
  const monthName = month === 1 ? '正'
    : month <= 10 ? DIGITS[month - 1]
      : options.lunarMonthStyle === 'traditional' ? (month === 11 ? '冬' : '腊')
        : '十' + DIGITS[month - 11]
  // 初十, 二十 and 三十 break the prefix + digit pattern of the other days.
  const dayName = day % 10 ? '初十廿'[(day / 10) | 0] + DIGITS[day % 10 - 1] : '初二三'[day / 10 - 1] + '十'
  return `${lunar.ganzhiYear}年${lunar.leap ? '闰' : ''}${monthName}月${dayName}`
}
