/**
 * The recognise stage: printed pages as extracted (text runs with position, size and font; images; rules)
 * → the same {@link ParsedIssue} the text path produces, with geometry added (zones per item, the placed
 * image behind each figure, page sizes). Pure: no I/O.
 *
 * Everything is decided from geometry and type, as a reader of the printed page would: the frame (masthead,
 * running heads) is what sits above the rule under the header; modules are the rectangles recursive XY-cut
 * finds between white space and rules, one headline group each; in a module the largest type is the
 * title, smaller display type above it the 引题 and below it the 副题; a line indented about two characters
 * starts a paragraph; a caption is the text set right under (or beside) a photo. Datelines, bylines and
 * photo credits are read by the text path's own readers (credits.ts), the masthead by masthead.ts.
 */
import type { Person } from '../../src/core/feed'
import type { PageContent, PlacedImage } from '../extract/page-content'
import { matchDateline, parseBylineLine, parsePhotoCredit, trailingCreditStart } from '../credits'
import { MISSING, NOTE } from '../editor-notes'
import { checkMastheadDate, type MastheadFields } from '../masthead'
import { UNTITLED_PHOTO, cleanHeadline, type PageZone, type ParsedFigure, type ParsedIssue, type ParsedItem, type ParsedMasthead, type ParsedPage, type SourceNote } from '../parse-issue'
import { restorePunctuation } from '../punctuation'
import { endsSentence, isAsciiLetter, isPunct } from '../text-chars'
import { findFrame, readFrame } from './furniture'
import { bodySize, buildLines, joinRuns, leaves, union, xyCut, type Box, type Elem, type Line, type Region } from './geometry'

/** Pages the recogniser cannot read: no text layer, no articles … with the file and page they are about. */
export class RecogniseError extends Error {
  constructor (readonly file: string, readonly pageInFile: number, message: string) {
    super(`${file} 第${pageInFile}页：${message}`)
    this.name = 'RecogniseError'
  }
}


export type { PageZone }

/** A figure's placed image: which page and which image on it (`PlacedImage.id`). */
export interface FigureImage {
  page: number
  imageId: string
}

/** An item as recognised from the printed pages. */
export interface RecognisedItem extends ParsedItem {
  /** Where the item is printed, on every page it runs on. */
  zones: PageZone[]
  /** The image behind `figure`, when the page printed one. */
  image?: FigureImage
}

/** A whole issue as recognised from its pages. */
export interface RecognisedIssue extends ParsedIssue {
  items: RecognisedItem[]
  /** Each page's size in points, in page order. */
  pageSizes: Array<{ width: number, height: number }>
}

/** Hooks for {@link recogniseIssue}. */
export interface RecogniseOptions {
  /** Accepted printed lunar dates for a YYYY-MM-DD date; defaults to the app's calendar. */
  lunarForms?: (date: string) => string[]
}

const DISPLAY = 1.15
const CONTINUED = /[（(]\s*(下转|上接|转|接)\s*第?\s*([0-9０-９一二三四五六七八九十]{1,3})\s*版\s*[）)]/
/** Images smaller than this (points) are ornaments, not photos. */
const MIN_PHOTO = 40

type Entry = { kind: 'line', line: Line, n: number } | { kind: 'image', image: PlacedImage, box: Box }

interface Module {
  entries: Entry[]
  box: Box
}

interface Draft {
  item: RecognisedItem
  /** `（下转第N版）` printed at its end: the 版 number it continues on. */
  continuesOn?: number
  /** `（上接第N版）` under its headline: the 版 number it continues from. */
  continuedFrom?: number
  /** Its first body line is not indented: it carries on a paragraph from elsewhere. */
  opensMidParagraph: boolean
}

function isDisplay(l: Line, body: number): boolean {
  return l.size >= DISPLAY * body
}

function lineEntries(region: Region, counter: { n: number }): Entry[] {
  return leaves(region).flatMap((leaf) => {
    const out: Entry[] = []
    const pieces = leaf.elems.flatMap((e) => (e.kind === 'text' ? [e.piece] : []))
    for (const e of leaf.elems) if (e.kind === 'image') out.push({ kind: 'image', image: e.image, box: e.box })
    for (const line of buildLines(pieces)) out.push({ kind: 'line', line, n: ++counter.n })
    return out
  })
}

/** Number of headline groups (runs of display lines, in reading order) in a list of entries. */
function headlineGroups(entries: Entry[], body: number): number {
  let groups = 0
  let inRun = false
  for (const e of entries) {
    if (e.kind !== 'line') continue
    const d = isDisplay(e.line, body)
    if (d && !inRun) groups++
    inRun = d
  }
  return groups
}

function hasBodyText(entries: Entry[], body: number): boolean {
  const lines = entries.flatMap((e) => (e.kind === 'line' && !isDisplay(e.line, body) ? [e.line] : []))
  return lines.length >= 3 || lines.some((l) => /[。！？]/.test(l.text))
}

/**
 * Splits a region into modules: a region with at most one headline group is one module; otherwise each
 * child is split in turn, and a child with no headline but body text (a column the cut set apart from its
 * headline) joins the module before it.
 */
function modules(region: Region, body: number, counter: { n: number }, entriesOf: Map<Region, Entry[]>): Module[] {
  const entries = entriesOf.get(region) as Entry[]
  if (region.children.length === 0 || headlineGroups(entries, body) <= 1) return [{ entries, box: region.box }]
  const out: Module[] = []
  for (const child of region.children) {
    for (const m of modules(child, body, counter, entriesOf)) {
      const prev = out[out.length - 1]
      const headless = headlineGroups(m.entries, body) === 0 && !m.entries.some((e) => e.kind === 'image') && hasBodyText(m.entries, body)
      if (headless && prev && headlineGroups(prev.entries, body) > 0) {
        prev.entries.push(...m.entries)
        prev.box = union([prev.box, m.box])
      } else out.push(m)
    }
  }
  return out
}

/** Lines joined as one text: no space between lines of Chinese, one between two Latin words. */
function joinLines(lines: string[]): string {
  let text = ''
  for (const raw of lines) {
    const t = raw.trim()
    if (!t) continue
    if (text && isAsciiLetter(text[text.length - 1]) && isAsciiLetter(t[0])) text += ' '
    text += t
  }
  return text
}

/**
 * Headline lines joined. A line that fills the module's width wrapped for want of room: it runs on
 * without a space. Shorter lines were broken by the editor between phrases, which read with a space.
 */
function joinHeadline(lines: Array<{ text: string, line: Line }>, width: number): string {
  let text = ''
  let prev: Line | undefined
  for (const { text: raw, line } of lines) {
    const t = raw.trim()
    if (!t) continue
    const wrapped = prev !== undefined && prev.x1 - prev.x0 >= 0.85 * width
    if (text && !wrapped && !isPunct(text[text.length - 1]) && !isPunct(t[0])) text += ' '
    text += t
    prev = line
  }
  return cleanHeadline(text)
}

interface Caption {
  lines: Line[]
  caption?: string
  credit?: Person
  creditLine?: number
}

/** The caption and credit of an image: lines set right under it (or beside it, in smaller type). */
function findCaption(img: Box, lines: Array<{ line: Line, n: number }>, body: number): Caption {
  const width = img.x1 - img.x0
  const within = (l: Line) => l.x0 >= img.x0 - 3 && l.x1 <= img.x1 + 3 && (l.x1 - l.x0) <= width + 6
  const below = lines.filter((e) => within(e.line) && e.line.y0 >= img.y1 - 2).sort((a, b) => a.line.y0 - b.line.y0)
  const chain: Array<{ line: Line, n: number }> = []
  let bottom = img.y1
  // A photo's title may be set between the photo and its caption; the caption is then in a smaller face.
  let titled = false
  for (const e of below) {
    if (e.line.y0 - bottom > 1.6 * e.line.size) break
    if (isDisplay(e.line, body)) {
      if (chain.length > 0) break
      titled = true
      bottom = e.line.y1
      continue
    }
    if (titled && e.line.size >= 0.95 * body) break
    chain.push(e)
    bottom = e.line.y1
    if (parsePhotoCredit(e.line.text) || trailingCreditStart(e.line.text) > 0) break
  }
  if (chain.length === 0) {
    const beside = lines.filter((e) => e.line.x0 >= img.x1 - 2 && e.line.x0 - img.x1 <= 2 * e.line.size && e.line.y0 >= img.y0 - 2 && e.line.y1 <= img.y1 + 2 && e.line.size < 0.98 * body)
    chain.push(...beside.sort((a, b) => a.line.y0 - b.line.y0))
  }
  const out: Caption = { lines: chain.map((e) => e.line) }
  const texts: string[] = []
  for (const e of chain) {
    const credit = parsePhotoCredit(e.line.text)
    if (credit) {
      out.credit = credit.credit
      out.creditLine = e.n
      continue
    }
    const at = trailingCreditStart(e.line.text)
    if (at > 0) {
      const c = parsePhotoCredit(e.line.text.slice(at))
      if (c) {
        out.credit = c.credit
        out.creditLine = e.n
        texts.push(e.line.text.slice(0, at))
        continue
      }
    }
    texts.push(e.line.text)
  }
  const caption = restorePunctuation(joinLines(texts)).text
  if (caption) out.caption = caption
  return out
}

interface PageResult {
  drafts: Draft[]
  warnings: SourceNote[]
  leftOut: SourceNote[]
}

/** Reads one module into an item draft, or into notes when it is an ad, a slogan or stray text. */
function readModule(m: Module, page: PageContent, pageIndex: number, pageLabel: string, body: number, out: PageResult, lastArticle: () => Draft | undefined): Draft | undefined {
  const warn = (line: number, message: string) => out.warnings.push({ line, message: `${pageLabel}：${message}` })
  const leave = (line: number, message: string) => out.leftOut.push({ line, message: `${pageLabel}：${message}` })
  const lines = m.entries.flatMap((e) => (e.kind === 'line' ? [{ line: e.line, n: e.n }] : []))
  const images = m.entries.flatMap((e) => (e.kind === 'image' ? [e] : []))
  const firstN = lines[0]?.n ?? 0
  const zone: PageZone = { page: pageIndex, x: m.box.x0 / page.width, y: m.box.y0 / page.height, w: (m.box.x1 - m.box.x0) / page.width, h: (m.box.y1 - m.box.y0) / page.height }

  // Ads: a module that says it is one, or display type with no text to read.
  const allText = lines.map((l) => l.line.text).join(' ')
  if (lines.some((l) => /^(?:公益)?广告$/.test(l.line.text.trim()) || (/广告/.test(l.line.text) && l.line.text.trim().length <= 8))) {
    leave(firstN, `广告：${allText.slice(0, 60)}`)
    return undefined
  }

  const captions = images.map((img) => ({ img, cap: findCaption(img.box, lines, body) }))
  const captionLines = new Set(captions.flatMap((c) => c.cap.lines))
  let rest = lines.filter((l) => !captionLines.has(l.line))

  let continuesOn: number | undefined
  let continuedFrom: number | undefined
  const texts = new Map<Line, string>()
  for (const l of rest) {
    let t = l.line.text
    const c = CONTINUED.exec(t)
    if (c) {
      const n = Number(c[2].replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))) || pageNumberFromCn(c[2])
      if (c[1] === '下转' || c[1] === '转') continuesOn = n
      else continuedFrom = n
      t = (t.slice(0, c.index) + t.slice(c.index + c[0].length)).trim()
    }
    texts.set(l.line, t)
  }
  rest = rest.filter((l) => (texts.get(l.line) ?? '') !== '')

  // The headline group: the first run of display lines.
  const start = rest.findIndex((l) => isDisplay(l.line, body))
  let end = start
  while (end >= 0 && end + 1 < rest.length && isDisplay(rest[end + 1].line, body)) end++
  const group = start >= 0 ? rest.slice(start, end + 1) : []
  const bodyLines = start >= 0 ? [...rest.slice(0, start), ...rest.slice(end + 1)] : rest

  const draft: Draft = {
    item: { kind: 'article', line: firstN, titleLine: firstN, title: '', byline: [], paragraphs: [], paragraphLines: [], page: pageIndex, zones: [zone] },
    continuesOn,
    continuedFrom,
    opensMidParagraph: false
  }
  const it = draft.item
  if (group.length > 0) {
    const top = Math.max(...group.map((g) => g.line.size))
    const t0 = group.findIndex((g) => g.line.size >= top * 0.97)
    let t1 = t0
    while (t1 + 1 < group.length && group[t1 + 1].line.size >= top * 0.97) t1++
    const width = m.box.x1 - m.box.x0
    const text = (g: typeof group) => joinHeadline(g.map((x) => ({ text: texts.get(x.line) ?? x.line.text, line: x.line })), width)
    if (t0 > 0) it.kicker = text(group.slice(0, t0))
    it.title = text(group.slice(t0, t1 + 1))
    // A 副题 is printed after a dash (——); the dash is typography, not part of it.
    if (t1 + 1 < group.length) it.subtitle = text(group.slice(t1 + 1)).replace(/^[—－-]{1,2}\s*/, '')
    it.line = group[0].n
    it.titleLine = group[t0].n
  }

  // An own-line byline right under the headline group (or as the article's last line).
  const byIdx = bodyLines.findIndex((l) => !isDisplay(l.line, body))
  if (byIdx >= 0 && bodyLines[byIdx].n > (group[group.length - 1]?.n ?? -1)) {
    const people = parseBylineLine(texts.get(bodyLines[byIdx].line) ?? '')
    if (people) {
      it.byline.push(...people)
      bodyLines.splice(byIdx, 1)
    }
  }
  const last = bodyLines[bodyLines.length - 1]
  if (last && bodyLines.length > 1) {
    const people = parseBylineLine(texts.get(last.line) ?? '')
    if (people && !endsSentence(texts.get(last.line) ?? '')) {
      it.byline.push(...people)
      bodyLines.pop()
    }
  }

  // Paragraphs: a line indented from its column's left edge starts one.
  const paragraphs: Array<{ lines: string[], n: number }> = []
  bodyLines.forEach((l, k) => {
    const t = texts.get(l.line) ?? l.line.text
    const column = bodyLines.filter((o) => Math.min(o.line.x1, l.line.x1) - Math.max(o.line.x0, l.line.x0) > 0.5 * Math.min(o.line.x1 - o.line.x0, l.line.x1 - l.line.x0))
    const left = Math.min(...column.map((o) => o.line.x0))
    const indented = l.line.x0 - left >= 1.2 * l.line.size
    const display = isDisplay(l.line, body)
    const prevDisplay = k > 0 && isDisplay(bodyLines[k - 1].line, body)
    if (k === 0) draft.opensMidParagraph = !indented && !display && matchDateline(t) === null
    if (k === 0 || indented || display || prevDisplay || matchDateline(t) !== null) paragraphs.push({ lines: [t], n: l.n })
    else paragraphs[paragraphs.length - 1].lines.push(t)
  })
  // The dateline's bracket is read with its line breaks as spaces: a name at the end of one line and a
  // role at the start of the next (`何雨` / `通讯员 刘成）`) are two credits, not one word.
  if (paragraphs.length > 0) {
    const lines = paragraphs[0].lines
    const dl = matchDateline(restorePunctuation(lines.join(' ')).text)
    if (dl && 'error' in dl) warn(paragraphs[0].n, dl.error)
    else if (dl) {
      it.dateline = dl.dateline
      it.byline.push(...dl.byline)
      if (dl.unknown.length > 0) warn(paragraphs[0].n, NOTE.bylineNotUnderstood(dl.unknown.join(' ')))
      let left = dl.length
      const rest: string[] = []
      for (const l of lines) {
        if (left >= l.length) {
          left -= l.length + 1
          continue
        }
        rest.push(left > 0 ? l.slice(left) : l)
        left = 0
      }
      paragraphs[0].lines = rest
      if (rest.join('').trim() === '') paragraphs.shift()
    }
  }
  const cleaned = paragraphs.map((p) => {
    const fixed = restorePunctuation(joinLines(p.lines))
    if (fixed.unpairedQuotes.length > 0) warn(p.n, NOTE.unpairedQuote(fixed.text.slice(0, 20)))
    return { text: fixed.text.trim(), n: p.n }
  })
  it.paragraphs = cleaned.map((p) => p.text)
  it.paragraphLines = cleaned.map((p) => p.n)

  const photos = captions.filter((c) => c.img.box.x1 - c.img.box.x0 >= MIN_PHOTO && c.img.box.y1 - c.img.box.y0 >= MIN_PHOTO)
  if (photos.length > 0) {
    const first = photos[0]
    const captionStart = lines.find((l) => l.line === first.cap.lines[0])?.n
    const fig: ParsedFigure = { line: first.cap.creditLine ?? captionStart ?? firstN }
    if (first.cap.caption) fig.caption = first.cap.caption
    if (first.cap.credit) fig.credit = first.cap.credit
    it.figure = fig
    it.image = { page: pageIndex, imageId: first.img.image.id }
    if (photos.length > 1) warn(fig.line, `一个版块里有${photos.length}张图片，只保留第一张，配“${it.title || first.cap.caption?.slice(0, 12)}”`)
  }

  if (it.paragraphs.length === 0) {
    if (it.figure) {
      it.kind = 'photo'
      if (!it.title) {
        it.title = UNTITLED_PHOTO
        warn(it.figure.line, NOTE.untitledPhoto(UNTITLED_PHOTO))
      }
      if (!it.figure.caption) warn(it.figure.line, NOTE.noCaption(it.title))
      return draft
    }
    if (lines.length > 0) leave(firstN, `${group.length > 0 ? '只有大字、没有正文（标语或广告）' : '不属于任何文章的文字'}：${allText.slice(0, 60)}`)
    return undefined
  }
  if (!it.title) {
    const prev = lastArticle()
    if (prev && continuedFrom === undefined) {
      warn(firstN, `没有标题的文字已并入前一篇文章“${prev.item.title}”，请确认`)
      prev.item.paragraphs.push(...it.paragraphs)
      prev.item.paragraphLines.push(...it.paragraphLines)
      prev.item.zones.push(zone)
      return undefined
    }
    if (continuedFrom === undefined) {
      leave(firstN, `没有标题的文字：${allText.slice(0, 60)}`)
      warn(firstN, `没有标题的文字，未收入：${allText.slice(0, 30)}…`)
      return undefined
    }
  }
  it.paragraphs.forEach((p, k) => {
    if (!endsSentence(p) && !(k === it.paragraphs.length - 1 && continuesOn !== undefined)) warn(it.paragraphLines[k], NOTE.cutParagraph(p.slice(-12)))
  })
  return draft
}

function pageNumberFromCn(s: string): number {
  const digits = '零一二三四五六七八九'
  if (s === '十') return 10
  const [a, b] = s.split('十')
  if (b === undefined) return digits.indexOf(a)
  return (a === '' ? 1 : digits.indexOf(a)) * 10 + (b === '' ? 0 : digits.indexOf(b))
}

/**
 * Recognises a whole issue from its pages in order (page 1 carries the masthead). Throws
 * {@link RecogniseError} naming the file and page for a page with no text layer (a scan: it needs OCR),
 * and for an issue without a date, issue numbers or articles.
 */
export function recogniseIssue(pages: PageContent[], options: RecogniseOptions = {}): RecognisedIssue {
  if (pages.length === 0) throw new RecogniseError('（没有文件）', 0, '没有页面')
  const warnings: SourceNote[] = []
  const leftOut: SourceNote[] = []
  const masthead: ParsedMasthead = { lines: [] }
  const items: RecognisedItem[] = []
  const parsedPages: ParsedPage[] = []
  const drafts: Draft[] = []
  const pageNumbers: number[] = []
  const counter = { n: 0 }
  const allPieces = pages.map((p) => joinRuns(p.runs))
  pages.forEach((p, i) => {
    if (allPieces[i].length === 0) throw new RecogniseError(p.file, p.pageInFile, p.images.length > 0 ? '该页没有文字层，只有图片（扫描件？），需要先做文字识别（OCR）' : '该页没有文字')
  })
  const body = bodySize(allPieces.flat())

  pages.forEach((page, pageIndex) => {
    const front = pageIndex === 0
    const frame = findFrame(page, allPieces[pageIndex], front)
    const name = frame.name ?? `${String(pageIndex + 1).padStart(2, '0')}版`
    pageNumbers.push(frame.number ?? pageIndex + 1)
    const label = name
    const first = counter.n + 1
    counter.n += frame.head.length + frame.foot.length
    const read = readFrame(frame, front)
    if (read.site) masthead.site ??= read.site
    for (const f of read.fields) {
      masthead.lines.push(first)
      for (const [k, v] of Object.entries(f) as Array<[keyof MastheadFields, unknown]>) {
        if (v === undefined || k === 'other') continue
        if (masthead[k] === undefined) {
          (masthead as unknown as Record<string, unknown>)[k] = v
          if (k === 'date') masthead.dateLine = first
        }
      }
      for (const o of f.other ?? []) leftOut.push({ line: first, message: `${label}：${NOTE.masthead(o)}` })
    }
    for (const o of read.other) leftOut.push({ line: first, message: `${label}：${front ? `报头或${NOTE.runningHead(o)}` : NOTE.runningHead(o)}` })
    if (frame.name === undefined) warnings.push({ line: first, message: `${label}：该页没有印版号和版名，暂称“${name}”` })

    const elems: Elem[] = [
      ...frame.body.map((piece) => ({ kind: 'text' as const, piece, box: piece })),
      ...page.images
        .filter((im) => (im.y + im.h / 2) > frame.headBottom && (im.y + im.h / 2) < frame.footTop)
        .map((image) => ({ kind: 'image' as const, image, box: { x0: image.x, y0: image.y, x1: image.x + image.w, y1: image.y + image.h } }))
    ]
    const parsedPage: ParsedPage = { name, line: first, items: [] }
    parsedPages.push(parsedPage)
    if (elems.length === 0) {
      warnings.push({ line: first, message: NOTE.pageWithoutArticles(name) })
      return
    }
    const rules = page.rules.filter((r) => Math.max(r.y1, r.y2) > frame.headBottom + 1 && Math.min(r.y1, r.y2) < frame.footTop - 1)
    const root = xyCut(elems, rules, body)
    const entriesOf = new Map<Region, Entry[]>()
    const fill = (r: Region): Entry[] => {
      const e = r.children.length === 0 ? lineEntries(r, counter) : r.children.flatMap(fill)
      entriesOf.set(r, e)
      return e
    }
    fill(root)
    const result: PageResult = { drafts: [], warnings, leftOut }
    const before = drafts.length
    for (const m of modules(root, body, counter, entriesOf)) {
      const d = readModule(m, page, pageIndex, label, body, result, () => [...drafts].reverse().find((x) => x.item.kind === 'article' && x.item.page === pageIndex))
      if (d) drafts.push(d)
    }
    if (drafts.length === before) warnings.push({ line: first, message: NOTE.pageWithoutArticles(name) })
  })

  // Articles continued on another page: joined into the part printed first.
  const removed = new Set<Draft>()
  for (const d of drafts) {
    if (d.continuedFrom === undefined) continue
    const fromPage = pageNumbers.indexOf(d.continuedFrom)
    const thisNumber = pageNumbers[d.item.page]
    const candidates = drafts.filter((o) => o !== d && !removed.has(o) && o.item.page === fromPage && o.continuesOn === thisNumber)
    const same = candidates.filter((o) => o.item.title === d.item.title || (d.item.title !== '' && (o.item.title.includes(d.item.title) || d.item.title.includes(o.item.title))))
    const head = same[0] ?? (candidates.length === 1 ? candidates[0] : undefined)
    if (!head) {
      warnings.push({ line: d.item.line, message: `${parsedPages[d.item.page].name}：“${d.item.title}”注明上接第${d.continuedFrom}版，但第${d.continuedFrom}版没有注明下转第${thisNumber}版的文章；按原样保留` })
      continue
    }
    if (same.length === 0) warnings.push({ line: d.item.line, message: `${parsedPages[d.item.page].name}：“${d.item.title}”已接在“${head.item.title}”（下转第${thisNumber}版）之后，但两者标题不同，请核对` })
    const a = head.item
    const b = d.item
    let paras = b.paragraphs
    let lines = b.paragraphLines
    if (d.opensMidParagraph && a.paragraphs.length > 0 && paras.length > 0) {
      a.paragraphs[a.paragraphs.length - 1] = joinLines([a.paragraphs[a.paragraphs.length - 1], paras[0]])
      paras = paras.slice(1)
      lines = lines.slice(1)
    }
    a.paragraphs.push(...paras)
    a.paragraphLines.push(...lines)
    a.byline.push(...b.byline.filter((p) => !a.byline.some((q) => q.role === p.role && q.name === p.name)))
    a.zones.push(...b.zones)
    if (!a.figure && b.figure) {
      a.figure = b.figure
      a.image = b.image
    }
    head.continuesOn = undefined
    removed.add(d)
  }
  for (const d of drafts) {
    if (removed.has(d)) continue
    if (d.continuesOn !== undefined) warnings.push({ line: d.item.line, message: `${parsedPages[d.item.page].name}：“${d.item.title}”注明下转第${d.continuesOn}版，但第${d.continuesOn}版没有接续它的文章` })
    if (d.item.title === '') {
      // A continuation whose first part was not found keeps its text, under its opening words.
      const opening = [...(d.item.paragraphs[0] ?? '')]
      d.item.title = opening.length > 16 ? `${opening.slice(0, 16).join('')}…` : opening.join('')
      warnings.push({ line: d.item.line, message: `${parsedPages[d.item.page].name}：从第${d.continuedFrom}版接续过来的文字没有标题，暂以开头几个字为标题` })
    }
    parsedPages[d.item.page].items.push(items.length)
    items.push(d.item)
  }

  const where = pages[0]
  if (items.length === 0) throw new RecogniseError(where.file, where.pageInFile, '没有找到文章：一篇文章是大字标题，下面是正文字号的文字')
  if (masthead.date === undefined) throw new RecogniseError(where.file, where.pageInFile, MISSING.date)
  if (masthead.number === undefined) throw new RecogniseError(where.file, where.pageInFile, MISSING.number)
  if (masthead.yearNumber === undefined) throw new RecogniseError(where.file, where.pageInFile, MISSING.yearNumber)
  warnings.push(...checkMastheadDate({ date: masthead.date, weekday: masthead.weekday, lunar: masthead.lunar, numberYear: masthead.numberYear }, masthead.dateLine ?? 1, options.lunarForms))
  warnings.sort((x, y) => x.line - y.line)
  return {
    date: masthead.date,
    number: masthead.number,
    yearNumber: masthead.yearNumber,
    masthead,
    pages: parsedPages,
    items,
    warnings,
    leftOut,
    pageSizes: pages.map((p) => ({ width: p.width, height: p.height }))
  }
}
