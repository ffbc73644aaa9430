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

/**
 * CJK Radicals Supplement code points that fonts' ToUnicode maps give for ordinary simplified ideographs
 * (the glyph is shared), with the ideograph each stands for (Unicode's CJKRadicals.txt). The Kangxi
 * radicals (U+2F00–U+2FD5) have compatibility decompositions and go through NFKC instead.
 */
const RADICALS: Record<string, string> = {
  '⺌': '小', '⺏': '尣', '⺕': '彑', '⺗': '心', '⺜': '日', '⺝': '月', '⺟': '母', '⺠': '民', '⺤': '爫', '⺧': '牛', '⺪': '疋',
  '⺮': '竹', '⺳': '网', '⺶': '羊', '⺻': '聿', '⺼': '肉', '⻀': '艹', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车',
  '⻎': '辶', '⻏': '阝', '⻐': '钅', '⻓': '长', '⻔': '门', '⻗': '雨', '⻘': '青', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食',
  '⻟': '飠', '⻠': '饣', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐',
  '⻮': '齿', '⻰': '龙', '⻲': '亀', '⻳': '龟'
}

/**
 * Radical and compatibility code points mapped to the ordinary ideographs they stand for. Some PDF
 * producers (Chromium's Skia among them) write ToUnicode maps that send a glyph shared by 高 and the
 * radical ⾼ to the radical; readers and search need 高. Kangxi radicals (U+2F00–U+2FD5) have
 * compatibility decompositions (NFKC); CJK compatibility ideographs (U+F900–U+FAFF) canonical ones (NFC).
 * Only these blocks are touched: full NFKC would also turn full-width punctuation into ASCII.
 */
export function normaliseIdeographs(text: string): string {
  return text
    .replace(/[\u2e80-\u2fdf]/g, (c) => {
      const n = RADICALS[c] ?? c.normalize('NFKC')
      return n.length === 1 ? n : c
    })
    .replace(/[\uf900-\ufaff]/g, (c) => c.normalize('NFC'))
}
