/**
 * Datelines, bylines and photo credits as Chinese newspapers print them. Pure: no I/O.
 *
 * Forms: `本报济宁讯(记者 胡碧源 通讯员 王安冉)`, `本报讯(记者 张三 报道)`, `新华社北京8月20日电(记者 …)`, a
 * byline on its own line (`■本报记者 张三 本报通讯员 李四`, `文/图 张三`), a photo credit (`■记者 杨国庆 摄`,
 * `■通讯员 X 摄`).
 */
import type { Person } from '../src/core/feed'

/** Role words, longest first so that `本报记者` wins over `记者`. */
const ROLES = [
  '本报特约通讯员', '本报首席记者', '本报特约记者', '本报见习记者', '本报摄影记者', '本报通讯员', '本报实习生', '本报记者',
  '特约通讯员', '首席记者', '特约记者', '见习记者', '摄影记者', '通讯员', '实习生', '记者', '摄影', '编辑', '作者'
].sort((a, b) => b.length - a.length)

/** Marks that papers put before a byline or credit line. */
const LEAD_MARKS = /^[■□◆◇●○▲△★☆◎▶►]\s*/

/** `本报记者` → `记者`, `本报通讯员` → `通讯员`: the paper's own name is implied. */
export function normaliseRole(role: string): string {
  return role.startsWith('本报') ? role.slice(2) : role
}

function isRole(token: string): boolean {
  return ROLES.includes(token)
}

/**
 * A plausible personal name: at most four ideographs (a single one is half of a wrapped name), names
 * transcribed with `·`, or Latin words.
 */
function isName(token: string): boolean {
  return /^[\u3400-\u9fff]{1,4}$/.test(token) || /^[\u3400-\u9fff]{1,8}(?:[·・•][\u3400-\u9fff]{1,8})+$/.test(token) || /^[A-Za-z][A-Za-z.'-]{0,30}$/.test(token)
}

/** People read from a credit string, and what could not be read. */
export interface PeopleParse {
  people: Person[]
  /** Tokens that are neither a role nor a plausible name. */
  unknown: string[]
  /** True when at least one role word was printed. */
  hasRole: boolean
  /** Readings that are a guess, for the editor to check (a name wrapped between two others). */
  notes: string[]
}

/** The role of a writer who also took the photos: `文/图`, also printed `图/文`, or `文 图` once extraction lost the slash. */
export const TEXT_AND_PHOTOS = '文/图'

/** Words that end a credit and are no one's name: `报道` (reported by), `摄影报道` (photo report). */
const END_MARKERS = ['摄影报道', '图片报道', '报道', '报导']

/** Two-character surnames, which make `欧阳 修` a wrapped name that ends rather than starts at `修`. */
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '夏侯', '司徒', '端木', '独孤', '南宫', '西门', '百里', '呼延', '轩辕', '澹台', '申屠', '万俟', '闻人', '濮阳', '赫连', '钟离', '单于', '太史', '公冶', '拓跋'])

const isIdeograph = (s: string) => /^[\u3400-\u9fff]$/.test(s)

/**
 * Reads `记者 胡碧源 通讯员 王 安冉` into people. A role applies to every name after it until the next role;
 * names before any role get `defaultRole`. `文/图` is a role (`文/图 张三`) that a following role replaces
 * (`文/图 记者 张三` is 记者 张三); `报道` and `摄影报道` at the end are markers, dropped. A one-character name
 * is part of a name the print wrapped: with nothing before it in its role it starts the next name
 * (`王 安冉` → `王安冉`); between two names it is a guess (after a two-character surname it ends that one:
 * `欧阳 修 张三` → `欧阳修`, `张三`; else it starts the next), reported in `notes`. A role word split by a wrap
 * (`通讯 员`) is put back together. Separators: spaces, `、`, `,`, `/`.
 */
export function parsePeople(text: string, defaultRole = '作者'): PeopleParse {
  const prepared = text.trim().replace(/[文图]\s*[/／]\s*[文图]/g, ' 文图 ')
  const raw = prepared.split(/[\s\u3000、,，;；/／]+/).filter(Boolean)
  while (raw.length > 0 && END_MARKERS.includes(raw[raw.length - 1])) raw.pop()
  const last = raw[raw.length - 1]
  const glued = last !== undefined ? END_MARKERS.find((m) => last.endsWith(m) && isName(last.slice(0, -m.length))) : undefined
  if (glued) raw[raw.length - 1] = last.slice(0, -glued.length)
  const tokens: string[] = []
  for (let i = 0; i < raw.length; i++) {
    const pair = raw[i] + (raw[i + 1] ?? '')
    if (!isRole(raw[i]) && raw[i + 1] !== undefined && (isRole(pair) || (pair === '文图' && i === 0))) {
      tokens.push(pair)
      i++
    } else tokens.push(raw[i])
  }
  let role: string | undefined
  let hasRole = false
  const named: Array<{ role?: string, name: string }> = []
  const unknown: string[] = []
  const notes: string[] = []
  tokens.forEach((token, i) => {
    if (token === '文图' && (i === 0 || isRole(tokens[i - 1]))) {
      role = TEXT_AND_PHOTOS
      hasRole = true
      return
    }
    if (isRole(token)) {
      role = normaliseRole(token)
      hasRole = true
      return
    }
    const prefix = ROLES.find((r) => token.startsWith(r) && isName(token.slice(r.length)))
    if (prefix) {
      role = normaliseRole(prefix)
      hasRole = true
      named.push({ role, name: token.slice(prefix.length) })
    } else if (isName(token)) named.push({ role, name: token })
    else unknown.push(token)
  })
  const merged: Array<{ role?: string, name: string, wrapped?: boolean }> = []
  for (let i = 0; i < named.length; i++) {
    const n = named[i]
    const next = named[i + 1]
    const prev = merged[merged.length - 1]
    const single = [...n.name].length === 1 && isIdeograph(n.name)
    const prevSameRole = prev !== undefined && prev.role === n.role && !prev.wrapped
    const nextSameRole = next !== undefined && next.role === n.role
    if (single && prevSameRole && nextSameRole) {
      const toPrev = COMPOUND_SURNAMES.has(prev.name)
      const context = `${prev.name} ${n.name} ${next.name}`
      if (toPrev) {
        prev.name += n.name
        prev.wrapped = true
      } else {
        merged.push({ role: n.role, name: n.name + next.name, wrapped: true })
        i++
      }
      const reading = toPrev ? `${prev.name}、${next.name}` : `${prev.name}、${n.name + next.name}`
      notes.push(`“${context}”中可能有姓名跨行断开，读作${reading}，请核对姓名`)
    } else if (single && nextSameRole) {
      merged.push({ role: n.role, name: n.name + next.name, wrapped: true })
      i++
    } else if (single && prev !== undefined && prev.role === n.role) {
      prev.name += n.name
      prev.wrapped = true
    } else merged.push(n)
  }
  return { people: merged.map((p) => ({ role: p.role ?? defaultRole, name: p.name })), unknown, hasRole, notes }
}

/** A dateline at the start of a paragraph, with the credits in its bracket. */
export interface DatelineMatch {
  /** As printed before the bracket: `本报济宁讯`. */
  dateline: string
  byline: Person[]
  /** Characters of the block text the dateline and its bracket take up. */
  length: number
  /** Parts of the bracket that were not understood as credits. */
  unknown: string[]
  /** Guesses to check (a wrapped name). */
  notes: string[]
}

const DATELINE = /^(本报[\u4e00-\u9fff]{0,10}?讯|(?:新华社|中新社|中新网|人民网|新华网|央视网|大众网|大众日报|人民日报)[\u4e00-\u9fff0-9]{0,14}?电)/

/**
 * Recognises a dateline at the start of a paragraph: `本报…讯` (with or without a bracketed byline) or an
 * agency's `…电(…)`. Returns null when there is none, and `{ error }` when the bracket is never closed.
 */
export function matchDateline(text: string): DatelineMatch | { error: string } | null {
  const m = DATELINE.exec(text)
  if (!m) return null
  const dateline = m[1]
  let i = dateline.length
  while (text[i] === ' ' || text[i] === '\u3000') i++
  if (text[i] !== '(' && text[i] !== '（') {
    if (dateline.endsWith('电')) return null
    return { dateline, byline: [], length: dateline.length, unknown: [], notes: [] }
  }
  const close = text.slice(i + 1).search(/[)）]/)
  const open = text.slice(i + 1).search(/[(（]/)
  if (close < 0 || close > 80 || (open >= 0 && open < close)) {
    return { error: `电头“${dateline}”后的括号没有闭合：“${text.slice(0, 40)}…”` }
  }
  const inner = text.slice(i + 1, i + 1 + close)
  const parsed = parsePeople(inner)
  return { dateline, byline: parsed.people, length: i + 2 + close, unknown: parsed.unknown, notes: parsed.notes }
}

function stripFrame(text: string): string {
  let t = text.trim().replace(LEAD_MARKS, '')
  const bracketed = /^[(（](.*)[)）]$/.exec(t)
  if (bracketed) t = bracketed[1]
  return t.trim()
}

/**
 * A byline printed on its own line: `■本报记者 张三 本报通讯员 李四`, `本报记者 张三 通讯员 李四` (with or
 * without a mark), `(记者 张三)`, `记者 张三 李四`, `■文/图 张三`, `… 报道`. Every token must be a role or a
 * name and there must be a role; a photo credit (`… 摄`) is not a byline. Returns the people and notes.
 */
export function readBylineLine(text: string): { people: Person[], notes: string[] } | null {
  if (text.length > 60) return null
  const t = stripFrame(text)
  if (/(?:^|[\s/／])(?:摄|摄影)$/.test(t) || /\S摄$/.test(t)) return null
  if (!ROLES.some((r) => t.startsWith(r)) && !/^[文图]\s*[/／]?\s*[文图]\s/.test(t)) return null
  const p = parsePeople(t)
  return p.hasRole && p.unknown.length === 0 && p.people.length > 0 ? { people: p.people, notes: p.notes } : null
}

/** {@link readBylineLine}'s people alone. */
export function parseBylineLine(text: string): Person[] | null {
  return readBylineLine(text)?.people ?? null
}

/** A photo credit line as read. */
export interface CreditMatch {
  credit: Person
  /** More than one photographer or role: the figure keeps the first role and all names. */
  merged: boolean
}

const CREDIT_END = /\s*[/／]?\s*(?:摄影|摄)$/

/**
 * A photo credit line: `■记者 杨国庆 摄`, `■通讯员 X 摄`, `(本报记者 张三 摄)`, `张三/摄`. The person's role is
 * kept (`记者`); without one the role is `摄影`. Several photographers share one credit (`张三 李四`).
 */
export function parsePhotoCredit(text: string): CreditMatch | null {
  if (text.length > 50) return null
  const t = stripFrame(text)
  if (!CREDIT_END.test(t)) return null
  const body = t.replace(CREDIT_END, '')
  if (!body) return null
  const p = parsePeople(body, '摄影')
  if (p.unknown.length > 0 || p.people.length === 0) return null
  const role = p.people[0].role
  const merged = p.people.length > 1
  return { credit: { role, name: p.people.map((x) => x.name).join(' ') }, merged }
}

/**
 * A credit printed at the end of a caption on the same line (`…不断提升。■记者 杨国庆 摄`): the offset where
 * the credit begins, or -1.
 */
export function trailingCreditStart(text: string): number {
  const m = /[■□◆●▲★☆◎][^■□◆●▲★☆◎]{1,40}$/.exec(text)
  if (!m || m.index === 0) return -1
  return parsePhotoCredit(m[0]) ? m.index : -1
}
