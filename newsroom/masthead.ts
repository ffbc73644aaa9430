/**
 * The masthead (报头) and page furniture of a Chinese newspaper page. Pure: no I/O.
 *
 * The masthead names the publisher (主管/主办), a hotline, the date line (`2023年8月22日 星期二
 * 农历癸卯年七月初七`), the issue numbers (`总第763期`, `2023年第63期`) and often a slogan. The Gregorian date
 * is authoritative; the printed weekday and lunar date are only checked against it.
 */
import { formatLunarDate, lunarDate } from '../src/core/calendar'
import { isCalendarDate } from '../src/core/feed'
import { restorePunctuation } from './punctuation'

/** What one masthead line said. Fields absent from the line are undefined. */
export interface MastheadFields {
  date?: string
  weekday?: string
  lunar?: string
  number?: number
  yearNumber?: number
  /** The year printed in `YYYY年第N期`. */
  numberYear?: number
  paperName?: string
  publisher?: string
  hotline?: string
  slogan?: string
  site?: string
  /** Recognised labels whose values the feed does not keep (邮编, 地址, 刊号 …). */
  other?: string[]
}

const LABELS = /(主管主办|主管、主办|主管\/主办|主管单位|主办单位|主管|主办|出版单位|出版|报纸热线|新闻热线|热线电话|新闻线索|热线|电话|传真|邮编|邮政编码|地址|社址|网址|国内统一连续出版物号|国内统一刊号|邮发代号|定价|印刷)\s*[:：]\s*/g
const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/
const WEEKDAY = /(?:星期|礼拜|周)\s*([一二三四五六日天])/
const LUNAR = /农历\s*(\S+)/
const NUMBER = /总第\s*(\d+)\s*期/
const YEAR_NUMBER = /(\d{4})\s*年\s*第\s*(\d+)\s*期/
const PAPER_NAME = /^[\u4e00-\u9fff]{2,10}(?:报|日报|晚报|周报|时报|导报|商报)$/
const SLOGAN = /^[\u4e00-\u9fff]{2,8}(?:[・·•][\u4e00-\u9fff]{2,8})+$/
const URL_ONLY = /^(?:https?:\/\/|www\.)[!-~]+$/
const EDITORS = /^(?:责任编辑|编辑|责编|校对|美编|组版|版式|审核|终审|值班编委|本版编辑)\s*[:：]/
const MARKER = /^(?:第\s*)?(?:[A-Za-z]?\d{1,2}|[一二三四五六七八九十]{1,3})\s*版(?:\s*[:：]?\s*[\u4e00-\u9fff·・]{1,10})?$/

/** A line naming the page it starts: `01版 要闻`, `第2版`, `A3版：综合`. */
export function isPageMarker(text: string): boolean {
  return MARKER.test(text.trim())
}

/** A line that is only a URL (the paper's site in the masthead or at the foot of a page). */
export function isUrlLine(text: string): boolean {
  return URL_ONLY.test(text.trim())
}

function clean(value: string): string {
  return restorePunctuation(value.trim().replace(/\s+/g, ' ')).text
}

/**
 * Reads one masthead line, or returns null when nothing on it is masthead matter. A line may carry several
 * fields (`高新区报总第763期 2023年第63期 活力・魅力・热点・焦点`); leftover text on a line with issue numbers or
 * the date is the slogan. `allowStandalone` also accepts a line that is only the paper's name or a
 * `・`-separated slogan, which is only safe before the first article of the front page.
 */
export function readMastheadLine(text: string, allowStandalone: boolean): MastheadFields | null {
  const t = text.trim().replace(/\s+/g, ' ')
  if (isUrlLine(t)) return { site: t }
  const labels = [...t.matchAll(LABELS)]
  if (labels.length > 0 && labels[0].index === 0) {
    const f: MastheadFields = { other: [] }
    labels.forEach((m, i) => {
      const value = t.slice((m.index ?? 0) + m[0].length, labels[i + 1]?.index ?? t.length).trim()
      const label = m[1]
      if (/主管|主办/.test(label)) f.publisher ??= clean(value)
      else if (/热线|电话|线索/.test(label)) f.hotline ??= value
      else if (label === '网址' && /^https?:\/\//.test(value)) f.site = value
      else f.other?.push(`${label}：${value}`)
    })
    return f
  }
  const f: MastheadFields = {}
  let rest = t
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest)
    if (m) rest = rest.slice(0, m.index) + ' ' + rest.slice(m.index + m[0].length)
    return m
  }
  const yn = take(YEAR_NUMBER)
  if (yn) {
    f.numberYear = Number(yn[1])
    f.yearNumber = Number(yn[2])
  }
  const numberMatch = NUMBER.exec(rest)
  if (numberMatch) {
    f.number = Number(numberMatch[1])
    // The paper's name is printed right before 总第N期, with or without a space.
    const before = rest.slice(0, numberMatch.index).trimEnd()
    const name = /([\u4e00-\u9fff]{2,12})$/.exec(before)
    if (name && /报$/.test(name[1])) {
      f.paperName = name[1]
      rest = before.slice(0, before.length - name[1].length) + ' ' + rest.slice(numberMatch.index + numberMatch[0].length)
    } else rest = rest.slice(0, numberMatch.index) + ' ' + rest.slice(numberMatch.index + numberMatch[0].length)
  }
  const d = take(DATE)
  if (d) {
    const date = `${d[1]}-${d[2].padStart(2, '0')}-${d[3].padStart(2, '0')}`
    f.date = date
    const w = take(WEEKDAY)
    if (w) f.weekday = w[1] === '天' ? '日' : w[1]
    const l = take(LUNAR)
    if (l) f.lunar = l[1]
  }
  rest = rest.replace(/\s+/g, ' ').trim()
  // Running text that happens to mention a date is not a masthead.
  if (/[。，,；;！!？?]/.test(rest) || rest.length > 30) return null
  if (f.number !== undefined || f.yearNumber !== undefined || f.date !== undefined) {
    if (rest) f.slogan = clean(rest)
    return f
  }
  if (allowStandalone && PAPER_NAME.test(t)) return { paperName: t }
  if (allowStandalone && SLOGAN.test(t)) return { slogan: t }
  return null
}

/**
 * Page furniture outside the masthead: running heads with the date and weekday or the issue number,
 * editors' credits, page numbers, the page's URL line. Such lines are left out of the articles.
 */
export function isPageFurniture(text: string): boolean {
  const t = text.trim()
  if (EDITORS.test(t) || /^\d{1,2}$/.test(t) || isUrlLine(t)) return true
  const f = readMastheadLine(t, false)
  // A bare date is not enough: it may be the date under a notice's signature.
  return !!f && ((f.date !== undefined && f.weekday !== undefined) || f.number !== undefined || f.yearNumber !== undefined || f.site !== undefined)
}

const WEEKDAYS = '日一二三四五六'

/** The weekday of a YYYY-MM-DD date as printed after 星期 (`二`). */
export function weekdayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]
}

/**
 * The printed forms of a date's lunar date that agree with it: `癸卯年七月初七` and `七月初七`, in both month
 * styles (十一月/冬月, 十二月/腊月). Empty when the date is outside the lunar table's range.
 */
export function acceptedLunarForms(date: string): string[] {
  let forms: string[] = []
  try {
    const lunar = lunarDate(date)
    forms = (['standard', 'traditional'] as const).map((s) => formatLunarDate(lunar, { lunarMonthStyle: s }))
  } catch {
    return []
  }
  return [...new Set(forms.flatMap((f) => [f, f.replace(/^..年/, '')]))]
}

/** A masthead check's finding, with the line it is about. */
export interface MastheadWarning {
  line: number
  message: string
}

/**
 * Checks the printed weekday and lunar date (and the year of `YYYY年第N期`) against the Gregorian date.
 * `lunarForms` supplies the accepted lunar spellings; it defaults to the app's calendar.
 */
export function checkMastheadDate(
  m: { date: string, weekday?: string, lunar?: string, numberYear?: number },
  line: number,
  lunarForms: (date: string) => string[] = acceptedLunarForms
): MastheadWarning[] {
  const out: MastheadWarning[] = []
  if (!isCalendarDate(m.date)) return [{ line, message: `报头上的日期${m.date}不存在，请核对` }]
  const weekday = weekdayOf(m.date)
  if (m.weekday !== undefined && m.weekday !== weekday) {
    out.push({ line, message: `报头印的星期${m.weekday}与日期${m.date}（星期${weekday}）不符，以日期为准` })
  }
  if (m.lunar !== undefined) {
    const forms = lunarForms(m.date)
    if (forms.length > 0 && !forms.includes(m.lunar)) {
      out.push({ line, message: `报头印的农历${m.lunar}与日期${m.date}（农历${forms[0]}）不符，以日期为准` })
    }
  }
  if (m.numberYear !== undefined && String(m.numberYear) !== m.date.slice(0, 4)) {
    out.push({ line, message: `年度期号按${m.numberYear}年计，但日期是${m.date.slice(0, 4)}年，请核对` })
  }
  return out
}
