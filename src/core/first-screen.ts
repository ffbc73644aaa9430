import type { FeedIndex, Issue } from './feed'
import { asLunarMonthStyle, formatIssueDateSafe } from './calendar'
import { articlesOnPage } from './issue-view'

/**
 * The latest issue's first screen as text: what the H5 page paints from storage before the app has
 * booted (src/h5/boot.js reads it), so a returning reader sees the list at once. Plain strings only:
 * the boot script renders them as text, never as HTML.
 */
export interface FirstScreen {
  v: typeof FIRST_SCREEN_VERSION
  issueId: string
  paper: string
  /** `总第763期 2023年第60期` */
  numbers: string
  /** `2023年8月22日 星期二 农历癸卯年七月初七` */
  date: string
  /** Every 版's name, for the tabs; the first is the one listed. */
  pages: string[]
  items: { kicker?: string, title: string, subtitle?: string }[]
  /** The reader's text size step (1–4), so the early paint is set as the app will set it. */
  textSize: number
}

/**
 * Stored instead of a snapshot when the latest-issue view does not open on its list (the reader is on
 * 版面): the boot script then paints nothing, not even from the feed on arrival.
 */
export const NO_FIRST_SCREEN = { v: 1, off: true } as const

/** Where the H5 edition keeps it (localStorage, read by src/h5/boot.js under the same name). */
export const FIRST_SCREEN_KEY = 'gxqb/first-screen'
export const FIRST_SCREEN_VERSION = 1
/** More than a phone screen holds; the rest of the list is the app's to show. */
export const FIRST_SCREEN_MAX_ITEMS = 12
/** The snapshot is read on every start before anything else runs: kept small. */
export const FIRST_SCREEN_MAX_CHARS = 8 * 1024

/** The first screen of `issue` as the latest-issue view shows it: masthead, tabs, the first 版's list. */
export function firstScreenOf(index: FeedIndex, issue: Issue, textSize: number): FirstScreen {
  const first = issue.pages[0]
  const items = articlesOnPage(issue, first.id).slice(0, FIRST_SCREEN_MAX_ITEMS).map((a) => ({
    ...(a.kicker ? { kicker: a.kicker } : {}),
    title: a.title,
    ...(a.subtitle ? { subtitle: a.subtitle } : {})
  }))
  return {
    v: FIRST_SCREEN_VERSION,
    issueId: issue.id,
    paper: index.paper.name,
    numbers: `总第${issue.number}期 ${issue.date.slice(0, 4)}年第${issue.yearNumber}期`,
    date: formatIssueDateSafe(issue.date, { lunarMonthStyle: asLunarMonthStyle(index.paper.lunarMonthStyle) }) ?? issue.date,
    pages: issue.pages.map((p) => p.name),
    items,
    textSize
  }
}

/**
 * The snapshot as stored, or undefined when it would be too large to read before every start (a
 * page of very long titles): then nothing is painted early, which is only slower, never wrong.
 */
export function serializeFirstScreen(screen: FirstScreen): string | undefined {
  const json = JSON.stringify(screen)
  return json.length <= FIRST_SCREEN_MAX_CHARS ? json : undefined
}
