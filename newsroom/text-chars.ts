/**
 * Character classes and printed widths for Chinese newspaper text. Pure: no I/O.
 *
 * Widths are in em (one Chinese character = 1): extraction turns the print's full-width punctuation into
 * ASCII, but on paper it still took a full em, while Latin letters and digits are set half-width.
 */

/** CJK ideographs (including extensions A and the compatibility block) and the 〇 numeral. */
export function isCjk(ch: string | undefined): boolean {
  if (!ch) return false
  const c = ch.codePointAt(0) ?? 0
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x20000 && c <= 0x2ffff) || c === 0x3007
}

const WIDE_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】「」『』〔〕…—～·・•■□◆●▲'
const ASCII_PUNCT = ',.;:?!"\'()[]{}<>-/\\~`@#$%^&*_+=|'

/** Full-width (Chinese) punctuation and typographic marks. */
export function isWidePunct(ch: string | undefined): boolean {
  return !!ch && WIDE_PUNCT.includes(ch)
}

/** ASCII punctuation. */
export function isAsciiPunct(ch: string | undefined): boolean {
  return !!ch && ch.length === 1 && ASCII_PUNCT.includes(ch)
}

/** Either kind of punctuation. */
export function isPunct(ch: string | undefined): boolean {
  return isWidePunct(ch) || isAsciiPunct(ch)
}

/** ASCII letter or digit. */
export function isAsciiAlnum(ch: string | undefined): boolean {
  return !!ch && /^[A-Za-z0-9]$/.test(ch)
}

/** ASCII letter. */
export function isAsciiLetter(ch: string | undefined): boolean {
  return !!ch && /^[A-Za-z]$/.test(ch)
}

/** Anything that belongs to Chinese running text: ideographs and full-width punctuation. */
export function isChineseContext(ch: string | undefined): boolean {
  return isCjk(ch) || isWidePunct(ch) || (!!ch && (ch.codePointAt(0) ?? 0) > 0x2e7f && !/\s/.test(ch))
}

/**
 * Printed width of `s` in em: half for ASCII letters, digits and spaces, one for everything else
 * (ideographs and punctuation, which the print sets full-width even where extraction made it ASCII).
 */
export function printedWidth(s: string): number {
  let w = 0
  for (const ch of s) w += isAsciiAlnum(ch) || ch === ' ' || ch === '.' ? 0.5 : 1
  return w
}

/** Punctuation that ends a sentence, in either width. */
export const SENTENCE_END = '。！？!?…'
/** Closing marks that may follow the end of a sentence (`。”`, `！）`). */
export const CLOSERS = '”’」』）)"\'】》'

/**
 * True when `s` ends where a sentence (or a clause a paragraph may end on: `：`, `；`) ends, looking
 * through closing quotes and brackets.
 */
export function endsSentence(s: string): boolean {
  const t = s.trimEnd()
  let i = t.length - 1
  while (i >= 0 && CLOSERS.includes(t[i])) i--
  if (i < 0) return false
  return (SENTENCE_END + '：:；;').includes(t[i])
}

/** True when `s` has any CJK ideograph. */
export function hasCjk(s: string): boolean {
  for (const ch of s) if (isCjk(ch)) return true
  return false
}
