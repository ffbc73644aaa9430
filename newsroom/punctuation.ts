/**
 * Restores the full-width punctuation that PDF text extraction turned into ASCII, in Chinese context only.
 * Pure: no I/O. Nothing but punctuation marks is ever changed, and never their order or number.
 */
import { hasCjk, isAsciiAlnum, isChineseContext } from './text-chars'

const WIDE: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）' }

/**
 * Character ranges that must stay ASCII whatever surrounds them: URLs, e-mail addresses, times and
 * ratios (`8:30`), numbers with thousands separators (`1,640`), decimals.
 */
function protectedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  const patterns = [
    /(?:https?|ftp):\/\/[!-~]+|www\.[!-~]+/g,
    /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
    /\d+(?::\d+)+/g,
    /\d{1,3}(?:,\d{3})+(?:\.\d+)?/g,
    /\d+\.\d+/g
  ]
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      let end = (m.index ?? 0) + m[0].length
      // A URL followed directly by a sentence mark: the mark belongs to the sentence, not the URL.
      if (re === patterns[0]) while (end > (m.index ?? 0) && /[.,;:!?)"']/.test(text[end - 1])) end--
      ranges.push([m.index ?? 0, end])
    }
  }
  return ranges
}

function neighbour(text: string, i: number, step: 1 | -1): string | undefined {
  for (let j = i + step; j >= 0 && j < text.length; j += step) if (text[j] !== ' ') return text[j]
  return undefined
}

/** A mark is in Chinese context when the nearest non-space character on either side is Chinese. */
function chineseAround(text: string, i: number): boolean {
  return isChineseContext(neighbour(text, i, -1)) || isChineseContext(neighbour(text, i, 1))
}

/** Text with full-width punctuation restored, and quotes that had no partner. */
export interface PunctuationResult {
  text: string
  /** Offsets (in the input) of straight double quotes that had no partner. */
  unpairedQuotes: number[]
}

/**
 * Converts `,` `:` `;` `!` `?` `(` `)` and paired `"` to their full-width forms where they sit in Chinese
 * text. Kept as ASCII: anything inside URLs, e-mail addresses, times, `1,640`, decimals; a bracket pair
 * around pure-ASCII content (`(2023)`); marks between ASCII on both sides (`Hello, world`). Quotes are
 * paired in order of appearance; an odd one out is reported and converted by its position.
 */
export function restorePunctuation(text: string): PunctuationResult {
  const chars = [...text]
  // Work on UTF-16 offsets only through `chars`, so astral ideographs do not shift positions.
  const flat = chars.join('')
  if (!hasCjk(flat)) return { text, unpairedQuotes: [] }
  const offsets: number[] = []
  let off = 0
  for (const ch of chars) {
    offsets.push(off)
    off += ch.length
  }
  const ranges = protectedRanges(flat)
  const isProtected = (k: number) => ranges.some(([a, b]) => offsets[k] >= a && offsets[k] < b)
  const out = chars.slice()
  const ctx = (k: number) => chineseAround(flat, offsets[k])

  // Brackets: decide per matched pair by what they enclose.
  const stack: number[] = []
  const pairedBracket = new Set<number>()
  chars.forEach((ch, k) => {
    if (isProtected(k)) return
    if (ch === '(') stack.push(k)
    else if (ch === ')' && stack.length > 0) {
      const open = stack.pop() as number
      pairedBracket.add(open).add(k)
      const inner = chars.slice(open + 1, k).join('')
      if (/[^\x00-\x7f]/.test(inner)) {
        out[open] = '（'
        out[k] = '）'
      }
    }
  })

  // Quotes: pair in order; a pair turns curly when it encloses or touches Chinese text.
  const quotes = chars.map((ch, k) => (ch === '"' && !isProtected(k) ? k : -1)).filter((k) => k >= 0)
  const unpairedQuotes: number[] = []
  for (let q = 0; q < quotes.length; q += 2) {
    const open = quotes[q]
    const close = quotes[q + 1]
    if (close === undefined) {
      unpairedQuotes.push(offsets[open])
      if (ctx(open)) out[open] = isChineseContext(chars[open + 1]) || isAsciiAlnum(chars[open + 1]) ? '“' : '”'
      continue
    }
    const inner = chars.slice(open + 1, close).join('')
    if (/[^\x00-\x7f]/.test(inner) || isChineseContext(neighbour(flat, offsets[open], -1)) || isChineseContext(neighbour(flat, offsets[close], 1))) {
      out[open] = '“'
      out[close] = '”'
    }
  }

  chars.forEach((ch, k) => {
    if (isProtected(k)) return
    if ((ch === '(' || ch === ')') && !pairedBracket.has(k) && ctx(k)) out[k] = WIDE[ch]
    else if (',:;!?'.includes(ch) && ctx(k)) out[k] = WIDE[ch]
  })
  return { text: out.join(''), unpairedQuotes }
}
