/**
 * The subscription message's content. A WeChat template has typed keys (`thing1`, `date2`,
 * `character_string3`, …) chosen when the template is picked in the admin console, so which issue fact
 * goes to which key is configuration; the type prefix decides how the value is written and how long it
 * may be. Values that break a type's rules are rejected by WeChat with 47003 for the whole message, so
 * they are made to fit here, never sent as they are.
 */
import { issueUrl } from '../src/core/routes'

/** What the message can say about an issue. */
export type FieldRole = 'title' | 'date' | 'number' | 'yearNumber' | 'paper'

/** One template key and the issue fact written into it. */
export interface TemplateField {
  role: FieldRole
  /** The template's key, e.g. `thing1`. */
  key: string
  /** The key's type prefix, e.g. `thing`. */
  type: string
}

/** The issue facts a message is built from (from the feed index). */
export interface IssueFacts {
  id: string
  /** YYYY-MM-DD. */
  date: string
  number: number
  yearNumber: number
  headline: string
  paperName: string
}

/** The `data` object of `subscribeMessage.send`. */
export type MessageData = Record<string, { value: string }>

/** Used when `WECHAT_TEMPLATE_FIELDS` is not set: lead headline, issue date, issue number. */
export const DEFAULT_TEMPLATE_FIELDS = '{"title":"thing1","date":"date2","number":"character_string3"}'

/** Maximum characters per type; `date` has a format rather than a documented length. */
export const TYPE_LIMITS: Record<string, number> = { thing: 20, number: 32, character_string: 32, date: 32 }

/** Which types can carry which fact: a headline cannot go into a digits-only `number` key. */
const ALLOWED: Record<FieldRole, string[]> = {
  title: ['thing'],
  paper: ['thing'],
  date: ['date', 'thing', 'character_string'],
  number: ['number', 'character_string', 'thing'],
  yearNumber: ['number', 'character_string', 'thing']
}

const KEY = /^([a-z_]+?)(\d+)$/

/**
 * Parses `WECHAT_TEMPLATE_FIELDS` (a JSON object of role → template key). Throws an Error whose message
 * says what is wrong, for the configuration report.
 */
export function parseTemplateFields(json: string): TemplateField[] {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    throw new Error('is not JSON; expected e.g. {"title":"thing1","date":"date2","number":"character_string3"}')
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('must be a JSON object of role → template key')
  const fields: TemplateField[] = []
  const keys = new Set<string>()
  for (const [role, key] of Object.entries(value)) {
    if (!(role in ALLOWED)) throw new Error(`unknown role "${role}"; roles are ${Object.keys(ALLOWED).join(', ')}`)
    if (typeof key !== 'string') throw new Error(`the key for "${role}" must be a string`)
    const m = KEY.exec(key)
    const allowed = ALLOWED[role as FieldRole]
    if (!m || !allowed.includes(m[1])) throw new Error(`"${role}" cannot go into key "${key}": use a key of type ${allowed.join(' or ')} followed by its number, e.g. ${allowed[0]}1`)
    if (keys.has(key)) throw new Error(`key "${key}" is used twice`)
    keys.add(key)
    fields.push({ role: role as FieldRole, key, type: m[1] })
  }
  if (fields.length === 0) throw new Error('names no fields')
  return fields
}

/** Shortens to at most `max` characters (code points, as WeChat counts them), ending with … when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text)
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`
}

/** Control characters and line breaks are refused by WeChat in every type; runs of spaces read as one. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim()
}

function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

function value(field: TemplateField, issue: IssueFacts): string {
  const year = issue.date.slice(0, 4)
  switch (field.role) {
    case 'title': return clean(issue.headline) || issue.paperName
    case 'paper': return clean(issue.paperName)
    case 'date': return field.type === 'character_string' ? issue.date : chineseDate(issue.date)
    case 'number': return field.type === 'thing' ? `总第${issue.number}期` : String(issue.number)
    case 'yearNumber': return field.type === 'thing' ? `${year}年第${issue.yearNumber}期` : String(issue.yearNumber)
  }
}

/** Builds `data` for one issue: each configured key with its value, fitted to the key type's limit. */
export function buildMessageData(fields: TemplateField[], issue: IssueFacts): MessageData {
  const data: MessageData = {}
  for (const f of fields) data[f.key] = { value: truncate(value(f, issue), TYPE_LIMITS[f.type] ?? 20) }
  return data
}

/** The mini-program page the message opens: the issue's page, without the leading slash WeChat refuses. */
export function issuePagePath(issueId: string): string {
  return issueUrl(issueId).replace(/^\//, '')
}
