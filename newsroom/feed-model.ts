/**
 * Turns a parsed issue into feed v1 documents and merges it into an index. Pure: no I/O; the caller reads
 * and writes files.
 */
import type { Article, FeedIndex, Figure, Issue, IssueSummary, PageImage, Paper, Zone } from '../src/core/feed'
import type { ParsedIssue, ParsedItem } from './parse-issue'

/** Where a photo figure's image lives in the feed, once copied or generated. */
export interface FigureAsset {
  src: string
  width: number
  height: number
  placeholder?: boolean
}

/** One photo figure waiting for an image, in order of appearance. */
export interface FigureSlot {
  articleId: string
  /** 1-based number of the figure within its article. */
  n: number
}

/** Key of a figure in the asset map: `a5-1`. */
export function slotKey(slot: FigureSlot): string {
  return `${slot.articleId}-${slot.n}`
}

/** Article ids `a1` … `aN`, numbered in order of appearance across the issue. */
export function articleId(index: number): string {
  return `a${index + 1}`
}

/** The photo figures of an issue in order of appearance: where `--images` files go, one each. */
export function figureSlots(parsed: ParsedIssue): FigureSlot[] {
  return parsed.items.flatMap((it, i) => (it.figure ? [{ articleId: articleId(i), n: 1 }] : []))
}

/** The image path inside the feed: `images/<issue-id>/<article-id>-<n>.<ext>`. */
export function imagePath(issueId: string, slot: FigureSlot, ext: string): string {
  return `images/${issueId}/${slotKey(slot)}.${ext}`
}

/** An item's printed area on one page (fractions of the page, origin top-left), as the PDF path recognises it. */
interface ItemZone {
  page: number
  x: number
  y: number
  w: number
  h: number
}

/** Zones in feed form: page ids, four decimals (a tenth of a pixel on a 1500 px image), kept inside the page. */
export function feedZones(item: ParsedItem & { zones?: ItemZone[] }): Zone[] | undefined {
  if (!item.zones || item.zones.length === 0) return undefined
  const r = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000
  return item.zones.map((z) => {
    const x = r(z.x)
    const y = r(z.y)
    return { pageId: `p${z.page + 1}`, x, y, w: Math.min(r(z.w), r(1 - x)), h: Math.min(r(z.h), r(1 - y)) }
  })
}

/**
 * The issue document. Its id is the date; pages are `p1`…; each photo item is an article with an empty
 * `paragraphs` array and one figure carrying caption and credit (and the image, when `assets` has one).
 * Optional fields are omitted rather than empty, and keys always come in the same order, so the same
 * input gives byte-identical JSON.
 */
export function buildIssue(parsed: ParsedIssue, assets: Record<string, FigureAsset> = {}, pageImages: Array<PageImage | undefined> = []): Issue {
  const id = parsed.date
  const articles: Article[] = parsed.items.map((it, i) => {
    const aid = articleId(i)
    const figures: Figure[] = []
    if (it.figure) {
      const asset = assets[slotKey({ articleId: aid, n: 1 })]
      const f: Figure = {}
      if (asset) {
        f.src = asset.src
        f.width = asset.width
        f.height = asset.height
      }
      if (it.figure.caption) f.caption = it.figure.caption
      if (it.figure.credit) f.credit = { role: it.figure.credit.role, name: it.figure.credit.name }
      if (asset?.placeholder) f.placeholder = 1
      figures.push(f)
    }
    const zones = feedZones(it)
    return {
      id: aid,
      pageId: `p${it.page + 1}`,
      ...(it.kicker ? { kicker: it.kicker } : {}),
      title: it.title,
      ...(it.subtitle ? { subtitle: it.subtitle } : {}),
      ...(it.dateline ? { dateline: it.dateline } : {}),
      byline: it.byline.map((p) => ({ role: p.role, name: p.name })),
      paragraphs: [...it.paragraphs],
      figures,
      ...(zones ? { zones } : {})
    }
  })
  return {
    version: 1,
    id,
    date: parsed.date,
    number: parsed.number,
    yearNumber: parsed.yearNumber,
    pages: parsed.pages.map((p, i) => {
      const image = pageImages[i]
      return { id: `p${i + 1}`, name: p.name, articleIds: p.items.map(articleId), ...(image ? { image } : {}) }
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
 * The paper for the index: the `--paper` file, else the existing index's paper, else only what the
 * masthead says. Fields the chosen source does not set are filled from the masthead (publisher, hotline,
 * slogan, site, and the name). Returns an error message when no id can be had or the ids disagree.
 */
export function resolvePaper(input: { file?: PaperInput, existing?: Paper, masthead: ParsedIssue['masthead'] }): { paper: Paper } | { error: string } {
  const { file, existing, masthead } = input
  if (file && existing && file.id !== undefined && file.id !== existing.id) {
    return { error: `the feed folder belongs to paper "${existing.id}", not "${String(file.id)}"` }
  }
  const base: Record<string, unknown> = { ...(file ?? existing ?? {}) }
  if (base.id === undefined && existing) base.id = existing.id
  if (typeof base.id !== 'string' || base.id === '') return { error: 'no paper id: pass --paper <paper.json> with an "id" (an existing index.json also provides it)' }
  const fill: Record<string, string | undefined> = { name: masthead.paperName, publisher: masthead.publisher, hotline: masthead.hotline, slogan: masthead.slogan, site: masthead.site }
  for (const [k, v] of Object.entries(fill)) if (base[k] === undefined && v !== undefined) base[k] = v
  if (typeof base.name !== 'string' || base.name === '') return { error: 'no paper name: the masthead does not print one (…报总第N期); give "name" in --paper' }
  const ordered: Record<string, unknown> = {}
  for (const k of PAPER_KEYS) if (base[k] !== undefined) ordered[k] = base[k]
  for (const [k, v] of Object.entries(base)) if (!(k in ordered)) ordered[k] = v
  return { paper: ordered as Paper }
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

/**
 * Inserts or replaces an issue's summary, newest first (by date, then number). When nothing but the
 * timestamp would change, the existing index is returned as it is (`changed: false`), so rebuilding the
 * same source leaves index.json byte-identical; otherwise `updatedAt` is `now`.
 */
export function mergeIndex(existing: FeedIndex | undefined, paper: Paper, summary: IssueSummary, now: string): { index: FeedIndex, changed: boolean } {
  const issues = (existing?.issues ?? []).filter((s) => s.id !== summary.id)
  issues.push(summary)
  issues.sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.number - a.number))
  const next: FeedIndex = { version: 1, paper, updatedAt: existing?.updatedAt ?? now, issues }
  if (existing && canonicalJson(existing) === canonicalJson(next)) return { index: existing, changed: false }
  return { index: { ...next, updatedAt: now }, changed: true }
}

/** Other issues in the index that carry the same 总第N期 as `summary` (a sign of a wrong date or number). */
export function numberClashes(index: FeedIndex, summary: IssueSummary): IssueSummary[] {
  return index.issues.filter((s) => s.id !== summary.id && s.number === summary.number)
}
