/**
 * Producer 2: a page writer that places every line itself, as layout programs do. Body text is set in a
 * Type0 font with the `UniGB-UCS2-H` CMap over a CIDFontType0 (`Adobe-GB1-4`) that is NOT embedded; the
 * display and bold faces are non-embedded too, flagged bold in name and descriptor. Widths are the CID
 * widths a viewer will use: ideographs and full-width punctuation 1 em, printable ASCII half an em. Lines are
 * broken and justified here (character spacing), columns balanced, modules stretched to the grid.
 * Photos are real JPEG XObjects. Written with pdf-lib's low-level objects.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  PDFDocument, PDFHexString, PDFName, PDFString, beginText, endText, lineTo, moveTo, popGraphicsState, pushGraphicsState,
  rectangle, fill, concatTransformationMatrix, drawObject, setCharacterSpacing, setFillingRgbColor, setFontAndSize, setLineWidth, setStrokingRgbColor, setTextMatrix,
  showText, stroke, type PDFPage, type PDFRef
} from 'pdf-lib'
import { setFixedInfo } from './html-producer'
import { makePhoto } from './photos'
import {
  bracketCredits, chineseDate, dateLine, leaves, ownLineCredits, pageLabel, partPages, partParagraphs, photoCredit, weekday,
  type AdSpec, type IssueSpec, type LayoutNode, type Placement, type Zone
} from './model'

const MM = 72 / 25.4
const MARGIN = 15 * MM
const GUTTER = 4 * MM
const STACK_GAP = 6 * MM

export type FontKey = 'body' | 'sans' | 'bold'
type Colour = [number, number, number]
const INK: Colour = [0.1, 0.1, 0.1]
const RED: Colour = [0.7, 0.07, 0.11]

export interface Glyph { ch: string, font: FontKey, size: number, w: number, colour?: Colour }
export interface Line { glyphs: Glyph[], justify: boolean, align: 'left' | 'center' | 'right', indent: number, height: number }

/** Characters a line may not start with, and may not end with (kinsoku). */
const NO_START = new Set([...'，。、；：？！）」』”’》〉】…—·・%,.;:?!)'])
const NO_END = new Set([...'（「『“‘《〈【('])

/** The glyphs of `text` as the line placer measures them: ideographs 1 em, printable ASCII half an em. */
export function glyphs(text: string, font: FontKey, size: number, colour?: Colour): Glyph[] {
  return [...text].map((ch) => ({ ch, font, size, w: (ch.codePointAt(0) ?? 0) <= 0x7e ? size / 2 : size, colour }))
}

/** Units that never break inside: a run of Latin letters and digits, or one character. */
function units(gs: Glyph[]): Glyph[][] {
  const out: Glyph[][] = []
  for (const g of gs) {
    const last = out[out.length - 1]
    if (last && /[0-9A-Za-z.%\-:/]/.test(g.ch) && /[0-9A-Za-z.%\-:/]/.test(last[last.length - 1].ch)) last.push(g)
    else out.push([g])
  }
  return out
}

const width = (gs: Glyph[]) => gs.reduce((s, g) => s + g.w, 0)

/**
 * Breaks a paragraph into lines of `measure` points; full lines are justified unless `ragged`. No line starts
 * with closing punctuation or ends with an opening mark; Latin words and numbers never break.
 */
export function breakLines(gs: Glyph[], measure: number, opts: { indent: number, align?: Line['align'], ragged?: boolean, lineHeight: number }): Line[] {
  const lines: Line[] = []
  let current: Glyph[][] = []
  let indent = opts.indent
  const push = (justify: boolean) => {
    lines.push({ glyphs: current.flat(), justify: justify && !opts.ragged, align: opts.align ?? 'left', indent, height: opts.lineHeight })
    current = []
    indent = 0
  }
  for (const u of units(gs)) {
    if (indent + width(current.flat()) + width(u) <= measure + 0.01 || current.length === 0) {
      current.push(u)
      continue
    }
    const carried: Glyph[][] = []
    // Push a character down rather than start a line with closing punctuation or end one with an opening mark.
    if (NO_START.has(u[0].ch) && current.length > 1) carried.unshift(current.pop() as Glyph[])
    while (current.length > 1 && NO_END.has(current[current.length - 1].slice(-1)[0].ch)) carried.unshift(current.pop() as Glyph[])
    push(true)
    current = [...carried, u]
  }
  if (current.length > 0) push(false)
  return lines
}

/** Something drawn on a page, in points with the origin top-left. */
type Op =
  | { t: 'line', line: Line, x: number, y: number, w: number }
  | { t: 'image', ref: string, x: number, y: number, w: number, h: number }
  | { t: 'rule', x1: number, y1: number, x2: number, y2: number, width: number, colour?: Colour }
  | { t: 'box', x: number, y: number, w: number, h: number, colour: Colour }

interface Block {
  height: number
  /** Draws into `ops` within the box; `item` collects the printed extent. */
  draw(ops: Op[], x: number, y: number, w: number, h: number, extent: (r: Rect, item?: number) => void): void
}

interface Rect { x: number, y: number, w: number, h: number }

function lineExtent(l: Line, x: number, y: number, w: number): Rect {
  const size = Math.max(...l.glyphs.map((g) => g.size))
  const used = l.justify ? w - l.indent : width(l.glyphs)
  const left = l.align === 'center' ? x + (w - used) / 2 : l.align === 'right' ? x + w - used : x + l.indent
  return { x: left, y: y + (l.height - size) / 2, w: used, h: size }
}

function linesBlock(lines: Line[]): { height: number, draw: (ops: Op[], x: number, y: number, w: number, ext: (r: Rect) => void) => void } {
  return {
    height: lines.reduce((s, l) => s + l.height, 0),
    draw(ops, x, y, w, ext) {
      let yy = y
      for (const l of lines) {
        ops.push({ t: 'line', line: l, x, y: yy, w })
        if (l.glyphs.length > 0) ext(lineExtent(l, x, yy, w))
        yy += l.height
      }
    }
  }
}

interface Ctx {
  issue: IssueSpec
  photos: Map<string, { ref: string, aspect: number }>
}

function articleBlock(ctx: Ctx, node: Extract<LayoutNode, { item: number }>, w: number): Block {
  const { issue } = ctx
  const item = issue.items[node.item]
  const size = issue.bodySize
  const lh = size * 1.62
  const part = item.continued ? node.part ?? 0 : undefined
  const pages = partPages(issue, node.item)
  const center = node.align === 'left' ? 'left' : 'center'
  const heads: Line[] = []
  const headLines = (text: string, font: FontKey, s: number, spacing = 1.3) => heads.push(...breakLines(glyphs(text, font, s), w, { indent: 0, align: center, ragged: true, lineHeight: s * spacing }))
  const gap = (h: number) => heads.push({ glyphs: [], justify: false, align: 'left', indent: 0, height: h })
  const figures: Array<{ key: string, caption: Line[] }> = []
  if (item.kind === 'photo') {
    item.figures.forEach((f, i) => {
      const caption: Line[] = []
      caption.push(...breakLines(glyphs(item.title, 'bold', 14), w, { indent: 0, align: center, ragged: true, lineHeight: 14 * 1.5 }))
      if (f.caption) caption.push(...breakLines(glyphs(f.caption, 'sans', 9), w, { indent: 18, lineHeight: 9 * 1.55 }))
      if (f.credit) caption.push(...breakLines(glyphs(photoCredit(f.credit), 'sans', 9), w, { indent: 0, align: 'right', ragged: true, lineHeight: 9 * 1.55 }))
      figures.push({ key: `${node.item}/${i}`, caption })
    })
    return figureStack(ctx, node.item, figures, [], [], w, 1, lh)
  }
  gap(1 * MM)
  if (part === 1) {
    headLines(item.title, 'bold', Math.min(node.titleSize ?? 22, 18))
    headLines(`（上接第${issue.pages[pages[0]].number}版）`, 'sans', 9, 1.5)
  } else {
    if (item.kicker) headLines(item.kicker, 'sans', 13)
    headLines(item.title, 'bold', node.titleSize ?? 22, 1.25)
    if (item.subtitle) headLines((issue.subtitleDash ? '——' : '') + item.subtitle, 'sans', 12.5, 1.4)
    if (item.bylineStyle === 'own-line') {
      gap(1 * MM)
      headLines(ownLineCredits(item.byline), 'sans', 9.5, 1.5)
    }
  }
  gap(2.5 * MM)
  if (part !== 1) {
    item.figures.forEach((f, i) => {
      const text = `${f.caption ?? ''}${f.credit ? ` ${photoCredit(f.credit)}` : ''}`
      figures.push({ key: `${node.item}/${i}`, caption: text ? breakLines(glyphs(text, 'sans', 9), w, { indent: 18, lineHeight: 9 * 1.55 }) : [] })
    })
  }
  const colW = (w - GUTTER * (node.textCols - 1)) / node.textCols
  const body: Line[] = []
  partParagraphs(item, part).forEach((p, i) => {
    let gs = glyphs(p.text, 'body', size)
    if (i === 0 && part !== 1 && item.dateline) {
      const lead = item.bylineStyle === 'own-line' || item.byline.length === 0 ? `${item.dateline}　` : `${item.dateline}（${bracketCredits(item.byline)}）`
      gs = [...glyphs(lead, 'bold', size).map((g) => (g.ch === '　' ? { ...g, font: 'body' as FontKey } : g)), ...gs]
    }
    body.push(...breakLines(gs, colW, { indent: p.indent ? 2 * size : 0, lineHeight: lh }))
  })
  if (part === 0) body.push(...breakLines(glyphs(`（下转第${issue.pages[pages[1]].number}版）`, 'sans', 9), colW, { indent: 0, align: 'right', ragged: true, lineHeight: lh }))
  return figureStack(ctx, node.item, figures, heads, body, w, node.textCols, lh)
}

/** Headline lines, then photos with their captions, then the body balanced over `cols` columns. */
function figureStack(ctx: Ctx, itemIndex: number, figures: Array<{ key: string, caption: Line[] }>, heads: Line[], body: Line[], w: number, cols: number, lh: number): Block {
  const head = linesBlock(heads)
  const figs = figures.map((f) => {
    const photo = ctx.photos.get(f.key)
    if (!photo) throw new Error(`no photo ${f.key}`)
    const h = w / photo.aspect
    const cap = linesBlock(f.caption)
    return { photo, h, cap, height: h + 1.2 * MM + cap.height + 2.5 * MM }
  })
  const perCol = Math.ceil(body.length / cols)
  const colW = (w - GUTTER * (cols - 1)) / cols
  const height = head.height + figs.reduce((s, f) => s + f.height, 0) + perCol * lh
  return {
    height,
    draw(ops, x, y, _w, _h, extent) {
      const ext = (r: Rect) => extent(r, itemIndex)
      let yy = y
      head.draw(ops, x, yy, w, ext)
      yy += head.height
      for (const f of figs) {
        ops.push({ t: 'image', ref: f.photo.ref, x, y: yy, w, h: f.h })
        ext({ x, y: yy, w, h: f.h })
        f.cap.draw(ops, x, yy + f.h + 1.2 * MM, w, ext)
        yy += f.height
      }
      for (let c = 0; c < cols; c++) {
        linesBlock(body.slice(c * perCol, (c + 1) * perCol)).draw(ops, x + c * (colW + GUTTER), yy, colW, ext)
      }
    }
  }
}

function adBlock(ad: AdSpec, w: number): Block {
  const lines: Line[] = []
  if (ad.label) lines.push(...breakLines(glyphs(ad.label, 'bold', 9, RED), w, { indent: 0, ragged: true, lineHeight: 9 * 1.8 }))
  lines.push({ glyphs: [], justify: false, align: 'left', indent: 0, height: 4 * MM })
  for (const s of ad.slogan) lines.push(...breakLines(glyphs(s, 'bold', 26, RED), w - 8 * MM, { indent: 0, align: 'center', ragged: true, lineHeight: 26 * 1.45 }))
  lines.push({ glyphs: [], justify: false, align: 'left', indent: 0, height: 4 * MM })
  if (ad.small) lines.push(...breakLines(glyphs(ad.small, 'sans', 10), w - 8 * MM, { indent: 0, align: 'center', ragged: true, lineHeight: 15 }))
  const inner = linesBlock(lines)
  return {
    height: inner.height + 8 * MM,
    draw(ops, x, y, bw, h, extent) {
      extent({ x, y, w: bw, h })
      for (const inset of [0, 1.2]) {
        const d = inset * MM
        ops.push({ t: 'rule', x1: x + d, y1: y + d, x2: x + bw - d, y2: y + d, width: 0.8, colour: RED }, { t: 'rule', x1: x + bw - d, y1: y + d, x2: x + bw - d, y2: y + h - d, width: 0.8, colour: RED },
          { t: 'rule', x1: x + bw - d, y1: y + h - d, x2: x + d, y2: y + h - d, width: 0.8, colour: RED }, { t: 'rule', x1: x + d, y1: y + h - d, x2: x + d, y2: y + d, width: 0.8, colour: RED })
      }
      inner.draw(ops, x + 4 * MM, y + (h - inner.height) / 2, bw - 8 * MM, () => undefined)
    }
  }
}

function nodeBlock(ctx: Ctx, node: LayoutNode, w: number): Block {
  if ('row' in node) {
    const total = node.row.reduce((s, c) => s + c.span, 0)
    const free = w - GUTTER * (node.row.length - 1)
    const widths = node.row.map((c) => (free * c.span) / total)
    const kids = node.row.map((c, i) => nodeBlock(ctx, c, widths[i]))
    return {
      height: Math.max(...kids.map((k) => k.height)),
      draw(ops, x, y, _w, h, extent) {
        let xx = x
        kids.forEach((k, i) => {
          if (i > 0) ops.push({ t: 'rule', x1: xx - GUTTER / 2, y1: y, x2: xx - GUTTER / 2, y2: y + h, width: 0.6 })
          k.draw(ops, xx, y, widths[i], h, extent)
          xx += widths[i] + GUTTER
        })
      }
    }
  }
  if ('stack' in node) {
    const kids = node.stack.map((c) => nodeBlock(ctx, c, w))
    const height = kids.reduce((s, k) => s + k.height, 0) + STACK_GAP * (kids.length - 1)
    return {
      height,
      draw(ops, x, y, _w, h, extent) {
        let yy = y
        kids.forEach((k, i) => {
          if (i > 0) ops.push({ t: 'rule', x1: x, y1: yy - STACK_GAP / 2, x2: x + w, y2: yy - STACK_GAP / 2, width: 0.6 })
          // The last module takes the room left over, so the modules fill the grid as on a printed page.
          const kh = i === kids.length - 1 ? h - (yy - y) : k.height
          k.draw(ops, x, yy, w, kh, extent)
          yy += kh + STACK_GAP
        })
      }
    }
  }
  if ('ad' in node) return adBlock(node.ad, w)
  return articleBlock(ctx, node, w)
}

function furnitureOps(issue: IssueSpec, index: number, W: number, H: number): { ops: Op[], bodyTop: number } {
  const page = issue.pages[index]
  const ops: Op[] = []
  const line = (text: string, font: FontKey, size: number, x: number, y: number, w: number, align: Line['align'] = 'left', colour?: Colour) => {
    ops.push({ t: 'line', line: { glyphs: glyphs(text, font, size, colour), justify: false, align, indent: 0, height: size * 1.3 }, x, y, w })
  }
  const inner = W - 2 * MARGIN
  const labelBox = (y: number) => {
    ops.push({ t: 'box', x: MARGIN, y, w: 15 * MM, h: 6 * MM, colour: RED })
    line(pageLabel(page.number), 'bold', 12, MARGIN, y + 0.2 * MM, 15 * MM, 'center', [1, 1, 1])
    line(page.name, 'bold', 14, MARGIN + 17 * MM, y - 0.3 * MM, 40 * MM)
  }
  line(page.editors.join('　'), 'sans', 8.5, MARGIN, H - 12 * MM, inner / 2)
  if (issue.paper.site) line(issue.paper.site, 'sans', 8.5, MARGIN + inner / 2, H - 12 * MM, inner / 2, 'right')
  ops.push({ t: 'rule', x1: MARGIN, y1: H - 13 * MM, x2: W - MARGIN, y2: H - 13 * MM, width: 0.6 })
  if (index > 0) {
    labelBox(16 * MM)
    line(`${issue.paper.name}　${chineseDate(issue.date)}　${weekday(issue.date)}`, 'sans', 10, MARGIN, 16.5 * MM, inner, 'center')
    line(page.editors.join('　'), 'sans', 10, MARGIN, 16.5 * MM, inner, 'right')
    ops.push({ t: 'rule', x1: MARGIN, y1: 24 * MM, x2: W - MARGIN, y2: 24 * MM, width: 1.6, colour: RED })
    return { ops, bodyTop: 28 * MM }
  }
  const p = issue.paper
  labelBox(10 * MM)
  if (p.publisher) line(`主管：${p.publisher}`, 'sans', 9.5, MARGIN, 10.5 * MM, inner, 'center')
  if (p.hotline) line(`报纸热线：${p.hotline}`, 'sans', 9.5, MARGIN, 10.5 * MM, inner, 'right')
  ops.push({ t: 'rule', x1: MARGIN, y1: 17.5 * MM, x2: W - MARGIN, y2: 17.5 * MM, width: 0.6 })
  line(p.name, 'bold', 70, MARGIN, 24 * MM, inner, 'left', RED)
  if (p.slogan) line(p.slogan, 'sans', 13, MARGIN + 2 * MM, 55 * MM, inner)
  const rx = W - MARGIN - 88 * MM
  ops.push({ t: 'rule', x1: rx - 4 * MM, y1: 25 * MM, x2: rx - 4 * MM, y2: 62 * MM, width: 0.8, colour: RED })
  line(`总第${issue.number}期`, 'sans', 10.5, rx, 26 * MM, 88 * MM)
  line(`${issue.date.slice(0, 4)}年第${issue.yearNumber}期`, 'sans', 10.5, rx, 33 * MM, 88 * MM)
  line(`今日${issue.pages.length}版`, 'sans', 10.5, rx, 40 * MM, 88 * MM)
  line(dateLine(issue.date), 'sans', 11, MARGIN, 74 * MM, inner)
  ops.push({ t: 'rule', x1: MARGIN, y1: 88 * MM, x2: W - MARGIN, y2: 88 * MM, width: 2.5, colour: RED })
  return { ops, bodyTop: 92 * MM }
}

/** One non-embedded CID font: Type0 over CIDFontType0, Adobe-GB1-4, UniGB-UCS2-H. */
function cidFont(doc: PDFDocument, name: string, bold: boolean, serif: boolean): PDFRef {
  const ctx = doc.context
  const descriptor = ctx.register(ctx.obj({
    Type: 'FontDescriptor',
    FontName: name,
    // Symbolic (4), plus Serif (2) for the book face, plus ForceBold (1 << 18) for the bold face.
    Flags: 4 + (serif ? 2 : 0) + (bold ? 1 << 18 : 0),
    FontBBox: [-25, -254, 1000, 880],
    ItalicAngle: 0,
    Ascent: 880,
    Descent: -120,
    CapHeight: 880,
    StemV: bold ? 160 : 93,
    FontWeight: bold ? 700 : 400
  }))
  const cid = ctx.register(ctx.obj({
    Type: 'Font',
    Subtype: 'CIDFontType0',
    BaseFont: name,
    CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('GB1'), Supplement: 4 },
    FontDescriptor: descriptor,
    DW: 1000,
    // CIDs 1–95 are Adobe-GB1's proportional ASCII; set them half an em, as the line breaker measured them.
    W: [1, 95, 500]
  }))
  return ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: name, Encoding: 'UniGB-UCS2-H', DescendantFonts: [cid] }))
}

function hex(text: string): PDFHexString {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3000
    if (code > 0xffff) throw new Error(`"${ch}" is outside UCS-2`)
    out += code.toString(16).padStart(4, '0')
  }
  return PDFHexString.of(out)
}

function emit(page: PDFPage, ops: Op[], H: number, fonts: Record<FontKey, PDFName>, images: Map<string, PDFName>): void {
  const out = []
  for (const op of ops) {
    if (op.t === 'rule') {
      const c = op.colour ?? [0.33, 0.33, 0.33]
      out.push(pushGraphicsState(), setStrokingRgbColor(...c), setLineWidth(op.width), moveTo(op.x1, H - op.y1), lineTo(op.x2, H - op.y2), stroke(), popGraphicsState())
    } else if (op.t === 'box') {
      out.push(pushGraphicsState(), setFillingRgbColor(...op.colour), rectangle(op.x, H - op.y - op.h, op.w, op.h), fill(), popGraphicsState())
    } else if (op.t === 'image') {
      const name = images.get(op.ref) as PDFName
      out.push(pushGraphicsState(), concatTransformationMatrix(r2(op.w), 0, 0, r2(op.h), r2(op.x), r2(H - op.y - op.h)), drawObject(name), popGraphicsState())
    } else {
      const { line } = op
      if (line.glyphs.length === 0) continue
      const natural = width(line.glyphs)
      const room = op.w - line.indent
      const spacing = line.justify && line.glyphs.length > 1 ? (room - natural) / (line.glyphs.length - 1) : 0
      let x = line.align === 'center' ? op.x + (op.w - natural) / 2 : line.align === 'right' ? op.x + op.w - natural : op.x + line.indent
      const maxSize = Math.max(...line.glyphs.map((g) => g.size))
      const baseline = op.y + (line.height - maxSize) / 2 + maxSize * 0.88
      let i = 0
      while (i < line.glyphs.length) {
        const first = line.glyphs[i]
        let j = i
        while (j < line.glyphs.length && line.glyphs[j].font === first.font && line.glyphs[j].size === first.size && line.glyphs[j].colour === first.colour) j++
        const run = line.glyphs.slice(i, j)
        out.push(beginText(), setFillingRgbColor(...(first.colour ?? INK)), setFontAndSize(fonts[first.font], first.size), setCharacterSpacing(Number(spacing.toFixed(3))),
          setTextMatrix(1, 0, 0, 1, Number(x.toFixed(2)), Number((H - baseline).toFixed(2))), showText(hex(run.map((g) => g.ch).join(''))), endText())
        x += width(run) + spacing * run.length
        i = j
      }
    }
  }
  page.pushOperators(...out)
}

function r2(n: number): number {
  return Math.round(n * 100) / 100
}

/** Typesets `issue` into one PDF per 版 (or one file) with non-embedded CID fonts; returns the placement. */
export async function produceWithCid(issue: IssueSpec, outDir: string): Promise<Placement> {
  const W = issue.pageSize.w * MM
  const H = issue.pageSize.h * MM
  const placed: Placement = { items: issue.items.map(() => []), ads: [], pageFiles: [], pagePoints: { width: r2(W), height: r2(H) } }
  const jpegs = new Map<string, { jpeg: Buffer, aspect: number }>()
  for (const [k, item] of issue.items.entries()) {
    for (const [i, f] of item.figures.entries()) {
      const p = await makePhoto(f.photo)
      jpegs.set(`${k}/${i}`, { jpeg: p.jpeg, aspect: p.width / p.height })
    }
  }
  let single: PDFDocument | undefined
  let singleFonts: Record<FontKey, PDFRef> | undefined
  const makeFonts = (doc: PDFDocument) => ({ body: cidFont(doc, 'STSong-Light', false, true), sans: cidFont(doc, 'SimHei', false, false), bold: cidFont(doc, 'SimHei,Bold', true, false) })
  for (let index = 0; index < issue.pages.length; index++) {
    const doc = single ?? await PDFDocument.create()
    if (issue.files !== 'per-page' && !single) {
      single = doc
      singleFonts = makeFonts(doc)
    }
    const fontRefs = singleFonts ?? makeFonts(doc)
    const page = doc.addPage([W, H])
    const fonts = {
      body: page.node.newFontDictionary('FBody', fontRefs.body),
      sans: page.node.newFontDictionary('FSans', fontRefs.sans),
      bold: page.node.newFontDictionary('FBold', fontRefs.bold)
    }
    const photos = new Map<string, { ref: string, aspect: number }>()
    const images = new Map<string, PDFName>()
    const onPage = new Set(leaves(issue.pages[index].body).flatMap((n) => ('item' in n ? [n.item] : [])))
    for (const [key, j] of jpegs) {
      if (!onPage.has(Number(key.split('/')[0]))) continue
      const img = await doc.embedJpg(j.jpeg)
      images.set(key, page.node.newXObject('Im', img.ref))
      photos.set(key, { ref: key, aspect: j.aspect })
    }
    const f = furnitureOps(issue, index, W, H)
    const ctx: Ctx = { issue, photos }
    const block = nodeBlock(ctx, issue.pages[index].body, W - 2 * MARGIN)
    const bodyHeight = H - 14 * MM - f.bodyTop
    if (block.height > bodyHeight + 0.5) {
      const message = `${issue.dir}: page ${index + 1} overflows by ${((block.height - bodyHeight) / MM).toFixed(1)} mm; shorten the text or change the layout`
      if (!process.env.TYPESET_LOOSE) throw new Error(message)
      console.warn(message)
    }
    const ops: Op[] = [...f.ops]
    const extents = new Map<number, Rect>()
    block.draw(ops, MARGIN, f.bodyTop, W - 2 * MARGIN, bodyHeight, (r, item) => {
      if (item === undefined) {
        placed.ads.push({ page: index, x: r.x / W, y: r.y / H, w: r.w / W, h: r.h / H })
        return
      }
      const e = extents.get(item)
      if (!e) extents.set(item, { ...r })
      else {
        const x1 = Math.max(e.x + e.w, r.x + r.w)
        const y1 = Math.max(e.y + e.h, r.y + r.h)
        e.x = Math.min(e.x, r.x); e.y = Math.min(e.y, r.y); e.w = x1 - e.x; e.h = y1 - e.y
      }
    })
    for (const [item, r] of extents) placed.items[item].push({ page: index, x: r.x / W, y: r.y / H, w: r.w / W, h: r.h / H } satisfies Zone)
    emit(page, ops, H, fonts, images)
    if (issue.files === 'per-page') {
      setFixedInfo(doc)
      const name = `${String(issue.pages[index].number).padStart(2, '0')}.pdf`
      writeFileSync(path.join(outDir, name), await doc.save({ useObjectStreams: false }))
      placed.pageFiles.push({ file: name, pageInFile: 1 })
    } else placed.pageFiles.push({ file: issue.files, pageInFile: index + 1 })
  }
  if (single) {
    setFixedInfo(single)
    writeFileSync(path.join(outDir, issue.files), await single.save({ useObjectStreams: false }))
  }
  return placed
}
