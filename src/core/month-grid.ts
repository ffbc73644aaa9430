import { formatLunarDate, lunarDate, type LunarMonthStyle } from './calendar'
import type { IssueSummary } from './feed'

export interface DayCell {
  /** YYYY-MM-DD */
  date: string
  day: number
  /** The lunar day as calendars print it: the month's name on its first day (`七月`), else the day (`初七`). */
  lunar: string
  issue?: IssueSummary
}

export interface MonthView {
  year: number
  month: number
  /** Weeks from Monday to Sunday; days outside the month are null. */
  weeks: Array<Array<DayCell | null>>
  /** The nearest months before and after that have issues, as YYYY-MM, if any. */
  previous?: string
  next?: string
}

const pad = (n: number) => String(n).padStart(2, '0')

function lunarLabel(date: string, style: LunarMonthStyle): string {
  try {
    const full = formatLunarDate(lunarDate(date), { lunarMonthStyle: style }).slice(3)
    const cut = full.indexOf('月') + 1
    return full.endsWith('初一') ? full.slice(0, cut) : full.slice(cut)
  } catch {
    return ''
  }
}

/** The month (YYYY-MM) of the newest issue, or of `fallback` when there are none. */
export function latestMonth(issues: IssueSummary[], fallback: string): string {
  return (issues[0]?.date ?? fallback).slice(0, 7)
}

/**
 * A calendar month for the archive: each day with its lunar label and the issue published that day,
 * and links to the nearest months that have issues. `month` is YYYY-MM.
 */
export function monthView(month: string, issues: IssueSummary[], style: LunarMonthStyle = 'standard'): MonthView {
  const [year, m] = month.split('-').map(Number)
  const byDate = new Map<string, IssueSummary>()
  for (const s of issues) if (!byDate.has(s.date)) byDate.set(s.date, s)
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate()
  const lead = (new Date(Date.UTC(year, m - 1, 1)).getUTCDay() + 6) % 7
  const cells: Array<DayCell | null> = Array.from({ length: lead }, () => null)
  for (let d = 1; d <= days; d++) {
    const date = `${year}-${pad(m)}-${pad(d)}`
    cells.push({ date, day: d, lunar: lunarLabel(date, style), issue: byDate.get(date) })
  }
  while (cells.length % 7) cells.push(null)
  const weeks: MonthView['weeks'] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  const months = [...new Set(issues.map((s) => s.date.slice(0, 7)))].sort()
  return {
    year,
    month: m,
    weeks,
    previous: [...months].reverse().find((x) => x < month),
    next: months.find((x) => x > month)
  }
}

/** The issues just older and newer than `id` in the index (which lists newest first). */
export function neighbourIssues(issues: IssueSummary[], id: string): { older?: IssueSummary, newer?: IssueSummary } {
  const i = issues.findIndex((s) => s.id === id)
  if (i < 0) return {}
  return { older: issues[i + 1], newer: i > 0 ? issues[i - 1] : undefined }
}
