/**
 * Checks an issue the console page sends back (PUT of a draft) before it is saved: the shape of every
 * field, the pages and items agreeing with each other, photo references the draft holds, and then the
 * feed's own validation of the issue it would publish (lengths, counts, zones inside the page), so a
 * draft that saves is a draft that publishes. Pure.
 *
 * Hand-written rather than a schema library: the feed format already has its one definition
 * (src/core/feed), which this reuses for everything a reader sees; what is left is the parsed issue's
 * own bookkeeping (lines, page indexes), a dozen rules that read better as code than as a second schema.
 */
import { describeProblems, validateIssue } from '../../../src/core/feed'
import { buildIssue } from '../../feed-model'
import type { ParsedFigure, ParsedIssue, SourceNote } from '../../parse-issue'
import type { EditableIssue, EditableItem } from './api'

/** One reason a sent issue is refused: a JSON path into it and what is wrong, in Chinese for the editor. */
export interface DraftProblem {
  path: string
  message: string
}

/** What the server keeps from the stored draft whatever the page sends: they are not the editor's to edit. */
export interface DraftBase {
  masthead: ParsedIssue['masthead']
  warnings: SourceNote[]
  leftOut: SourceNote[]
}

/** Limits beyond the feed's own (which the built issue is checked against). */
export const DRAFT_LIMITS = { items: 500, pages: 64, zonesPerItem: 64, figuresPerItem: 50 } as const

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v)
const isFraction = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1

/**
 * Reads `body` as the editor's issue. `photoKeys` are the draft's photos; `base` supplies masthead,
 * warnings and left-out lines. Each item's `paragraphLines` is made as long as its paragraphs (a split
 * paragraph's new line takes the line of the one it came from), since only notes use them. Returns
 * the issue or every problem found.
 */
export function readEditableIssue(body: unknown, base: DraftBase, photoKeys: ReadonlySet<string>): { ok: true, issue: EditableIssue } | { ok: false, problems: DraftProblem[] } {
  const problems: DraftProblem[] = []
  const bad = (path: string, message: string) => { problems.push({ path, message }) }
  if (!isObj(body)) return { ok: false, problems: [{ path: '', message: '应为一期报纸的对象' }] }
  const date = body.date
  if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) bad('/date', '日期应为 YYYY-MM-DD')
  if (!isInt(body.number) || body.number < 1) bad('/number', '总第N期应为正整数')
  if (!isInt(body.yearNumber) || body.yearNumber < 1) bad('/yearNumber', '年度期号应为正整数')
  const rawPages = Array.isArray(body.pages) ? body.pages : []
  if (!Array.isArray(body.pages) || rawPages.length === 0 || rawPages.length > DRAFT_LIMITS.pages) bad('/pages', `应有 1 至 ${DRAFT_LIMITS.pages} 个版面`)
  const rawItems = Array.isArray(body.items) ? body.items : []
  if (!Array.isArray(body.items) || rawItems.length > DRAFT_LIMITS.items) bad('/items', `稿件应为列表，至多 ${DRAFT_LIMITS.items} 篇`)
  if (problems.length > 0) return { ok: false, problems }

  const optText = (o: Obj, key: string, path: string): string | undefined => {
    const v = o[key]
    if (v === undefined || v === null || v === '') return undefined
    if (typeof v !== 'string') {
      bad(`${path}/${key}`, '应为文字')
      return undefined
    }
    return v
  }
  const person = (v: unknown, path: string) => {
    if (!isObj(v) || typeof v.role !== 'string' || typeof v.name !== 'string' || v.name.trim() === '') {
      bad(path, '署名应有职务和姓名')
      return { role: '', name: '' }
    }
    return { role: v.role.trim(), name: v.name.trim() }
  }
  const figure = (v: unknown, path: string, line: number): ParsedFigure | undefined => {
    if (!isObj(v)) {
      bad(path, '图片说明应为对象')
      return undefined
    }
    const caption = optText(v, 'caption', path)
    const credit = v.credit === undefined || v.credit === null ? undefined : person(v.credit, `${path}/credit`)
    return { line: isInt(v.line) ? v.line : line, ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) }
  }

  const items: EditableItem[] = rawItems.map((raw: unknown, i: number) => {
    const p = `/items/${i}`
    const o = isObj(raw) ? raw : {}
    if (!isObj(raw)) bad(p, '稿件应为对象')
    const kind = o.kind === 'photo' ? 'photo' : 'article'
    if (o.kind !== 'article' && o.kind !== 'photo') bad(`${p}/kind`, '应为 article 或 photo')
    const line = isInt(o.line) ? o.line : 0
    const title = typeof o.title === 'string' ? o.title.trim() : ''
    if (title === '') bad(`${p}/title`, '标题不能为空')
    const paragraphs = Array.isArray(o.paragraphs) ? o.paragraphs : []
    if (!Array.isArray(o.paragraphs) || paragraphs.some((t) => typeof t !== 'string')) bad(`${p}/paragraphs`, '正文应为段落文字的列表')
    const paras = (paragraphs as unknown[]).filter((t): t is string => typeof t === 'string').map((t) => t.trim()).filter((t) => t !== '')
    if (kind === 'article' && paras.length === 0) bad(`${p}/paragraphs`, '文章至少要有一段正文')
    const givenLines = Array.isArray(o.paragraphLines) ? o.paragraphLines.filter(isInt) : []
    const paragraphLines = paras.map((_t, k) => givenLines[k] ?? givenLines[givenLines.length - 1] ?? line)
    const byline = Array.isArray(o.byline) ? o.byline.map((v, k) => person(v, `${p}/byline/${k}`)) : []
    if (o.byline !== undefined && !Array.isArray(o.byline)) bad(`${p}/byline`, '署名应为列表')
    const page = o.page
    if (!isInt(page) || page < 0 || page >= rawPages.length) bad(`${p}/page`, '版面不存在')
    const fig = o.figure === undefined || o.figure === null ? undefined : figure(o.figure, `${p}/figure`, line)
    if (kind === 'photo' && !fig) bad(`${p}/figure`, '图片稿应有图片')
    const figs = Array.isArray(o.figures) ? o.figures.map((v, k) => figure(v, `${p}/figures/${k}`, line)).filter((f): f is ParsedFigure => f !== undefined) : []
    if ((fig ? 1 : 0) + figs.length > DRAFT_LIMITS.figuresPerItem) bad(`${p}/figures`, `一篇稿件至多 ${DRAFT_LIMITS.figuresPerItem} 张图片`)
    let zones: EditableItem['zones']
    if (o.zones !== undefined && o.zones !== null) {
      if (!Array.isArray(o.zones) || o.zones.length > DRAFT_LIMITS.zonesPerItem) bad(`${p}/zones`, `版面区域应为列表，至多 ${DRAFT_LIMITS.zonesPerItem} 个`)
      else {
        zones = o.zones.map((z: unknown, k: number) => {
          const zp = `${p}/zones/${k}`
          if (!isObj(z) || !isInt(z.page) || z.page < 0 || z.page >= rawPages.length || ![z.x, z.y, z.w, z.h].every(isFraction)) {
            bad(zp, '版面区域应为所在版面内的矩形')
            return { page: 0, x: 0, y: 0, w: 0, h: 0 }
          }
          const [x, y, w, h] = [z.x, z.y, z.w, z.h] as number[]
          if (w <= 0 || h <= 0 || x + w > 1.0001 || y + h > 1.0001) bad(zp, '版面区域超出了版面')
          return { page: z.page, x, y, w, h }
        })
      }
    }
    let photos: EditableItem['photos']
    if (o.photos !== undefined && o.photos !== null) {
      const count = (fig ? 1 : 0) + figs.length
      if (!Array.isArray(o.photos) || o.photos.length > count) bad(`${p}/photos`, '图片文件的个数多于图片说明')
      else {
        photos = o.photos.map((k: unknown, n: number) => {
          if (k === null) return null
          if (typeof k !== 'string' || !photoKeys.has(k)) {
            bad(`${p}/photos/${n}`, '这张图片不在本草稿里')
            return null
          }
          return k
        })
      }
    }
    const kicker = optText(o, 'kicker', p)
    const subtitle = optText(o, 'subtitle', p)
    const dateline = optText(o, 'dateline', p)
    return {
      kind,
      line,
      titleLine: isInt(o.titleLine) ? o.titleLine : line,
      ...(kicker ? { kicker: kicker.trim() } : {}),
      title,
      ...(subtitle ? { subtitle: subtitle.trim() } : {}),
      ...(dateline ? { dateline: dateline.trim() } : {}),
      byline,
      paragraphs: paras,
      paragraphLines,
      ...(fig ? { figure: fig } : {}),
      ...(figs.length > 0 ? { figures: figs } : {}),
      page: isInt(page) ? page : 0,
      ...(zones && zones.length > 0 ? { zones } : {}),
      ...(photos && photos.some((k) => k !== null) ? { photos } : {})
    }
  })

  const listed = new Map<number, number>()
  const pages = rawPages.map((raw: unknown, k: number) => {
    const p = `/pages/${k}`
    const o = isObj(raw) ? raw : {}
    const name = typeof o.name === 'string' ? o.name.trim() : ''
    if (name === '') bad(`${p}/name`, '版面名称不能为空')
    const its = Array.isArray(o.items) ? o.items : []
    if (!Array.isArray(o.items) || !its.every(isInt)) bad(`${p}/items`, '应为稿件序号的列表')
    for (const i of its.filter(isInt)) {
      if (listed.has(i)) bad(`${p}/items`, `第 ${i + 1} 篇稿件列在两个版面上`)
      listed.set(i, k)
      if (i < 0 || i >= items.length) bad(`${p}/items`, `没有第 ${i + 1} 篇稿件`)
      else if (items[i].page !== k) bad(`${p}/items`, `第 ${i + 1} 篇稿件属于另一个版面`)
    }
    return { name, line: isInt(o.line) ? o.line : 0, items: its.filter(isInt) }
  })
  items.forEach((_it, i) => { if (!listed.has(i)) bad(`/items/${i}/page`, `第 ${i + 1} 篇稿件不在任何版面的稿件列表里`) })
  if (problems.length > 0) return { ok: false, problems }

  const issue: EditableIssue = { date: date as string, number: body.number as number, yearNumber: body.yearNumber as number, masthead: base.masthead, pages, items, warnings: base.warnings, leftOut: base.leftOut }
  const built = validateIssue(JSON.parse(JSON.stringify(buildIssue(issue))))
  if (!built.ok) {
    for (const pr of built.problems) problems.push({ path: pr.path.replace(/^\/articles\//, '/items/'), message: `发布后的内容不合格式：${pr.message}` })
    if (problems.length === 0) problems.push({ path: '', message: describeProblems(built.problems) })
    return { ok: false, problems }
  }
  return { ok: true, issue }
}
