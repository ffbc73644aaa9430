/**
 * The printed frame of a page: page 1's masthead (报头) and every page's running head and foot (版 number
 * and name, date, 责任编辑, the site). Found from geometry — the band above the long rule under the header,
 * below the rule over the foot — and read with the text path's masthead readers. Pure: no I/O.
 */
import type { PageContent } from '../extract/page-content'
import { matchDateline, parseBylineLine } from '../credits'
import { isPageFurniture, isPageMarker, isUrlLine, readMastheadLine, type MastheadFields } from '../masthead'
import { buildLines, horizontalRules, type Line, type Piece } from './geometry'

/** The frame of one page, and the pieces left for its articles. */
export interface PageFrame {
  /** `01版 要闻` when the page prints it. */
  name?: string
  /** The 版 number as printed (`2` for `02版`), for continuation lines. */
  number?: number
  /** Masthead lines (page 1) and running-head lines, top to bottom. */
  head: Line[]
  /** Running-foot lines. */
  foot: Line[]
  /** Bottom edge of the head band and top edge of the foot band (points). */
  headBottom: number
  footTop: number
  /** Pieces inside the page's body. */
  body: Piece[]
}

const MARKER_TOKEN = /^(?:第\s*)?([A-Za-z]?\d{1,2}|[一二三四五六七八九十]{1,3})\s*版(?:\s*[:：]?\s*([\u4e00-\u9fff·・]{1,10}))?$/
const NAME_TOKEN = /^[\u4e00-\u9fff·・]{1,8}$/
const NOT_NAME = /[年月日期]|星期|编辑|农历/
const CN_DIGITS = '零一二三四五六七八九'

/** `一` → 1, `十二` → 12, `02` → 2, `A3` → 3. */
export function pageNumberOf(token: string): number | undefined {
  const d = /(\d{1,2})$/.exec(token)
  if (d) return Number(d[1])
  if (!/^[一二三四五六七八九十]{1,3}$/.test(token)) return undefined
  if (token === '十') return 10
  const [a, b] = token.split('十')
  if (b === undefined) return CN_DIGITS.indexOf(a)
  return (a === '' ? 1 : CN_DIGITS.indexOf(a)) * 10 + (b === '' ? 0 : CN_DIGITS.indexOf(b))
}

/** Finds a page marker among the space-separated tokens of a line: `01版 要闻`, `第2版：综合`, `A3版`. */
export function readPageMarker(text: string): { name: string, number?: number } | undefined {
  const tokens = text.trim().split(/[\s\u3000]+/)
  for (let i = 0; i < tokens.length; i++) {
    for (const span of [2, 1]) {
      const t = tokens.slice(i, i + span).join(' ')
      if (span === 2 && i + 1 >= tokens.length) continue
      const m = MARKER_TOKEN.exec(t)
      if (!m || !isPageMarker(t)) continue
      let section = m[2]
      if (!section && span === 1 && tokens[i + 1] && NAME_TOKEN.test(tokens[i + 1]) && !NOT_NAME.test(tokens[i + 1])) section = tokens[i + 1]
      const n = pageNumberOf(m[1])
      const label = /^\d{1,2}$/.test(m[1]) ? `${m[1].padStart(2, '0')}版` : `${m[1]}版`
      return { name: section ? `${label} ${section}` : label, number: n }
    }
  }
  return undefined
}

/** Splits a line at wide gaps (1.5 em or more) into the separately set items of a running head. */
export function lineSegments(line: Line): string[] {
  const out: string[] = []
  let cur: Piece[] = []
  const flush = () => {
    if (cur.length > 0) out.push(buildLines(cur).map((l) => l.text).join(' '))
    cur = []
  }
  for (const p of line.pieces) {
    const prev = cur[cur.length - 1]
    if (prev && p.x0 - prev.x1 >= 1.5 * Math.max(p.size, prev.size)) flush()
    cur.push(p)
  }
  flush()
  return out
}

function isArticleText(l: Line): boolean {
  return matchDateline(l.text) !== null || parseBylineLine(l.text) !== null || /[。！？]/.test(l.text)
}

function furnitureLike(l: Line, first: boolean): boolean {
  return lineSegments(l).every((s) => readPageMarker(s) !== undefined || isPageFurniture(s) || readMastheadLine(s, first) !== null)
}

/**
 * Separates a page's frame from its body. The head is everything above the lowest long rule (60% of the
 * page width or more) in the top part of the page (40% on the front page, which carries the masthead;
 * 20% elsewhere) with no article text above it; without such a rule, the top lines that read as furniture
 * (and, on the front page, the largest type at the top: the paper's name). The foot likewise below a long
 * rule in the bottom 12%, or the bottom lines that read as furniture.
 */
export function findFrame(page: PageContent, pieces: Piece[], front: boolean): PageFrame {
  const long = horizontalRules(page.rules).filter((r) => Math.abs(r.x2 - r.x1) >= 0.6 * page.width)
  const lines = buildLines(pieces)
  const above = (y: number) => lines.filter((l) => l.y1 <= y + 1)
  let headBottom = 0
  const headCandidates = long.filter((r) => r.y1 <= (front ? 0.4 : 0.2) * page.height).sort((a, b) => b.y1 - a.y1)
  for (const r of headCandidates) {
    const over = above(r.y1)
    if (over.length > 0 && !over.some(isArticleText)) {
      headBottom = r.y1
      break
    }
  }
  if (headBottom === 0) {
    const top = lines.filter((l) => l.y0 < (front ? 0.3 : 0.12) * page.height)
    const biggest = Math.max(0, ...lines.map((l) => l.size))
    for (const l of top) {
      const isName = front && l.size === biggest && readMastheadLine(l.text, true)?.paperName !== undefined
      if (!isName && !furnitureLike(l, front)) break
      headBottom = l.y1 + 0.5
    }
  }
  let footTop = page.height
  const footRule = long.filter((r) => r.y1 >= 0.88 * page.height).sort((a, b) => a.y1 - b.y1)[0]
  if (footRule && !lines.some((l) => l.y0 >= footRule.y1 && isArticleText(l))) footTop = footRule.y1
  else {
    for (const l of [...lines].reverse()) {
      if (l.y0 < 0.94 * page.height || !furnitureLike(l, false)) break
      footTop = l.y0 - 0.5
    }
  }
  const head = lines.filter((l) => l.y1 <= headBottom + 1)
  const foot = lines.filter((l) => l.y0 >= footTop - 1)
  // 责任编辑 lines printed inside the body (at the foot of a column) are furniture too.
  const inBody = (p: Piece) => (p.y0 + p.y1) / 2 > headBottom && (p.y0 + p.y1) / 2 < footTop
  let name: string | undefined
  let number: number | undefined
  for (const l of [...head, ...foot]) {
    for (const s of lineSegments(l)) {
      const m = readPageMarker(s)
      if (m && name === undefined) {
        name = m.name
        number = m.number
      }
    }
  }
  return { name, number, head, foot, headBottom, footTop, body: pieces.filter(inBody) }
}

/** The masthead fields a frame's lines carry, and the texts that were not masthead matter. */
export function readFrame(frame: PageFrame, front: boolean): { fields: MastheadFields[], other: string[], site?: string } {
  const fields: MastheadFields[] = []
  const other: string[] = []
  let site: string | undefined
  const lines = [...frame.head, ...frame.foot]
  const biggest = Math.max(0, ...lines.map((l) => l.size))
  for (const l of lines) {
    for (const s of lineSegments(l)) {
      if (readPageMarker(s)) continue
      if (isUrlLine(s)) {
        site ??= s.trim()
        continue
      }
      const f = readMastheadLine(s, front)
      if (f && front) fields.push(f)
      else if (front && l.size === biggest && frame.head.includes(l) && /^[\u4e00-\u9fff]{2,12}$/.test(s)) fields.push({ paperName: s })
      else other.push(s)
    }
  }
  return { fields, other, site }
}
