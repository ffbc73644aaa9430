/**
 * A published feed issue turned back into the issue the editor edits, so that correcting a published
 * issue goes through the same review page and the same publish as a new upload. Pure.
 *
 * The conversion is the inverse of the publisher's buildIssue: building the result again gives the
 * same pages, articles (in order), texts, figures and zones, so the publisher matches every article
 * to its published id. Source lines do not exist for a published issue; items get synthetic,
 * increasing ones (item i starts at line 1000·(i+1)), which keeps notes and edits working.
 */
import type { Figure, Issue, Paper } from '../../../src/core/feed/feed-v1'
import type { PageZone, ParsedFigure } from '../../parse-issue'
import type { EditableIssue, EditableItem } from './api'

/** What {@link editableFromFeed} gives: the issue, and for each item the published image of each figure. */
export interface FromFeed {
  issue: EditableIssue
  /**
   * Per item, per figure (in itemFigures order): the published photo's path in the feed, or null for a
   * figure without one or with a generated placeholder (the publisher keeps those as they are).
   */
  figureSources: Array<Array<string | null>>
}

const LINES_PER_ITEM = 1000

function parsedFigure(f: Figure, line: number): ParsedFigure {
  return { line, ...(f.caption ? { caption: f.caption } : {}), ...(f.credit ? { credit: { role: f.credit.role, name: f.credit.name } } : {}) }
}

/**
 * The editable form of `issue`. `paper` (the feed's) gives the masthead's name, which the publisher
 * reads only for a folder without a paper. A photo item (no paragraphs, a figure) keeps its first
 * figure as `figure`; every other figure is in `figures`.
 */
export function editableFromFeed(issue: Issue, paper?: Pick<Paper, 'name'>): FromFeed {
  const pageIndex = new Map(issue.pages.map((p, i) => [p.id, i]))
  const articleIndex = new Map(issue.articles.map((a, i) => [a.id, i]))
  const figureSources: FromFeed['figureSources'] = []
  const items: EditableItem[] = issue.articles.map((a, i) => {
    const line = (i + 1) * LINES_PER_ITEM
    const isPhoto = a.paragraphs.length === 0 && a.figures.length > 0
    const figs = a.figures.map((f, k) => parsedFigure(f, line + a.paragraphs.length + 1 + k))
    figureSources.push(a.figures.map((f) => (f.src && !f.placeholder ? f.src : null)))
    const zones: PageZone[] | undefined = a.zones
      ?.filter((z) => pageIndex.has(z.pageId))
      .map((z) => ({ page: pageIndex.get(z.pageId) as number, x: z.x, y: z.y, w: z.w, h: z.h }))
    const item: EditableItem = {
      kind: isPhoto ? 'photo' : 'article',
      line,
      titleLine: line,
      ...(a.kicker ? { kicker: a.kicker } : {}),
      title: a.title,
      ...(a.subtitle ? { subtitle: a.subtitle } : {}),
      ...(a.dateline ? { dateline: a.dateline } : {}),
      byline: a.byline.map((p) => ({ role: p.role, name: p.name })),
      paragraphs: [...a.paragraphs],
      paragraphLines: a.paragraphs.map((_p, k) => line + 1 + k),
      ...(isPhoto ? { figure: figs[0] } : {}),
      ...((isPhoto ? figs.slice(1) : figs).length > 0 ? { figures: isPhoto ? figs.slice(1) : figs } : {}),
      page: pageIndex.get(a.pageId) ?? 0,
      ...(zones && zones.length > 0 ? { zones } : {})
    }
    return item
  })
  return {
    issue: {
      date: issue.date,
      number: issue.number,
      yearNumber: issue.yearNumber,
      masthead: { date: issue.date, number: issue.number, yearNumber: issue.yearNumber, ...(paper?.name ? { paperName: paper.name } : {}), lines: [] },
      pages: issue.pages.map((p, i) => ({
        name: p.name,
        line: items.find((it) => it.page === i)?.line ?? 0,
        items: p.articleIds.map((id) => articleIndex.get(id)).filter((n): n is number => n !== undefined)
      })),
      items,
      warnings: [],
      leftOut: []
    },
    figureSources
  }
}
