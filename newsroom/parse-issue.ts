/**
 * Reads one printed issue, as text extracted from its page PDFs, into pages and items. Pure: no I/O.
 *
 * Structure is found from newspaper conventions, not from one paper's layout: an article is a headline
 * group (引题, 题, 副题) followed by a dateline (`本报…讯(…)`) or a byline line (`■本报记者 …`); a photo item
 * is a caption, an optional title line and a credit (`■记者 … 摄`). Pages are separated by form feeds or
 * by marker lines (`01版 要闻`). See docs/feed-format.md for the full list of forms.
 */
import type { Person } from '../src/core/feed'
import { matchDateline, parsePhotoCredit, readBylineLine, trailingCreditStart, type CreditMatch, type DatelineMatch } from './credits'
import { MISSING, NOTE } from './editor-notes'
import { assembleParagraphs, dropLeading, joinPieces, makeBlock, splitBlockAt, type Block, type Paragraph } from './layout'
import { checkMastheadDate, isPageFurniture, isPageMarker, isUrlLine, readMastheadLine, type MastheadFields } from './masthead'
import { restorePunctuation } from './punctuation'
import { endsSentence, printedWidth } from './text-chars'

/** Input the command cannot turn into a feed; `line` is 1-based in the source file. */
export class SourceError extends Error {
  constructor (readonly line: number, message: string) {
    super(message)
    this.name = 'SourceError'
  }
}

/** Something an editor should look at before publishing, with the source line it is about. */
export interface SourceNote {
  line: number
  message: string
}

/** A photo's figure as printed: caption and credit; the image itself comes from elsewhere. */
export interface ParsedFigure {
  caption?: string
  credit?: Person
  line: number
}

/**
 * Where an item is printed: a rectangle of a page in fractions of its width and height, origin
 * top-left. Only the printed-page path knows it; the text path leaves zones out.
 */
export interface PageZone {
  /** Index into the issue's pages. */
  page: number
  x: number
  y: number
  w: number
  h: number
}

/** One article or photo item as recognised, its text cleaned. */
export interface ParsedItem {
  kind: 'article' | 'photo'
  /** First source line of the item (its first headline line, or for a photo item its caption). */
  line: number
  /** Source line of the title. */
  titleLine: number
  kicker?: string
  title: string
  subtitle?: string
  dateline?: string
  byline: Person[]
  paragraphs: string[]
  /** Source line where each paragraph starts. */
  paragraphLines: number[]
  /** A photo item's own figure. */
  figure?: ParsedFigure
  /** Photos printed inside an article (caption and credit amid its text); they stay with the article. */
  figures?: ParsedFigure[]
  /** Index into `pages`. */
  page: number
}

/** One printed page (版面) and the items on it. */
export interface ParsedPage {
  /** As printed (`01版 要闻`), or `NN版` by position when the source does not name it. */
  name: string
  line: number
  /** Indexes into `items`. */
  items: number[]
}

/** The masthead as read, with the source lines it came from. */
export type ParsedMasthead = MastheadFields & { lines: number[], dateLine?: number }

/** A whole issue as recognised: masthead values, pages, items, and what the editor should check. */
export interface ParsedIssue {
  date: string
  number: number
  yearNumber: number
  masthead: ParsedMasthead
  pages: ParsedPage[]
  items: ParsedItem[]
  /** Things to check before publishing: cut sentences, odd quotes, date disagreements … */
  warnings: SourceNote[]
  /** Lines deliberately not used as article text (masthead, page furniture). */
  leftOut: SourceNote[]
}

/** Hooks for {@link parseIssue}. */
export interface ParseOptions {
  /** Accepted printed lunar dates for a YYYY-MM-DD date; defaults to the app's calendar. */
  lunarForms?: (date: string) => string[]
}

/** The title given to a photo item printed without one. */
export const UNTITLED_PHOTO = '图片新闻'

interface RawPage {
  name?: string
  line: number
  blocks: Block[]
}

function isHeaderBlock(b: Block): boolean {
  return readMastheadLine(b.text, true) !== null || isPageFurniture(b.text)
}

/** Splits the source into pages at form feeds and marker lines, and each page into blocks at blank lines. */
function splitPages(source: string): RawPage[] {
  const lines = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n')
  const pages: RawPage[] = [{ line: 1, blocks: [] }]
  let pending: Array<{ text: string, line: number }> = []
  const page = () => pages[pages.length - 1]
  const flush = () => {
    if (pending.length > 0) page().blocks.push(makeBlock(pending))
    pending = []
  }
  lines.forEach((raw, i) => {
    const line = i + 1
    raw.split('\f').forEach((part, k) => {
      if (k > 0) {
        flush()
        if (page().blocks.length > 0 || page().name !== undefined) pages.push({ line, blocks: [] })
      }
      if (part.trim() === '') return flush()
      if (isPageMarker(part)) {
        flush()
        const name = part.trim().replace(/\s+/g, ' ')
        // A marker after only masthead or running-head lines names the page it is on.
        if (page().name === undefined && page().blocks.every(isHeaderBlock)) {
          page().name = name
          if (page().blocks.length === 0) page().line = line
        } else pages.push({ line, name, blocks: [] })
        return
      }
      if (page().blocks.length === 0 && pending.length === 0 && page().name === undefined) page().line = line
      pending.push({ text: part, line })
    })
  })
  flush()
  const kept = pages.filter((p) => p.blocks.length > 0 || p.name !== undefined)
  // A masthead set apart by a form feed before the first named page belongs to that page.
  if (kept.length > 1 && kept[0].name === undefined && kept[0].blocks.every(isHeaderBlock)) {
    kept[1].blocks.unshift(...kept[0].blocks)
    kept.shift()
  }
  return kept
}

/** A block that may be a headline line: short, one printed line, no sentence inside, not ending a clause. */
function isHeadingCandidate(b: Block): boolean {
  const t = b.text
  if (b.segments.length > 4 || printedWidth(t) > 40) return false
  // A title may end with `！”` (a quotation used as the headline); a mark with more text after it is a sentence.
  if (/[。；;]/.test(t) || /[！!？?][”’」』）)"'】》]*[^”’」』）)"'】》]/.test(t)) return false
  return !/[，,、：:]$/.test(t)
}

type Role =
  | { type: 'text' }
  | { type: 'masthead' }
  | { type: 'heading', item: number }
  | { type: 'dateline', item: number }
  | { type: 'byline', item: number }
  | { type: 'photo-title', item: number }
  | { type: 'credit', item: number }

interface Classified {
  block: Block
  dateline?: DatelineMatch
  byline?: Person[]
  credit?: CreditMatch
  heading: boolean
  masthead?: MastheadFields
}

interface Draft {
  item: ParsedItem
  /** Source line where each paragraph ends, for warnings about its end. */
  paragraphEnds: number[]
  /** A photo whose caption was the last paragraph of this article's text so far. */
  captionFrom?: Draft
  /** A photo printed inside this article (its text goes on after the credit): it becomes its figure. */
  insideOf?: Draft
}

interface CleanParagraph {
  text: string
  line: number
  endLine: number
  /** The paragraph is exactly one block that could be a headline line. */
  headingLike?: Block
}

/** A line naming a place or an organisation (`济宁高新区黄屯街道`, `高新区总工会`): by convention an 引题 over the title. */
const PLACE_OR_ORGANISATION = /^[\u4e00-\u9fff]{1,14}(?:省|市|区|县|镇|乡|街道|村|社区|园区|开发区|新区|委员会|党工委|管委会|委|局|办|厅|部|署|院|所|站|中心|公司|集团|协会|学会|联合会|商会|工会|团委|妇联|学校|大学|学院|中学|小学|幼儿园|医院|银行|法院|检察院|支队|大队|派出所)$/

/** A headline group split into its lines, and why, when the split is a guess. */
export interface HeadlineGroup {
  kicker?: string
  title: string
  subtitle?: string
  /** Set when no convention decided a two-line group: what was guessed, for the editor to check. */
  guess?: string
}

/**
 * Splits a headline group into 引题, 题 and 副题 by newspaper convention. Three lines: kicker, title,
 * subtitle. Two lines: a line starting with `——` below the title is the 副题; a first line ending with a
 * colon, or naming a place or an organisation (`济宁高新区黄屯街道`, `高新区总工会`), is the 引题. Anything else
 * is a guess, reported: a short first line (at most eight characters, no inner space) over a clearly
 * longer one is read as the 引题, otherwise the lines are title and 副题.
 */
export function assignHeadlines(lines: string[]): HeadlineGroup {
  if (lines.length === 1) return { title: lines[0] }
  if (lines.length === 3) return { kicker: lines[0], title: lines[1], subtitle: lines[2] }
  const [a, b] = lines
  if (/^[—－-]{1,2}/.test(b)) return { title: a, subtitle: b }
  if (/[:：]$/.test(a) || (PLACE_OR_ORGANISATION.test(a) && !PLACE_OR_ORGANISATION.test(b))) return { kicker: a, title: b }
  const kicker = printedWidth(a) <= 8 && !a.includes(' ') && printedWidth(b) >= printedWidth(a) + 4
  const guess = `两行标题看不出哪行是主题（上行不是地名或单位，下行也没有——）：读作${kicker ? `引题“${a}”、主题“${b}”` : `主题“${a}”、副题“${b}”`}，请核对`
  return kicker ? { kicker: a, title: b, guess } : { title: a, subtitle: b, guess }
}

/** A headline line cleaned: spaces between phrases kept (single), full-width punctuation restored. */
export function cleanHeadline(text: string): string {
  return restorePunctuation(text.trim().replace(/[\s\u3000]+/g, ' ')).text
}

/**
 * Parses a whole issue. Throws {@link SourceError} (with the line) for input it cannot publish: an empty
 * source, no masthead date or issue numbers, an article with no body, a dateline without a headline, an
 * unclosed dateline bracket, text outside any article, a headline with no article after it.
 */
export function parseIssue(source: string, options: ParseOptions = {}): ParsedIssue {
  if (source.replace(/[\s\f\uFEFF]/g, '') === '') throw new SourceError(1, '文本文件是空的')
  const rawPages = splitPages(source)
  const warnings: SourceNote[] = []
  const leftOut: SourceNote[] = []
  const masthead: ParsedMasthead = { lines: [] }
  const items: ParsedItem[] = []
  const pages: ParsedPage[] = []

  const mergeMasthead = (f: MastheadFields, line: number) => {
    masthead.lines.push(line)
    for (const [k, v] of Object.entries(f) as Array<[keyof MastheadFields, unknown]>) {
      if (v === undefined || k === 'other') continue
      if (masthead[k] === undefined) {
        (masthead as unknown as Record<string, unknown>)[k] = v
        if (k === 'date') masthead.dateLine = line
      }
    }
    for (const o of f.other ?? []) leftOut.push({ line, message: NOTE.masthead(o) })
  }

  rawPages.forEach((raw, pageIndex) => {
    const page: ParsedPage = { name: raw.name ?? `${String(pageIndex + 1).padStart(2, '0')}版`, line: raw.line, items: [] }
    pages.push(page)
    const blocks: Block[] = raw.blocks.flatMap((b) => {
      const at = trailingCreditStart(b.text)
      return at > 0 ? splitBlockAt(b, at) : [b]
    })

    // Running heads and feet: the page's URL line, editors' credits, page numbers.
    while (blocks.length > 0 && isPageFurniture(blocks[blocks.length - 1].text) && !(pageIndex === 0 && blocks.length === 1)) {
      const b = blocks.pop() as Block
      if (isUrlLine(b.text)) masthead.site ??= b.text.trim()
      leftOut.push({ line: b.line, message: `版面信息（页码、责任编辑、网址等）：${b.text}` })
    }
    if (pageIndex > 0) {
      while (blocks.length > 0 && isPageFurniture(blocks[0].text)) {
        const b = blocks.shift() as Block
        leftOut.push({ line: b.line, message: NOTE.runningHead(b.text) })
      }
    }

    const cls: Classified[] = blocks.map((block) => {
      const dl = matchDateline(block.text)
      if (dl && 'error' in dl) throw new SourceError(block.line, dl.error)
      const c: Classified = { block, heading: false }
      if (dl) {
        c.dateline = dl
        for (const n of dl.notes) warnings.push({ line: block.line, message: n })
      } else {
        const byline = readBylineLine(block.text)
        if (byline) {
          c.byline = byline.people
          for (const n of byline.notes) warnings.push({ line: block.line, message: n })
        } else {
          const credit = parsePhotoCredit(block.text)
          if (credit) c.credit = credit
        }
      }
      return c
    })
    const isAnchor = (c: Classified) => !!(c.dateline || c.byline || c.credit)
    const firstAnchor = cls.findIndex(isAnchor)
    if (pageIndex === 0) {
      const read = cls.map((c, i) => (isAnchor(c) ? null : readMastheadLine(c.block.text, firstAnchor < 0 || i < firstAnchor)))
      const head = read.slice(0, firstAnchor < 0 ? read.length : firstAnchor)
      const headHas = (k: keyof MastheadFields) => head.some((f) => f?.[k] !== undefined)
      cls.forEach((c, i) => {
        const f = read[i]
        if (!f) return
        // Past the first article only an unmistakable masthead line counts (a date with its weekday, the
        // issue number), and only when the head lacked it: a date alone may be a notice's signature.
        const late = firstAnchor >= 0 && i > firstAnchor
        const unmistakable = (f.date !== undefined && f.weekday !== undefined && !headHas('date')) || (f.number !== undefined && !headHas('number'))
        if (!late || unmistakable) c.masthead = f
      })
    }
    for (const c of cls) c.heading = !isAnchor(c) && !c.masthead && isHeadingCandidate(c.block)

    // Items, from their anchors: each takes the headline lines right before it.
    const roles: Role[] = cls.map((c) => (c.masthead ? { type: 'masthead' } : { type: 'text' }))
    const drafts: Draft[] = []
    let lower = 0
    let lastArticle: Draft | undefined
    cls.forEach((c, a) => {
      if (!isAnchor(c)) return
      const newItem = (kind: ParsedItem['kind'], line: number): Draft => {
        const d: Draft = { item: { kind, line, titleLine: line, title: '', byline: [], paragraphs: [], paragraphLines: [], page: pageIndex }, paragraphEnds: [] }
        drafts.push(d)
        return d
      }
      if (c.credit) {
        const t = a - 1 >= lower && roles[a - 1].type === 'text' && cls[a - 1].heading ? a - 1 : -1
        const d = newItem('photo', c.block.line)
        d.item.figure = { credit: c.credit.credit, line: c.block.line }
        if (c.credit.merged) warnings.push({ line: c.block.line, message: `一条图片署名里有几位摄影者，已合在一起，请核对：${c.credit.credit.role} ${c.credit.credit.name}` })
        if (t >= 0) {
          roles[t] = { type: 'photo-title', item: drafts.length - 1 }
          d.item.title = cleanHeadline(cls[t].block.text)
          d.item.titleLine = cls[t].block.line
        }
        roles[a] = { type: 'credit', item: drafts.length - 1 }
        lower = a + 1
        return
      }
      // A dateline right after a byline line belongs to the same article.
      const prevRole = roles[a - 1]
      if (c.dateline && prevRole?.type === 'byline') {
        roles[a] = { type: 'dateline', item: prevRole.item }
        lower = a + 1
        return
      }
      const group: number[] = []
      for (let j = a - 1; j >= lower && group.length < 3 && roles[j].type === 'text' && cls[j].heading; j--) group.unshift(j)
      if (group.length === 0) {
        if (c.byline && lastArticle) {
          // A byline printed after the text it credits.
          lastArticle.item.byline.push(...c.byline)
          roles[a] = { type: 'byline', item: drafts.indexOf(lastArticle) }
          lower = a + 1
          return
        }
        throw new SourceError(c.block.line, `${c.dateline ? `电头“${c.dateline.dateline}”` : '这行署名'}前面没有标题（应先有标题行，再有电头或署名）`)
      }
      const d = newItem('article', cls[group[0]].block.line)
      lastArticle = d
      group.forEach((j) => { roles[j] = { type: 'heading', item: drafts.length - 1 } })
      const { guess, ...h } = assignHeadlines(group.map((j) => cleanHeadline(cls[j].block.text)))
      Object.assign(d.item, h)
      if (guess) warnings.push({ line: cls[group[0]].block.line, message: guess })
      d.item.titleLine = cls[group[h.kicker === undefined ? 0 : 1]].block.line
      if (c.dateline) {
        d.item.dateline = c.dateline.dateline
        d.item.byline.push(...c.dateline.byline)
        roles[a] = { type: 'dateline', item: drafts.length - 1 }
        if (c.dateline.unknown.length > 0) warnings.push({ line: c.block.line, message: NOTE.bylineNotUnderstood(c.dateline.unknown.join(' ')) })
      } else {
        d.item.byline.push(...(c.byline ?? []))
        roles[a] = { type: 'byline', item: drafts.length - 1 }
      }
      lower = a + 1
    })

    // Text runs between structural lines: article bodies, photo captions, or text outside any article.
    let owner: Draft | undefined
    let afterPhoto = false
    let lastPhoto: Draft | undefined
    let run: number[] = []
    const flush = (follower: Draft | undefined) => {
      if (run.length === 0) return
      const runBlocks = run.map((i) => cls[i].block)
      const first = cls[run[0]]
      const datelined = roles[run[0]].type === 'dateline'
      run = []
      const paragraphs = cleanParagraphs(runBlocks, datelined ? first.dateline : undefined, warnings, isHeadingCandidate)
      if (datelined && first.dateline && owner && owner.item.dateline === undefined) {
        owner.item.dateline = first.dateline.dateline
        owner.item.byline.push(...first.dateline.byline)
      }
      let rest = paragraphs
      if (follower && follower.item.kind === 'photo') {
        const fig = follower.item.figure as ParsedFigure
        let caption: CleanParagraph[]
        if (!owner || afterPhoto) {
          caption = rest
          rest = []
          if (!follower.item.title && caption.length > 1 && caption[0].headingLike) {
            follower.item.title = cleanHeadline(caption[0].headingLike.text)
            follower.item.titleLine = caption[0].line
            caption = caption.slice(1)
          }
        } else {
          caption = rest.slice(-1)
          rest = rest.slice(0, -1)
          const before = rest[rest.length - 1]
          if (!follower.item.title && before?.headingLike) {
            follower.item.title = cleanHeadline(before.headingLike.text)
            follower.item.titleLine = before.line
            rest = rest.slice(0, -1)
          }
          follower.captionFrom = owner
        }
        if (caption.length > 0) {
          fig.caption = caption.map((p) => p.text).join('\n')
          follower.item.line = Math.min(follower.item.line, caption[0].line, follower.item.titleLine)
        }
      }
      if (rest.length === 0) return
      if (owner) {
        // An untitled photo amid an article's text (its caption cut from that text, the text going on after
        // the credit) is printed inside the article: it stays with it as a figure, not an item of its own.
        if (afterPhoto && lastPhoto && !lastPhoto.item.title && lastPhoto.captionFrom === owner) lastPhoto.insideOf = owner
        else if (afterPhoto) warnings.push({ line: rest[0].line, message: `图片署名之后的文字已并入前一篇文章“${owner.item.title}”，请确认` })
        for (const p of rest) {
          owner.item.paragraphs.push(p.text)
          owner.item.paragraphLines.push(p.line)
          owner.paragraphEnds.push(p.endLine)
        }
        return
      }
      for (const p of rest) {
        if (/[。！？!?]/.test(p.text) || printedWidth(p.text) > 40) {
          throw new SourceError(p.line, `这段文字不属于任何文章（前面没有带电头或署名的标题）：“${p.text.slice(0, 30)}…”`)
        }
        const note = { line: p.line, message: `${pageIndex === 0 ? '报头中' : '本版第一篇文章之前'}有未能识别的文字，未收入：${p.text}` }
        leftOut.push(note)
        warnings.push(note)
      }
    }
    roles.forEach((r, i) => {
      switch (r.type) {
        case 'text':
          run.push(i)
          break
        case 'masthead':
          flush(undefined)
          mergeMasthead(cls[i].masthead as MastheadFields, cls[i].block.line)
          break
        case 'heading':
          flush(drafts[r.item])
          break
        case 'photo-title':
        case 'credit':
          flush(drafts[r.item])
          if (r.type === 'credit') {
            afterPhoto = true
            lastPhoto = drafts[r.item]
          }
          break
        case 'byline':
          flush(drafts[r.item])
          owner = drafts[r.item]
          afterPhoto = false
          break
        case 'dateline':
          flush(drafts[r.item])
          owner = drafts[r.item]
          afterPhoto = false
          run.push(i)
          break
      }
    })
    flush(undefined)

    for (const d of drafts) {
      const it = d.item
      if (d.insideOf && it.figure?.caption) {
        d.insideOf.item.figures = [...(d.insideOf.item.figures ?? []), it.figure]
        continue
      }
      if (it.kind === 'photo') {
        const fig = it.figure as ParsedFigure
        if (!fig.caption && !it.title) throw new SourceError(fig.line, '图片署名前面既没有图片说明，也没有标题')
        if (!it.title) {
          it.title = UNTITLED_PHOTO
          warnings.push({ line: fig.line, message: NOTE.untitledPhoto(UNTITLED_PHOTO) })
        }
        if (!fig.caption) warnings.push({ line: fig.line, message: NOTE.noCaption(it.title) })
      } else {
        if (it.paragraphs.length === 0) throw new SourceError(it.titleLine, `文章“${it.title}”没有正文`)
        // A headline-like last line after a finished paragraph is a headline whose article is missing.
        const n = it.paragraphs.length
        const lastLine = d.paragraphEnds[n - 1]
        const lastBlock = cls.find((c) => c.block.line === it.paragraphLines[n - 1])?.block
        if (n >= 2 && lastBlock && isHeadingCandidate(lastBlock) && lastBlock.endLine === lastLine && !endsSentence(it.paragraphs[n - 1]) &&
          endsSentence(it.paragraphs[n - 2]) && d === drafts[drafts.length - 1]) {
          throw new SourceError(lastBlock.line, `“${it.paragraphs[n - 1]}”像是标题，但后面没有电头（本报…讯）或署名（■…）`)
        }
        it.paragraphs.forEach((p, k) => {
          if (!endsSentence(p)) warnings.push({ line: d.paragraphEnds[k], message: NOTE.cutParagraph(p.slice(-12)) })
        })
      }
      page.items.push(items.length)
      items.push(it)
    }
    if (drafts.length === 0) warnings.push({ line: raw.line, message: NOTE.pageWithoutArticles(page.name) })
  })

  if (items.length === 0) throw new SourceError(1, '没有找到文章：一篇文章是一行标题，后面跟电头（如 本报讯(记者 …)）或署名行（如 ■本报记者 …）')
  const firstLine = items[0].line
  if (masthead.date === undefined) throw new SourceError(firstLine, `第一篇文章之前的${MISSING.date}`)
  if (masthead.number === undefined) throw new SourceError(masthead.dateLine ?? firstLine, MISSING.number)
  if (masthead.yearNumber === undefined) throw new SourceError(masthead.dateLine ?? firstLine, MISSING.yearNumber)
  warnings.push(...checkMastheadDate({ date: masthead.date, weekday: masthead.weekday, lunar: masthead.lunar, numberYear: masthead.numberYear }, masthead.dateLine ?? 1, options.lunarForms))
  warnings.sort((a, b) => a.line - b.line)
  return { date: masthead.date, number: masthead.number, yearNumber: masthead.yearNumber, masthead, pages, items, warnings, leftOut }
}

/** Joins a run of blocks into cleaned paragraphs, first removing a dateline from the first one. */
function cleanParagraphs(blocks: Block[], dateline: DatelineMatch | undefined, warnings: SourceNote[], heading: (b: Block) => boolean): CleanParagraph[] {
  const { paragraphs } = assembleParagraphs(blocks)
  let paras: Paragraph[] = paragraphs
  if (dateline && paras[0]) {
    const pieces = dropLeading(paras[0].pieces, dateline.length)
    paras = pieces.length > 0 ? [{ ...paras[0], pieces }, ...paras.slice(1)] : paras.slice(1)
  }
  return paras.map((p) => {
    const joined = joinPieces(p.pieces)
    for (const s of joined.keptCjkSpaces) warnings.push({ line: s.line, message: NOTE.keptSpace(restorePunctuation(s.context).text) })
    const fixed = restorePunctuation(joined.text)
    if (fixed.unpairedQuotes.length > 0) warnings.push({ line: p.line, message: NOTE.unpairedQuote(fixed.text.slice(0, 20)) })
    const raw = p.pieces.map((x) => x.text).join(' ')
    const single = blocks.find((b) => b.text === raw && b.line === p.line && heading(b))
    return { text: fixed.text, line: p.line, endLine: p.endLine, headingLike: single }
  })
}
