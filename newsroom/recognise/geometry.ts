/**
 * Page geometry for the recognise stage: text runs joined into printed lines, and a page cut into
 * rectangular regions by recursive XY-cut on white space and printed rules. Pure: no I/O.
 *
 * Written by hand: the layout-analysis libraries that exist (for OCR pipelines, in Python or C++) work on
 * page images, not on the positioned text a PDF already gives, and none is a maintained JavaScript
 * package; XY-cut itself is a few dozen lines.
 */
import type { PlacedImage, Rule, TextRun } from '../extract/page-content'
import { isAsciiAlnum, isCjk, isPunct, isWidePunct, normaliseIdeographs } from '../text-chars'

/** An axis-aligned rectangle in points, top-left origin. */
export interface Box {
  x0: number
  y0: number
  x1: number
  y1: number
}

/** Runs on one baseline that touch: the smallest text unit the cutter moves around. */
export interface Piece extends Box {
  text: string
  size: number
  bold: boolean
  font: string
  /** Characters set in a bold face, for telling a bold dateline apart. */
  boldChars: number
}

/** One printed line: pieces on one baseline within one region, left to right. */
export interface Line extends Box {
  text: string
  /** The type size most of the line's characters are set in. */
  size: number
  bold: boolean
  font: string
  pieces: Piece[]
}

/** An element the cutter places: a piece of text or an image. */
export type Elem = ({ kind: 'text', piece: Piece } | { kind: 'image', image: PlacedImage }) & { box: Box }

/** A region of the page: either cut further (children in reading order) or a leaf of elements. */
export interface Region {
  box: Box
  /** How the children were cut apart: `h` stacks them top to bottom, `v` places them left to right. */
  cut?: 'h' | 'v'
  children: Region[]
  elems: Elem[]
}

export function union(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1))
  }
}

export function area(b: Box): number {
  return Math.max(0, b.x1 - b.x0) * Math.max(0, b.y1 - b.y0)
}

/** Intersection over union of two boxes (0 when apart). */
export function iou(a: Box, b: Box): number {
  const i = area({ x0: Math.max(a.x0, b.x0), y0: Math.max(a.y0, b.y0), x1: Math.min(a.x1, b.x1), y1: Math.min(a.y1, b.y1) })
  const u = area(a) + area(b) - i
  return u > 0 ? i / u : 0
}

function isLatin(ch: string | undefined): boolean {
  return isAsciiAlnum(ch) || (!!ch && /[A-Za-z0-9.,%'’-]/.test(ch))
}

/**
 * Whether a gap of `gap` points between two pieces of type size `size` is a printed space: between Latin
 * words a narrow gap is (a word space is a quarter to a third of an em); between ideographs only a wide
 * one, since justified Chinese lines spread their characters.
 */
function spaceBetween(left: string, right: string, gap: number, size: number, tracking: number): boolean {
  const l = left[left.length - 1]
  const r = right[0]
  if (isPunct(l) || isPunct(r)) return gap - tracking > 0.9 * size
  if (isLatin(l) && isLatin(r)) return gap - tracking > 0.12 * size
  return gap - tracking > 0.15 * size
}

function joinText(a: { text: string, x1: number }, b: { text: string, x0: number }, size: number, tracking = 0): string {
  const gap = b.x0 - a.x1
  const explicit = /\s$/.test(a.text) || /^\s/.test(b.text)
  const t = a.text.replace(/\s+$/, '')
  const u = b.text.replace(/^\s+/, '')
  return t + (explicit || spaceBetween(t, u, gap, size, tracking) ? ' ' : '') + u
}

/**
 * The letter spacing of a line of runs: the median of the gaps between its runs and of the spacing
 * inside its runs of ideographs (width beyond one em per character). A gap is a space only when it is
 * clearly wider than that.
 */
function lineTracking(runs: Array<{ text: string, x0: number, x1: number, size: number }>, between = true): number {
  const samples: number[] = []
  if (between) for (let i = 1; i < runs.length; i++) samples.push(runs[i].x0 - runs[i - 1].x1)
  for (const r of runs) {
    const chars = [...r.text]
    if (chars.length >= 2 && chars.every((c) => wideOrCjk(c))) samples.push((r.x1 - r.x0 - chars.length * r.size) / (chars.length - 1))
  }
  if (samples.length === 0) return 0
  samples.sort((a, b) => a - b)
  return Math.max(0, samples[samples.length >> 1])
}

/**
 * A run's text as it should read: radical and compatibility code points that fonts map some ideographs'
 * glyphs to (`⾼` U+2F7C for `高`, `⺠` U+2EA0 for `民`) replaced by the ideographs. A PDF writer that builds
 * its ToUnicode map from the font's cmap in reverse picks any code point that shares the glyph.
 */
export function runText(text: string): string {
  // Runs may come from any extractor, so the recogniser does not rely on extract having done this.
  const t = normaliseIdeographs(text)
  // A letter-spaced run (`要 闻`, `热 点`): single ideographs between spaces the extraction guessed.
  return /^[\u3400-\u9fff](?: [\u3400-\u9fff])+$/.test(t.trim()) ? t.replace(/ /g, '') : t
}

const wideOrCjk = (ch: string | undefined) => !!ch && (isCjk(ch) || isWidePunct(ch))

/**
 * Spaces in a line of Chinese as they were printed. PDF text extraction guesses spaces from glyph gaps,
 * and a justified line spreads its characters, so it reports spaces between single characters (`党 建 引
 * 领`) that no one typed. A space is kept only between two words of two or more characters, never next to
 * full-width punctuation; Latin words keep theirs.
 */
export function closeUpSpaces(text: string): string {
  const tokens = text.split(' ')
  if (tokens.length === 1) return text
  let out = tokens[0]
  for (let i = 1; i < tokens.length; i++) {
    const left = tokens[i - 1]
    const right = tokens[i]
    if (left === '' || right === '') {
      out += right
      continue
    }
    const l = left[left.length - 1]
    const r = right[0]
    const chinese = wideOrCjk(l) && wideOrCjk(r)
    const mixed = (wideOrCjk(l) || wideOrCjk(r)) && (isWidePunct(l) || isWidePunct(r))
    // A single character between two spaces is letter spacing; one at the start or end of the line may
    // be half of a name the print wrapped (`源 通讯员`), so its space stays.
    const single = (t: string) => [...t].length === 1 && wideOrCjk(t)
    const spread = (single(left) && i - 1 > 0) || (single(right) && i + 1 < tokens.length)
    if (mixed || (chinese && spread)) out += right
    else out += ' ' + right
  }
  return out
}

const sameRow = (a: { y0: number, y1: number, size: number }, b: { y0: number, y1: number, size: number }) =>
  Math.abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < 0.35 * Math.min(a.size, b.size)

/**
 * Joins runs that sit on one baseline, in one type size, and touch (gap under 0.6 em) into pieces. A
 * wider gap is a column gutter or a deliberate space between phrases: the cutter or the line builder
 * decides which.
 */
export function joinRuns(runs: TextRun[]): Piece[] {
  const sorted = runs
    .map((r) => ({ ...r, text: runText(r.text) }))
    .filter((r) => r.text.trim() !== '' && r.w >= 0 && r.h > 0)
    .map((r) => ({ r, cy: r.y + r.h / 2 }))
    .sort((a, b) => (Math.abs(a.cy - b.cy) < 0.35 * Math.min(a.r.size, b.r.size) ? a.r.x - b.r.x : a.cy - b.cy))
  const groups: Array<{ piece: Piece, members: Array<{ text: string, x0: number, x1: number, size: number }> }> = []
  const open: typeof groups = []
  for (const { r } of sorted) {
    const chars = [...r.text.trim()].length
    // The nearest piece that ends where this run starts: a squeezed closing mark may overlap the next
    // glyph by half an em, since extraction reports its full advance.
    const fits = open.filter(({ piece: p }) => sameRow(p, { y0: r.y, y1: r.y + r.h, size: r.size }) &&
      Math.abs(p.size - r.size) <= 0.12 * Math.max(p.size, r.size) && r.x - p.x1 > -0.6 * r.size && r.x - p.x1 < 0.6 * r.size && r.x > p.x0)
    const g = fits.sort((a, b) => Math.abs(r.x - a.piece.x1) - Math.abs(r.x - b.piece.x1))[0]
    const member = { text: r.text, x0: r.x, x1: r.x + r.w, size: r.size }
    if (g) {
      const p = g.piece
      g.members.push(member)
      p.x1 = Math.max(p.x1, r.x + r.w)
      p.y0 = Math.min(p.y0, r.y)
      p.y1 = Math.max(p.y1, r.y + r.h)
      if (r.bold) p.boldChars += chars
      if (r.size > p.size) p.size = r.size
      continue
    }
    const p: Piece = { text: '', x0: r.x, y0: r.y, x1: r.x + r.w, y1: r.y + r.h, size: r.size, bold: r.bold, font: r.font, boldChars: r.bold ? chars : 0 }
    const created = { piece: p, members: [member] }
    groups.push(created)
    open.push(created)
    // Only pieces on the current row can still grow.
    for (let i = open.length - 1; i >= 0; i--) if (!sameRow(open[i].piece, p) && open[i].piece.y1 < p.y0 - p.size) open.splice(i, 1)
  }
  return groups.map(({ piece, members }) => {
    const tracking = lineTracking(members)
    let text = members[0].text
    for (let i = 1; i < members.length; i++) text = joinText({ text, x1: members[i - 1].x1 }, members[i], members[i].size, tracking)
    piece.text = text.trim()
    piece.bold = piece.boldChars * 2 >= [...piece.text.replace(/\s/g, '')].length
    return piece
  })
}

/** Groups pieces into printed lines (rows), top to bottom, each left to right. */
export function buildLines(pieces: Piece[]): Line[] {
  const rows: Piece[][] = []
  const sorted = [...pieces].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2)
  for (const p of sorted) {
    const row = rows.find((r) => r.some((q) => sameRow(q, p)))
    if (row) row.push(p)
    else rows.push([p])
  }
  const lines = rows.map((row) => {
    row.sort((a, b) => a.x0 - b.x0)
    let text = row[0].text
    // Pieces are at least 0.6 em apart by construction: only the spacing inside them is letter spacing.
    const tracking = lineTracking(row, false)
    for (let i = 1; i < row.length; i++) text = joinText({ text, x1: row[i - 1].x1 }, row[i], Math.max(row[i - 1].size, row[i].size), tracking)
    text = closeUpSpaces(text)
    // The size most characters are set in (a bold dateline and its text share one).
    const bySize = new Map<number, number>()
    for (const p of row) bySize.set(p.size, (bySize.get(p.size) ?? 0) + [...p.text].length)
    const size = [...bySize.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0]
    const chars = row.reduce((n, p) => n + [...p.text].length, 0)
    const bold = row.reduce((n, p) => n + p.boldChars, 0) * 2 >= chars
    return { ...union(row), text, size, bold, font: row[0].font, pieces: row }
  })
  return lines.sort((a, b) => a.y0 - b.y0)
}

/** Type sizes of a page: the body size (most characters) and thresholds derived from it. */
export interface Scale {
  body: number
}

/** The body size: the type size that carries the most characters. */
export function bodySize(pieces: Piece[]): number {
  const bySize = new Map<number, number>()
  for (const p of pieces) {
    const s = Math.round(p.size * 4) / 4
    bySize.set(s, (bySize.get(s) ?? 0) + [...p.text].length)
  }
  const best = [...bySize.entries()].sort((a, b) => b[1] - a[1])[0]
  return best ? best[0] : 10
}

export function horizontalRules(rules: Rule[]): Rule[] {
  return rules.filter((r) => Math.abs(r.y2 - r.y1) <= 1.5 && Math.abs(r.x2 - r.x1) > 3)
}

export function verticalRules(rules: Rule[]): Rule[] {
  return rules.filter((r) => Math.abs(r.x2 - r.x1) <= 1.5 && Math.abs(r.y2 - r.y1) > 3)
}

interface Gap {
  a: number
  b: number
  /** A printed rule runs along the gap across most of the region. */
  ruled: boolean
}

/** Gaps in the projection of boxes onto one axis, inside [lo, hi]. */
function projectionGaps(boxes: Box[], axis: 'x' | 'y'): Array<{ a: number, b: number }> {
  const spans = boxes.map((b) => (axis === 'x' ? [b.x0, b.x1] : [b.y0, b.y1])).sort((p, q) => p[0] - q[0])
  const gaps: Array<{ a: number, b: number }> = []
  let end = spans[0][1]
  for (const [s, e] of spans.slice(1)) {
    if (s > end) gaps.push({ a: end, b: s })
    end = Math.max(end, e)
  }
  return gaps
}

/**
 * Cuts a set of elements into regions, recursively. At each level: cut along white-space gaps that carry
 * a printed rule first; else along vertical gaps (column gutters, module edges) at least `minGutter`
 * wide; else along the widest horizontal gaps. A single printed line is never cut at a word space, nor a
 * display line of several phrases. Children come in reading order: left to right, top to bottom.
 */
export function xyCut(elems: Elem[], rules: Rule[], body: number): Region {
  const box = union(elems.map((e) => e.box))
  const leaf: Region = { box, children: [], elems }
  if (elems.length <= 1) return leaf
  const h = horizontalRules(rules)
  const v = verticalRules(rules)
  const width = box.x1 - box.x0
  const height = box.y1 - box.y0
  const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0))
  const texts = elems.flatMap((e) => (e.kind === 'text' ? [e.piece] : []))

  const vGaps: Gap[] = projectionGaps(elems.map((e) => e.box), 'x').map((g) => ({
    ...g,
    ruled: v.some((r) => r.x1 >= g.a - 1 && r.x1 <= g.b + 1 && overlap(Math.min(r.y1, r.y2), Math.max(r.y1, r.y2), box.y0, box.y1) >= 0.5 * height)
  }))
  const hGaps: Gap[] = projectionGaps(elems.map((e) => e.box), 'y').map((g) => ({
    ...g,
    ruled: h.some((r) => r.y1 >= g.a - 1 && r.y1 <= g.b + 1 && overlap(Math.min(r.x1, r.x2), Math.max(r.x1, r.x2), box.x0, box.x1) >= 0.5 * width)
  }))

  // One printed row (all text overlaps vertically, no image): a line with word spaces, not columns.
  const oneRow = elems.every((e) => e.kind === 'text') && Math.min(...texts.map((t) => t.y1)) > Math.max(...texts.map((t) => t.y0))
  const splitsDisplayLine = (g: Gap) => texts.some((l) => l.x1 <= g.a + 0.5 && l.size >= 1.2 * body && texts.some((r) =>
    r.x0 >= g.b - 0.5 && sameRow(l, r) && Math.abs(l.size - r.size) < 0.1 * l.size && r.x0 - l.x1 <= 3 * l.size))
  const usableV = vGaps.filter((g) => g.ruled || (g.b - g.a >= 0.6 * body && !(oneRow && g.b - g.a < 3 * Math.max(...texts.map((t) => t.size))) && !splitsDisplayLine(g)))
  const usableH = hGaps.filter((g) => g.ruled || g.b - g.a >= 0.25 * body)

  const ruledV = usableV.filter((g) => g.ruled)
  const ruledH = usableH.filter((g) => g.ruled)
  let cuts: Gap[] = []
  let dir: 'h' | 'v' | undefined
  if (ruledH.length > 0 || ruledV.length > 0) {
    // A rule across the whole region outranks rules between parts of it.
    const spanH = Math.max(0, ...ruledH.map((g) => Math.max(...h.filter((r) => r.y1 >= g.a - 1 && r.y1 <= g.b + 1).map((r) => overlap(Math.min(r.x1, r.x2), Math.max(r.x1, r.x2), box.x0, box.x1) / width))))
    const spanV = Math.max(0, ...ruledV.map((g) => Math.max(...v.filter((r) => r.x1 >= g.a - 1 && r.x1 <= g.b + 1).map((r) => overlap(Math.min(r.y1, r.y2), Math.max(r.y1, r.y2), box.y0, box.y1) / height))))
    dir = spanH >= spanV ? 'h' : 'v'
    cuts = dir === 'h' ? ruledH : ruledV
  } else if (usableV.length > 0) {
    dir = 'v'
    cuts = usableV
  } else if (usableH.length > 0) {
    dir = 'h'
    const widest = Math.max(...usableH.map((g) => g.b - g.a))
    cuts = usableH.filter((g) => g.b - g.a >= 0.8 * widest)
  }
  if (!dir) return leaf
  const groups: Elem[][] = cuts.map(() => [])
  groups.push([])
  for (const e of elems) {
    const c = dir === 'v' ? (e.box.x0 + e.box.x1) / 2 : (e.box.y0 + e.box.y1) / 2
    let k = 0
    while (k < cuts.length && c > cuts[k].a) k++
    groups[k].push(e)
  }
  const parts = groups.filter((g) => g.length > 0)
  if (parts.length < 2) return leaf
  return { box, cut: dir, children: parts.map((g) => xyCut(g, rules, body)), elems }
}

/** The leaves of a region in reading order. */
export function leaves(r: Region): Region[] {
  return r.children.length === 0 ? [r] : r.children.flatMap(leaves)
}
