import { parseCalendarDate, type CalendarDate } from './gregorian'
import { CalendarRangeError, DIGITS, formatLunarDate, lunarOf, parseLunarRange, type LunarMonthStyle } from './lunar'

/** Options for the masthead date. */
export interface IssueDateOptions {
  /** `standard` (default) prints 十一月/十二月, `traditional` prints 冬月/腊月. */
  lunarMonthStyle?: LunarMonthStyle
}

function gregorianPart(d: CalendarDate): string {
  return `${d.year}年${d.month}月${d.day}日 星期${('日' + DIGITS)[d.weekday]}`
}

/**
 * The issue date exactly as the printed paper sets it: `2023年8月22日 星期二 农历癸卯年七月初七`.
 * Throws {@link InvalidDateError} unless `date` is a real `YYYY-MM-DD` date and {@link CalendarRangeError}
 * outside 1901-01-01..2100-12-31.
 */
export function formatIssueDate(date: string, options?: IssueDateOptions): string {
  const parsed = parseLunarRange(date)
  return `${gregorianPart(parsed)} 农历${formatLunarDate(lunarOf(parsed), options)}`
}

/**
 * Never throws. Like {@link formatIssueDate} inside 1901-01-01..2100-12-31; for a real date outside it, only the
 * Gregorian date and weekday (`2101年1月1日 星期六`), since the lunar table has no data there; `null` when `date`
 * is not a real `YYYY-MM-DD` date.
 */
export function formatIssueDateSafe(date: string, options?: IssueDateOptions): string | null {
  try {
    return formatIssueDate(date, options)
  } catch (e) {
    return e instanceof CalendarRangeError ? gregorianPart(parseCalendarDate(date)) : null
  }
}
