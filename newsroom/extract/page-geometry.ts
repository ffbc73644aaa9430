/**
 * Turns what pdf.js reports for one page (text content items, the operator list) into the extract
 * stage's hand-off: text runs, placed images and rules in points with a top-left origin. Pure: no pdf.js
 * import, so it runs anywhere and the pdf.js specifics stay in pdfjs-thread.ts, which passes the
 * operator codes in.
 */
import { normaliseIdeographs } from '../text-chars'
import type { PlacedImage, Rule, TextRun } from './page-content'

/** An affine matrix [a b c d e f] as PDF and pdf.js write it: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number]

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]

/** `m` applied after `n`'s own space: the matrix of a `cm` operator `n` under the current matrix `m`. */
export function multiply (m: readonly number[], n: readonly number[]): Matrix {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5]
  ]
}

export function apply (m: readonly number[], x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]
}

/** The bounding box of the unit square under `m` (how an image is placed). */
function unitBox (m: readonly number[]): { x: number, y: number, w: number, h: number } {
  const pts = [apply(m, 0, 0), apply(m, 1, 0), apply(m, 0, 1), apply(m, 1, 1)]
  const xs = pts.map(p => p[0])
  const ys = pts.map(p => p[1])
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
}

const round = (v: number): number => Math.round(v * 100) / 100

/** A text content item as pdf.js gives it (the fields used here). */
export interface TextItemLike {
  str: string
  transform: number[]
  width: number
  height: number
  fontName: string
}

/** What is known of a font: its real name and weight. */
export interface FontFacts {
  name: string
  bold: boolean
}

/** Subset fonts are named `ABCDEF+RealName`; the prefix changes from file to file. */
export function stripSubsetPrefix (name: string): string {
  return name.replace(/^[A-Z]{6}\+/, '')
}

/**
 * Bold or heavier, judged from the font's name: layout programs name weights (`-Bold`, `Heavy`,
 * `Black`, Japanese-style `W7`…`W9`), Acrobat marks synthetic bold as `SimSun,Bold`, and Founder's
 * Chinese faces put the weight in the family code (`FZDHTK` 大黑, `FZCQK` 粗倩, `FZZDHK` 正大黑).
 * pdf.js's own flag is used when it is set (it is for standard and substituted fonts).
 */
export function isBoldFont (name: string, flag?: boolean): boolean {
  if (flag === true) return true
  const n = stripSubsetPrefix(name)
  return /bold|black|heavy|semibold|demibold|extrabold|ultra|,bold|[-_ ]?W(?:[6-9]|1[0-2])\b|^FZ(?:DH|ZDH|CQ|CH|CCH|ZH|DBS)/i.test(n)
}

/**
 * Text runs of a page from pdf.js text content items. `viewport` maps PDF user space to points with a
 * top-left origin (pdf.js's viewport transform at scale 1). Whitespace-only items are dropped: the gap
 * they stand for is in the geometry already.
 */
export function textRuns (
  items: readonly TextItemLike[],
  styles: Record<string, { ascent?: number, descent?: number, vertical?: boolean }>,
  fonts: (loadedName: string) => FontFacts,
  viewport: readonly number[]
): TextRun[] {
  const runs: TextRun[] = []
  for (const item of items) {
    if (item.str.trim() === '') continue
    const m = multiply(viewport, item.transform)
    // The type size is the matrix's scale along the glyphs' vertical axis (pdf.js's text layer does the same).
    const size = Math.hypot(m[2], m[3])
    const style = styles[item.fontName] ?? {}
    // Place the em box of `size` on the baseline, split as the font's ascent and descent divide it; CJK
    // fonts (ascent 0.88, descent −0.12) get exactly the ideographic em box.
    const ascent = style.ascent ?? 0.88
    const descent = style.descent ?? -0.12
    const above = ascent - descent > 0 ? ascent / (ascent - descent) : 0.88
    const font = fonts(item.fontName)
    if (style.vertical) {
      // Vertical text: the width pdf.js reports runs down the page.
      runs.push({ text: normaliseIdeographs(item.str), x: round(m[4] - size / 2), y: round(m[5]), w: round(size), h: round(item.height || item.width), size: round(size), font: font.name, bold: font.bold })
      continue
    }
    runs.push({
      text: normaliseIdeographs(item.str),
      x: round(m[4]),
      y: round(m[5] - size * above),
      w: round(item.width),
      h: round(size),
      size: round(size),
      font: font.name,
      bold: font.bold
    })
  }
  return runs
}

/** The pdf.js operator codes the drawing walk needs (pdf.js's `OPS`). */
export interface OpCodes {
  save: number
  restore: number
  transform: number
  setLineWidth: number
  constructPath: number
  paintFormXObjectBegin: number
  paintFormXObjectEnd: number
  paintImageXObject: number
  paintInlineImageXObject: number
  paintImageXObjectRepeat: number
  stroke: number
  closeStroke: number
  fill: number
  eoFill: number
  fillStroke: number
  eoFillStroke: number
  closeFillStroke: number
  closeEOFillStroke: number
}

/** pdf.js's path drawing codes inside a constructPath (`DrawOPS`). */
const MOVE = 0
const LINE = 1
const CURVE = 2
const QUAD = 3
const CLOSE = 4

/** A placed image with where pdf.js keeps its pixels: a page object id, or the inline image itself. */
export interface ImageRef extends PlacedImage {
  objId?: string
  inline?: unknown
}

export interface Drawing {
  images: ImageRef[]
  rules: Rule[]
}

/** How far from horizontal or vertical a line may lean and still count as a rule, in points. */
const STRAIGHT = 0.5
/** A filled box no thicker than this is a rule drawn as a box. */
const THIN = 3

interface Segment { x1: number, y1: number, x2: number, y2: number }

function straightRule (s: Segment, width: number): Rule | null {
  const dx = Math.abs(s.x2 - s.x1)
  const dy = Math.abs(s.y2 - s.y1)
  if (dx < 0.01 && dy < 0.01) return null
  if (dy <= STRAIGHT && dx > dy) {
    const y = round((s.y1 + s.y2) / 2)
    return { x1: round(Math.min(s.x1, s.x2)), y1: y, x2: round(Math.max(s.x1, s.x2)), y2: y, width: round(width) }
  }
  if (dx <= STRAIGHT && dy > dx) {
    const x = round((s.x1 + s.x2) / 2)
    return { x1: x, y1: round(Math.min(s.y1, s.y2)), x2: x, y2: round(Math.max(s.y1, s.y2)), width: round(width) }
  }
  return null
}

/** An axis-aligned rectangle made of straight segments, or null. */
function asRectangle (points: Array<[number, number]>): { x: number, y: number, w: number, h: number } | null {
  const pts = points.length === 5 && Math.hypot(points[4][0] - points[0][0], points[4][1] - points[0][1]) < 0.01 ? points.slice(0, 4) : points
  if (pts.length !== 4) return null
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = pts[i]
    const [bx, by] = pts[(i + 1) % 4]
    if (Math.abs(ax - bx) > STRAIGHT && Math.abs(ay - by) > STRAIGHT) return null
  }
  const xs = pts.map(p => p[0])
  const ys = pts.map(p => p[1])
  const x = Math.min(...xs)
  const y = Math.min(...ys)
  return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y }
}

/**
 * Images and rules of a page from its operator list. The current matrix is tracked through
 * save/restore, `cm` and form XObjects; each image is the unit square under the matrix at its paint
 * operator; each straight stroked segment is a rule of the current line width (scaled by the matrix),
 * a filled box thinner than 3 pt is a rule along its length, and a larger filled box (a tint panel)
 * gives its four edges as rules of width 0 — except one covering most of the page, which is a
 * background, not a separator.
 */
export function drawing (
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  ops: OpCodes,
  viewport: readonly number[],
  page: { width: number, height: number }
): Drawing {
  let ctm: Matrix = [...viewport] as Matrix
  let lineWidth = 1
  const stack: Array<{ ctm: Matrix, lineWidth: number }> = []
  const images: ImageRef[] = []
  const rules: Rule[] = []
  const stroked = new Set([ops.stroke, ops.closeStroke, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke])
  const filled = new Set([ops.fill, ops.eoFill, ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke])

  const place = (extra: Partial<ImageRef>, pixelWidth: number, pixelHeight: number): void => {
    const box = unitBox(ctm)
    images.push({ id: `img${images.length}`, x: round(box.x), y: round(box.y), w: round(box.w), h: round(box.h), pixelWidth, pixelHeight, ...extra })
  }

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i]
    const args = argsArray[i] as any[] | null
    if (fn === ops.save) {
      stack.push({ ctm, lineWidth })
    } else if (fn === ops.restore) {
      const top = stack.pop()
      if (top) ({ ctm, lineWidth } = top)
    } else if (fn === ops.transform && args) {
      ctm = multiply(ctm, args as number[])
    } else if (fn === ops.setLineWidth && args) {
      lineWidth = Number(args[0]) || 0
    } else if (fn === ops.paintFormXObjectBegin) {
      stack.push({ ctm, lineWidth })
      const matrix = args?.[0] as number[] | null | undefined
      if (matrix && matrix.length === 6) ctm = multiply(ctm, Array.from(matrix))
    } else if (fn === ops.paintFormXObjectEnd) {
      const top = stack.pop()
      if (top) ({ ctm, lineWidth } = top)
    } else if (fn === ops.paintImageXObject || fn === ops.paintImageXObjectRepeat) {
      if (!args) continue
      if (fn === ops.paintImageXObjectRepeat) continue // tiled patterns, not photographs
      place({ objId: String(args[0]) }, Number(args[1]) || 0, Number(args[2]) || 0)
    } else if (fn === ops.paintInlineImageXObject) {
      const img = args?.[0] as { width?: number, height?: number } | undefined
      if (img) place({ inline: img }, Number(img.width) || 0, Number(img.height) || 0)
    } else if (fn === ops.constructPath && args) {
      const paint = Number(args[0])
      const isStroke = stroked.has(paint)
      const isFill = filled.has(paint)
      if (!isStroke && !isFill) continue
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0]
      if (!data) continue
      // The stroke width in page points: pdf.js scales it by the matrix as PDF does.
      const scale = Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]))
      const subpaths: Array<{ points: Array<[number, number]>, curved: boolean, closed: boolean }> = []
      let current: { points: Array<[number, number]>, curved: boolean, closed: boolean } | null = null
      for (let k = 0; k < data.length;) {
        const code = data[k++]
        if (code === MOVE) {
          current = { points: [apply(ctm, data[k], data[k + 1])], curved: false, closed: false }
          subpaths.push(current)
          k += 2
        } else if (code === LINE) {
          current?.points.push(apply(ctm, data[k], data[k + 1]))
          k += 2
        } else if (code === CURVE) {
          if (current) current.curved = true
          current?.points.push(apply(ctm, data[k + 4], data[k + 5]))
          k += 6
        } else if (code === QUAD) {
          if (current) current.curved = true
          current?.points.push(apply(ctm, data[k + 2], data[k + 3]))
          k += 4
        } else if (code === CLOSE) {
          if (current) current.closed = true
        } else {
          break
        }
      }
      for (const sp of subpaths) {
        if (sp.curved) continue
        const rect = asRectangle(sp.points)
        if (isFill && rect) {
          if (rect.w * rect.h >= 0.9 * page.width * page.height) continue
          const thick = Math.min(rect.w, rect.h)
          if (thick <= THIN) {
            const rule = rect.w >= rect.h
              ? straightRule({ x1: rect.x, y1: rect.y + rect.h / 2, x2: rect.x + rect.w, y2: rect.y + rect.h / 2 }, thick)
              : straightRule({ x1: rect.x + rect.w / 2, y1: rect.y, x2: rect.x + rect.w / 2, y2: rect.y + rect.h }, thick)
            if (rule) rules.push(rule)
            continue
          }
          if (!isStroke) {
            for (const s of edges(rect)) {
              const rule = straightRule(s, 0)
              if (rule) rules.push(rule)
            }
            continue
          }
        }
        if (!isStroke) continue
        const pts = sp.closed && sp.points.length > 2 ? [...sp.points, sp.points[0]] : sp.points
        for (let k = 1; k < pts.length; k++) {
          const rule = straightRule({ x1: pts[k - 1][0], y1: pts[k - 1][1], x2: pts[k][0], y2: pts[k][1] }, lineWidth * scale)
          if (rule) rules.push(rule)
        }
      }
    }
  }
  return { images, rules }
}

function edges (r: { x: number, y: number, w: number, h: number }): Segment[] {
  return [
    { x1: r.x, y1: r.y, x2: r.x + r.w, y2: r.y },
    { x1: r.x, y1: r.y + r.h, x2: r.x + r.w, y2: r.y + r.h },
    { x1: r.x, y1: r.y, x2: r.x, y2: r.y + r.h },
    { x1: r.x + r.w, y1: r.y, x2: r.x + r.w, y2: r.y + r.h }
  ]
}
