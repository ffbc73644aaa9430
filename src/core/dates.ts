import dayjs from 'dayjs'
import customParseFormat from 'dayjs/plugin/customParseFormat'
import 'dayjs/locale/zh-cn'
import { beijingToday, relativeDayLabel } from './calendar'

dayjs.extend(customParseFormat)

/**
 * A short Gregorian form of an issue date for headers and lists: `8月22日 星期二`, or with the
 * year when it is not the current one in Beijing (`2023年8月22日 星期二`). Parsed strictly as
 * YYYY-MM-DD; anything else is returned unchanged rather than mis-shown.
 */
export function shortIssueDate(date: string, now: Date = new Date()): string {
  const d = dayjs(date, 'YYYY-MM-DD', true)
  if (!d.isValid()) return date
  const thisYear = Number(beijingToday(now).slice(0, 4))
  return d.locale('zh-cn').format(d.year() === thisYear ? 'M月D日 dddd' : 'YYYY年M月D日 dddd')
}

/** `今天` / `昨天` / `前天` for a recent issue date (Beijing time), else null; never throws. */
export function recentDayLabel(date: string, now?: Date): string | null {
  try {
    return relativeDayLabel(date, now)
  } catch {
    return null
  }
}

/**
 * When a cached copy was saved, for the offline notice, in Beijing time: `今天 10:30`,
 * `昨天 10:30`, or `8月20日 10:30`.
 */
export function formatSavedAt(savedAt: number, now: Date = new Date()): string {
  const beijing = new Date(savedAt + 8 * 3600 * 1000).toISOString()
  const day = beijing.slice(0, 10)
  const time = beijing.slice(11, 16)
  const label = recentDayLabel(day, now)
  if (label === '今天' || label === '昨天') return `${label} ${time}`
  const [y, m, d] = day.split('-').map(Number)
  const sameYear = beijingToday(now).slice(0, 4) === String(y)
  return `${sameYear ? '' : `${y}年`}${m}月${d}日 ${time}`
}
