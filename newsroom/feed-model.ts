/**
 * Turns a parsed issue into feed v1 documents and merges it into an index. Pure: no I/O; the caller reads
 * and writes files.
 */
import crypto from 'node:crypto'
import { latestOf, type Article, type FeedIndex, type Figure, type Issue, type IssueSummary, type LatestIssue, type PageImage, type Paper, type Zone } from '../src/core/feed'
import type { PageZone, ParsedFigure, ParsedIssue, ParsedItem } from './parse-issue'

/** Where a photo figure's image lives in the feed, once copied or generated. */
export interface FigureAsset {
  src: string
  width: number
  height: number
  placeholder?: boolean
}

/** One photo figure waiting for an image, in order of appearance. */
export interface FigureSlot {
  /** Index of the item in the parsed issue. */
  item: number
  /** 1-based number of the figure within its item. */
  n: number
}

/** Article ids `a1` … `aN`, numbered in order of appearance across the issue: a first build's ids. */
export function articleId(index: number): string {
  return `a${index + 1}`
}

/** A parsed item's figures: a photo item's own, then photos printed inside an article. */
export function itemFigures(it: ParsedItem): ParsedFigure[] {
  return [...(it.figure ? [it.figure] : []), ...(it.figures ?? [])]
}

/** The photo figures of an issue in order of appearance: where `--images` files go, one each. */
export function figureSlots(parsed: ParsedIssue): FigureSlot[] {
  return parsed.items.flatMap((it, item) => itemFigures(it).map((_f, k) => ({ item, n: k + 1 })))
}

/** Key of a figure in the asset map: the item's index and the figure's number, `4:1`. */
export function slotKey(slot: FigureSlot): string {
  return `${slot.item}:${slot.n}`
}

/** Zones in feed form: page ids, four decimals (a tenth of a pixel on a 1500 px image), kept inside the page. */
export function feedZones(item: ParsedItem & { zones?: PageZone[] }): Zone[] | undefined {
  if (!item.zones || item.zones.length === 0) return undefined
  const r = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000
  return item.zones.map((z) => {
    const x = r(z.x)
    const y = r(z.y)
    return { pageId: pageId(z.page), x, y, w: Math.min(r(z.w), r(1 - x)), h: Math.min(r(z.h), r(1 - y)) }
  })
}

/** Page ids `p1` … `pN`, in printed order. */
export function pageId(index: number): string {
  return `p${index + 1}`
}

/** What the printed pages add to an issue (the PDF path, or kept from the published issue). */
export interface PrintedLayout {
  /** Each page's image by page index, once named and sized by the publisher. */
  pageImages?: Array<PageImage | undefined>
  /** Each item's zones by item index; an item left out gets the zones it was recognised with. */
  zones?: Array<Zone[] | undefined>
}

/** Ids to give an issue and its articles instead of the first build's (the date, `a1`…). */
export interface IssueIds {
  id?: string
  /** One per parsed item, in order. */
  articleIds?: string[]
}

/**
 * The issue document. Its id is the date unless `ids` says otherwise; pages are `p1`…; articles `a1`… in
 * order unless `ids` gives stable ones. A photo item is an article with an empty `paragraphs` array and
 * one figure carrying caption and credit; an article may have figures of its own (photos printed inside
 * it). `assets` holds the images, keyed by {@link slotKey}; `printed` the page images and zones. Optional
 * fields are omitted rather than empty, and keys always come in the same order, so the same input gives
 * byte-identical JSON.
 */
export function buildIssue(parsed: ParsedIssue, assets: Record<string, FigureAsset> = {}, ids: IssueIds = {}, printed: PrintedLayout = {}): Issue {
  const id = ids.id ?? parsed.date
  const aid = (i: number) => ids.articleIds?.[i] ?? articleId(i)
  const articles: Article[] = parsed.items.map((it, i) => {
    const figures: Figure[] = itemFigures(it).map((fig, k) => {
      const asset = assets[slotKey({ item: i, n: k + 1 })]
      const f: Figure = {}
      if (asset) {
        f.src = asset.src
        f.width = asset.width
        f.height = asset.height
      }
      if (fig.caption) f.caption = fig.caption
      if (fig.credit) f.credit = { role: fig.credit.role, name: fig.credit.name }
      if (asset?.placeholder) f.placeholder = 1
      return f
    })
    const zones = printed.zones?.[i] ?? feedZones(it)
    return {
      id: aid(i),
      pageId: pageId(it.page),
      ...(it.kicker ? { kicker: it.kicker } : {}),
      title: it.title,
      ...(it.subtitle ? { subtitle: it.subtitle } : {}),
      ...(it.dateline ? { dateline: it.dateline } : {}),
      byline: it.byline.map((p) => ({ role: p.role, name: p.name })),
      paragraphs: [...it.paragraphs],
      figures,
      ...(zones && zones.length > 0 ? { zones } : {})
    }
  })
  return {
    version: 1,
    id,
    date: parsed.date,
    number: parsed.number,
    yearNumber: parsed.yearNumber,
    pages: parsed.pages.map((p, i) => {
      const image = printed.pageImages?.[i]
      return { id: pageId(i), name: p.name, articleIds: p.items.map(aid), ...(image ? { image } : {}) }
    }),
    articles
  }
}

/**
 * The index entry for an issue: `headline` is the lead story (first article of the first page), `cover`
 * the first figure with an image and its size (flagged `placeholder: 1` when generated).
 */
export function summarise(issue: Issue): IssueSummary {
  const byId = new Map(issue.articles.map((a) => [a.id, a]))
  const leadId = issue.pages.find((p) => p.articleIds.length > 0)?.articleIds[0]
  const lead = (leadId ? byId.get(leadId) : undefined) ?? issue.articles[0]
  const figure = issue.articles.flatMap((a) => a.figures).find((f) => f.src && f.width && f.height)
  const summary: IssueSummary = {
    id: issue.id,
    date: issue.date,
    number: issue.number,
    yearNumber: issue.yearNumber,
    pageCount: issue.pages.length,
    articleCount: issue.articles.length,
    headline: lead?.title ?? '',
    path: `issues/${issue.id}.json`
  }
  if (figure?.src && figure.width && figure.height) {
    // Listed before `path` so every summary reads in the same order.
    const cover = { src: figure.src, width: figure.width, height: figure.height, ...(figure.placeholder ? { placeholder: 1 as const } : {}) }
    const { path, ...rest } = summary
    return { ...rest, cover, path }
  }
  return summary
}

/** A paper description as given in `--paper` (anything extra is kept and published). */
export type PaperInput = Partial<Paper> & Record<string, unknown>

const PAPER_KEYS = ['id', 'name', 'publisher', 'hotline', 'slogan', 'site', 'lunarMonthStyle'] as const

/**
 * The id a paper gets when nobody chose one: `paper-` and the first 8 hex digits of the SHA-256 of its
 * printed name. Chinese names have no ASCII spelling to slug, and a transliteration would be a guess; a
 * hash is stable (the same name, the same id) and safe in paths. `--paper` can set another.
 */
export function derivedPaperId(name: string): string {
  return `paper-${crypto.createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 8)}`
}

/**
 * The paper for the index: the `--paper` file, else the existing index's paper, else what the masthead
 * says (name, publisher, hotline, slogan, site) with an id derived from the name ({@link derivedPaperId}).
 * Fields the chosen source does not set are filled from the masthead. A `--paper` with another id than
 * the folder's is refused, unless the folder's id was only derived from the masthead (then the editor's
 * choice wins, with a note). Returns an error message when no name can be had.
 */
export function resolvePaper(input: { file?: PaperInput, existing?: Paper, masthead: ParsedIssue['masthead'] }): { paper: Paper, note?: string } | { error: string } {
  const { file, existing, masthead } = input
  let note: string | undefined
  if (file && existing && file.id !== undefined && file.id !== existing.id) {
    if (existing.id !== derivedPaperId(existing.name)) return { error: `这个发布文件夹属于报纸“${existing.id}”，不是“${String(file.id)}”` }
    note = `报纸的标识由“${existing.id}”（取自报头）改为“${String(file.id)}”（--paper）`
  }
  const base: Record<string, unknown> = { ...(file ?? existing ?? {}) }
  if (base.id === undefined && existing) base.id = existing.id
  const fill: Record<string, string | undefined> = { name: masthead.paperName, publisher: masthead.publisher, hotline: masthead.hotline, slogan: masthead.slogan, site: masthead.site }
  for (const [k, v] of Object.entries(fill)) if (base[k] === undefined && v !== undefined) base[k] = v
  if (typeof base.name !== 'string' || base.name === '') return { error: '没有报名：报头上没有印报名（…报总第N期）；请在 --paper <paper.json> 中给出 "name"（和 "id"）' }
  if (base.id === undefined) {
    base.id = derivedPaperId(base.name)
    note = `新的发布文件夹：报纸信息取自报头（${[['name', '报名'], ['publisher', '主管主办'], ['hotline', '热线'], ['slogan', '口号'], ['site', '网址']].filter(([k]) => base[k] !== undefined).map(([, label]) => label).join('、')}），标识“${String(base.id)}”由报名生成；要用别的标识，请加 --paper <paper.json>`
  }
  if (typeof base.id !== 'string' || base.id === '') return { error: '--paper 中的 "id" 必须是非空的字符串' }
  const ordered: Record<string, unknown> = {}
  for (const k of PAPER_KEYS) if (base[k] !== undefined) ordered[k] = base[k]
  for (const [k, v] of Object.entries(base)) if (!(k in ordered)) ordered[k] = v
  return note ? { paper: ordered as Paper, note } : { paper: ordered as Paper }
}

/** JSON with object keys sorted: for comparing documents whatever order their keys were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    }
    return v
  })
}

/** The text a feed document is written as: 2-space JSON and a final newline. */
export function serialise(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n'
}

/** Reads a listed issue's file (the caller does the I/O and says what is wrong with it). */
export type ReadListedIssue = (summary: IssueSummary) => Issue

/**
 * The `latest` block for an index listing `issues`: derived from `built` when the build is the newest
 * issue; the existing block when it already described the same newest issue (publishing or removing an
 * older one does not touch it); otherwise derived from the newest issue's file, read through `read`.
 * Undefined when no issue is listed.
 */
export function latestFor(issues: IssueSummary[], existing: FeedIndex | undefined, built: Issue | undefined, read: ReadListedIssue): LatestIssue | undefined {
  const newest = issues[0]
  if (!newest) return undefined
  if (built && built.id === newest.id) return latestOf(built)
  // Only a block that was current in the existing index is trusted: one left behind by a producer that
  // moved `issues` on without it may name this issue and still describe an older version of it.
  if (existing?.issues[0]?.id === newest.id && existing.latest?.id === newest.id) return existing.latest
  return latestOf(read(newest))
}

/** `index` with `latest` right after `issues` (or without it), so every index reads in the same order. */
export function withLatest(index: FeedIndex, latest: LatestIssue | undefined): FeedIndex {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(index)) {
    if (k === 'latest') continue
    out[k] = v
    if (k === 'issues' && latest) out.latest = latest
  }
  return out as FeedIndex
}

/**
 * Inserts or replaces an issue's summary, newest first (by date, then number), and sets `latest` for the
 * issue now first ({@link latestFor}; `read` is called only when neither the build nor the existing block
 * gives it). When nothing but the timestamp would change, the existing index is returned as it is
 * (`changed: false`), so rebuilding the same source leaves index.json byte-identical; otherwise
 * `updatedAt` is `now`.
 */
export function mergeIndex(existing: FeedIndex | undefined, paper: Paper, issue: Issue, now: string, read: ReadListedIssue): { index: FeedIndex, changed: boolean } {
  const summary = summarise(issue)
  const issues = (existing?.issues ?? []).filter((s) => s.id !== summary.id)
  issues.push(summary)
  issues.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.number - a.number))
  const next = withLatest({ version: 1, paper, updatedAt: existing?.updatedAt ?? now, issues }, latestFor(issues, existing, issue, read))
  if (existing && canonicalJson(existing) === canonicalJson(next)) return { index: existing, changed: false }
  return { index: { ...next, updatedAt: now }, changed: true }
}
