import { parseCalendarDate } from './gregorian'

// China has kept UTC+8 all year since 1991, so a fixed offset is exact for any date the app shows.
const BEIJING_OFFSET_MS = 8 * 3600 * 1000

/**
 * Today's date in Beijing (UTC+8) as `YYYY-MM-DD`, whatever time zone the phone is set to. `now` defaults to
 * the current instant; an invalid Date throws RangeError.
 */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
}

/**
 * `今天`, `昨天` or `前天` when the `YYYY-MM-DD` date is that many days before today in Beijing, otherwise `null`
 * (older dates and future dates alike). Throws {@link InvalidDateError} when `date` is not a real date.
 */
export function relativeDayLabel(date: string, now?: Date): string | null {
  const daysAgo = parseCalendarDate(beijingToday(now)).dayNumber - parseCalendarDate(date).dayNumber
  return ['今天', '昨天', '前天'][daysAgo] ?? null
}
