/**
 * The words of the notes both readers of an issue (the text path's parse-issue and the PDF path's
 * recogniser) attach for the editor, in one place so the two paths say the same thing and a front door
 * that judges a note (the console, when the editor has fixed what it points at) reads it back here
 * rather than matching the wording itself. Editors are Chinese journalists: every note is plain Chinese
 * that says what to check, and quotes the text it is about exactly as printed. Pure.
 */

/** Notes that recur on both paths; the argument is quoted exactly as printed. */
export const NOTE = {
  cutParagraph: (tail: string) => `段落在句子中间结束（可能是分栏处断开）：…${tail}`,
  unpairedQuote: (start: string) => `本段引号不成对，请检查：${start}…`,
  untitledPhoto: (title: string) => `这张图片没有标题行，暂用标题“${title}”`,
  noCaption: (title: string) => `图片“${title}”没有图片说明`,
  bylineNotUnderstood: (words: string) => `署名中这些字未能识别，请核对：${words}`,
  keptSpace: (context: string) => `两个汉字之间保留了一个空格，请确认：…${context}…`,
  pageWithoutArticles: (pageName: string) => `${pageName}：本版没有文章`,
  masthead: (text: string) => `报头：${text}`,
  runningHead: (text: string) => `报眉：${text}`
} as const

/** Refusals both paths raise when the masthead lacks what an issue needs. */
export const MISSING = {
  date: '报头中没有出版日期（YYYY年M月D日）',
  number: '报头中没有总期号（总第N期）',
  yearNumber: '报头中没有年度期号（YYYY年第N期）'
} as const

/** The recogniser prefixes a note with the 版 it is on (`01版 要闻：…`); this takes it off. */
function withoutPageLabel(message: string): string {
  return message.replace(/^[^：]*版[^：]*：(?=.)/u, '')
}

/** A note read back: the kinds whose concern can be checked against the corrected text. */
export type ReadNote =
  | { kind: 'cut-paragraph', tail: string }
  | { kind: 'unpaired-quote', start: string }
  | { kind: 'no-caption' }
  | { kind: 'untitled-photo' }

/**
 * Which of the checkable notes a message is, with the fragment it quotes, whether or not it carries the
 * recogniser's page label; undefined for any other note. Stable across rewording: it is built from the
 * same {@link NOTE} words.
 */
export function readNote(message: string): ReadNote | undefined {
  const m = withoutPageLabel(message)
  const after = (prefix: string) => (m.startsWith(prefix) && m.length > prefix.length ? m.slice(prefix.length) : undefined)
  const tail = after(NOTE.cutParagraph(''))
  if (tail !== undefined) return { kind: 'cut-paragraph', tail }
  const quotePrefix = NOTE.unpairedQuote('').slice(0, -1)
  const quoted = after(quotePrefix)
  if (quoted !== undefined && quoted.endsWith('…')) return { kind: 'unpaired-quote', start: quoted.slice(0, -1) }
  const [capOpen, capClose] = NOTE.noCaption('\u0000').split('\u0000')
  if (m.startsWith(capOpen) && m.endsWith(capClose)) return { kind: 'no-caption' }
  if (m.startsWith(NOTE.untitledPhoto('\u0000').split('\u0000')[0])) return { kind: 'untitled-photo' }
  return undefined
}
