/**
 * Rebuilds printed lines, columns and paragraphs from extracted text. Pure: no I/O.
 *
 * In the extracted text every non-blank line is a run of printed lines joined by single spaces, and blank
 * lines separate blocks: whole paragraphs or the parts of one paragraph that a column or page break cut
 * apart. Nothing here reads words; the evidence is geometric, as on the page: a justified column has
 * lines of (nearly) equal width, a paragraph's first line is indented two characters, its last line is
 * usually short.
 */
import { endsSentence, isAsciiLetter, isChineseContext, isCjk, isPunct, isWidePunct, printedWidth } from './text-chars'

/** A space-separated run of text from one source line: usually one printed line of a column. */
export interface Segment {
  text: string
  width: number
  /** 1-based source line. */
  line: number
}

/** Text between blank lines. */
export interface Block {
  segments: Segment[]
  /** 1-based source line of the first segment. */
  line: number
  endLine: number
  /** The line started with an ideographic space or two spaces: an explicitly indented paragraph start. */
  indent: boolean
  /** The segments joined by single spaces. */
  text: string
}

/**
 * What separated a piece from the one before it: `inline`, a space inside one printed line; `wrap`, the
 * end of a printed line; `column`, a blank line (column or page break) inside the paragraph.
 */
export type Separator = 'inline' | 'wrap' | 'column'

/** A segment placed in a paragraph, with what separated it from the previous one. */
export interface Piece {
  text: string
  /** Undefined for the first piece of a paragraph. */
  sep?: Separator
  line: number
}

/** Pieces of one paragraph, with the source lines it spans. */
export interface Paragraph {
  pieces: Piece[]
  line: number
  endLine: number
}

interface PrintedLine {
  pieces: Piece[]
  width: number
  text: string
}

/** Makes a block from source lines (already split at blank lines); runs of whitespace separate segments. */
export function makeBlock(lines: Array<{ text: string, line: number }>): Block {
  const segments: Segment[] = []
  const indent = /^(?:\u3000|[ \t]{2,})/.test(lines[0]?.text ?? '')
  for (const { text, line } of lines) {
    for (const part of text.trim().split(/[ \t\u3000]+/)) {
      if (part) segments.push({ text: part, width: printedWidth(part), line })
    }
  }
  return {
    segments,
    line: segments[0]?.line ?? lines[0]?.line ?? 0,
    endLine: segments[segments.length - 1]?.line ?? lines[0]?.line ?? 0,
    indent,
    text: segments.map((s) => s.text).join(' ')
  }
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b)
  const mid = v.length >> 1
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

/** Typical full-line width of a set of segment widths: the median of those that are not fragments. */
function typicalWidth(widths: number[], minSamples = 2): number | undefined {
  if (widths.length === 0) return undefined
  const max = Math.max(...widths)
  const full = widths.filter((w) => w >= 0.6 * max)
  return full.length >= minSamples ? median(full) : undefined
}

/**
 * The column width of one block, from its interior segments (the first may be indented, the last short);
 * undefined when the block has fewer than three full lines to tell.
 */
export function blockColumnWidth(block: Block): number | undefined {
  // Fewer than three full lines (a dateline's first lines, a short paragraph) say too little.
  return typicalWidth(block.segments.slice(1, -1).map((s) => s.width), 3)
}

/**
 * The column width of a run of blocks (one article), for blocks too short to measure on their own: the
 * typical interior line when there are at least three, else the widest line, counting a block's opening
 * line two characters wider (in a short article it is most likely an indented paragraph start).
 */
export function regionColumnWidth(blocks: Block[]): number {
  const interior = blocks.flatMap((b) => b.segments.slice(1, -1).map((s) => s.width))
  const typical = typicalWidth(interior, 3)
  if (typical !== undefined) return typical
  const later = blocks.flatMap((b) => b.segments.slice(1).map((s) => s.width))
  const firsts = blocks.flatMap((b) => b.segments.slice(0, 1).map((s) => s.width + 2))
  return Math.max(...later, ...firsts, 1)
}

/**
 * Splits a block into printed lines. A space ends a printed line when the line is already full (for the
 * block's first line, which may be indented: two characters short) or the next segment would not fit on
 * it; any other space was printed inside the line.
 */
export function printedLines(block: Block, width: number): PrintedLine[] {
  const lines: PrintedLine[] = []
  let cur: PrintedLine | undefined
  for (const seg of block.segments) {
    const piece: Piece = { text: seg.text, line: seg.line }
    // A block's first line may be a paragraph's first line, two characters short for the indent.
    const fullAt = lines.length === 1 ? width - 2.5 : width - 1
    const full = cur && (cur.width >= fullAt || cur.width + 0.5 + seg.width > width + 1.5 ||
      // After a sentence end, a segment that fills a line on its own starts one.
      (endsSentence(cur.text) && seg.width >= width - 2.5))
    if (!cur || full) {
      if (cur) piece.sep = 'wrap'
      cur = { pieces: [piece], width: seg.width, text: seg.text }
      lines.push(cur)
    } else {
      piece.sep = 'inline'
      cur.pieces.push(piece)
      cur.width += 0.5 + seg.width
      cur.text += ' ' + seg.text
    }
  }
  return lines
}

/** Why two blocks were joined into one paragraph or kept apart (for tests and for tracing a decision). */
export interface BreakDecision {
  /** Source line of the later block. */
  line: number
  joined: boolean
  reason: string
}

/** Paragraphs rebuilt from blocks, and why each break between blocks was decided as it was. */
export interface AssembledText {
  paragraphs: Paragraph[]
  decisions: BreakDecision[]
}

/**
 * Joins blocks into paragraphs. Between two blocks (a column or page break, or a paragraph end):
 * - an explicitly indented block, or one whose first line is two characters short of the column
 *   width, starts a paragraph, unless its first line is a short line ending a sentence and the text
 *   before broke off mid-sentence (then that line is the last line of the paragraph before);
 * - after a complete sentence, a short last line ends the paragraph, and a block that is one short line
 *   standing alone (a heading or label) never continues into the next;
 * - otherwise the paragraph continues.
 * Inside a block, a short printed line that ends a sentence ends a paragraph. A paragraph cut short
 * where a column ended stays a paragraph of its own: nothing is glued onto unrelated text.
 */
export function assembleParagraphs(blocks: Block[]): AssembledText {
  const regionWidth = regionColumnWidth(blocks)
  const paragraphs: Paragraph[] = []
  const decisions: BreakDecision[] = []
  let current: Paragraph | undefined
  let prevLast: PrintedLine | undefined
  let prevWidth = regionWidth
  let prevSingle = false

  for (const block of blocks) {
    if (block.segments.length === 0) continue
    const width = blockColumnWidth(block) ?? regionWidth
    const lines = printedLines(block, width)
    const runs: PrintedLine[][] = [[]]
    lines.forEach((ln, j) => {
      runs[runs.length - 1].push(ln)
      const short = ln.width <= width - (j === 0 ? 3.5 : 1.5)
      if (j < lines.length - 1 && short && endsSentence(ln.text)) runs.push([])
    })

    runs.forEach((run, r) => {
      const pieces = run.flatMap((ln) => ln.pieces)
      if (r === 0 && current && prevLast) {
        const d = joinDecision(prevLast, prevWidth, prevSingle, run[0], width, block)
        decisions.push({ line: block.line, ...d })
        if (d.joined) {
          current.pieces.push({ ...pieces[0], sep: 'column' }, ...pieces.slice(1))
          current.endLine = pieces[pieces.length - 1].line
          return
        }
      }
      if (current) paragraphs.push(current)
      current = { pieces: [{ text: pieces[0].text, line: pieces[0].line }, ...pieces.slice(1)], line: pieces[0].line, endLine: pieces[pieces.length - 1].line }
    })
    prevLast = lines[lines.length - 1]
    prevSingle = lines.length === 1
    prevWidth = width
  }
  if (current) paragraphs.push(current)
  return { paragraphs, decisions }
}

function joinDecision(a: PrintedLine, aWidth: number, aSingle: boolean, b: PrintedLine, bWidth: number, block: Block): { joined: boolean, reason: string } {
  if (block.indent) return { joined: false, reason: 'indented' }
  // A block that is one line well short of the column, without punctuation, is neither a paragraph's
  // first line (two short) nor a full line: a heading or a label. Nothing continues from it.
  if (aSingle && a.width <= aWidth - 3.5 && !/[，,。、；;：:！!？?]/.test(a.text)) return { joined: false, reason: 'a short line standing alone' }
  const indented = b.width <= bWidth - 1.5
  if (endsSentence(a.text)) {
    // A block of one line may be a paragraph's indented first line: short means shorter than that.
    if (a.width <= aWidth - (aSingle ? 3.5 : 1.5)) return { joined: false, reason: 'short last line after a sentence end' }
    if (indented) return { joined: false, reason: 'indented first line' }
    return { joined: true, reason: 'full lines across the break' }
  }
  if (endsSentence(b.text) && b.width <= bWidth - 3.5) return { joined: true, reason: 'tail line of the broken sentence' }
  // Column breaks inside a sentence are common, sentences cut short rare: here the indent must be clear.
  if (b.width <= bWidth - 2) return { joined: false, reason: 'indented first line after a cut sentence' }
  return { joined: true, reason: 'sentence continues across the break' }
}

/** Removes the first `count` characters of the text the pieces spell with single spaces between them. */
export function dropLeading(pieces: Piece[], count: number): Piece[] {
  let rest = count
  const out: Piece[] = []
  for (const p of pieces) {
    if (rest <= 0) {
      out.push(p)
      continue
    }
    const lead = p.sep ? 1 : 0
    if (rest >= lead + p.text.length) {
      rest -= lead + p.text.length
      continue
    }
    const cut = Math.max(0, rest - lead)
    rest = 0
    out.push({ text: p.text.slice(cut), line: p.line })
  }
  if (out[0]) delete out[0].sep
  return out
}

/** A paragraph spelled out, and the spaces kept between ideographs (for the editor to check). */
export interface JoinedText {
  text: string
  /** Spaces kept between two ideographs: printed gaps, or line wraps the geometry could not see. */
  keptCjkSpaces: Array<{ line: number, context: string }>
}

/**
 * Spells a paragraph: a line wrap or column break leaves no space (except between two Latin words); a
 * space printed inside a line is kept between words, numbers and ideographs, but not next to punctuation
 * in Chinese text.
 */
export function joinPieces(pieces: Piece[]): JoinedText {
  let text = ''
  const keptCjkSpaces: JoinedText['keptCjkSpaces'] = []
  for (const p of pieces) {
    if (p.text === '') continue
    const left = text[text.length - 1]
    const right = p.text[0]
    if (text !== '' && p.sep === 'inline') {
      const nearPunct = isPunct(left) || isPunct(right)
      const chinese = isWidePunct(left) || isWidePunct(right) || isChineseContext(left) || isChineseContext(right) ||
        isChineseContext(text[text.length - 2]) || isChineseContext(p.text[1])
      if (!(nearPunct && chinese)) {
        text += ' '
        if (isCjk(left) && isCjk(right)) keptCjkSpaces.push({ line: p.line, context: `${text.slice(-8)}${p.text.slice(0, 8)}` })
      }
    } else if (text !== '' && isAsciiLetter(left) && isAsciiLetter(right)) {
      text += ' '
    }
    text += p.text
  }
  return { text, keptCjkSpaces }
}

/** Splits a block at a character offset of its text (for a credit printed at the end of a caption line). */
export function splitBlockAt(block: Block, offset: number): [Block, Block] {
  const first: Segment[] = []
  const second: Segment[] = []
  let pos = 0
  for (const seg of block.segments) {
    const start = pos
    const end = pos + seg.text.length
    pos = end + 1
    if (end <= offset) first.push(seg)
    else if (start >= offset) second.push(seg)
    else {
      const a = seg.text.slice(0, offset - start)
      const b = seg.text.slice(offset - start)
      first.push({ text: a, width: printedWidth(a), line: seg.line })
      second.push({ text: b, width: printedWidth(b), line: seg.line })
    }
  }
  const make = (segments: Segment[], indent: boolean): Block => ({
    segments,
    line: segments[0].line,
    endLine: segments[segments.length - 1].line,
    indent,
    text: segments.map((s) => s.text).join(' ')
  })
  return [make(first, block.indent), make(second, false)]
}
