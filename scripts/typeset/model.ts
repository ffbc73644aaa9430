/**
 * What the test-issue typesetter composes: an issue's text (items with every field the newsroom should
 * recover), its pages as trees of rectangular modules, and the ground truth written beside the PDFs.
 * Both producers (Chromium's print-to-PDF and the CID line placer) read the same description.
 */
import { formatLunarDate, lunarDate } from '../../src/core/calendar'
import type { Person } from '../../src/core/feed'

export type { Person }

/** A synthetic photo: drawn from a scene and a seed, so it is the same on every run. */
export interface PhotoSpec {
  scene: 'river' | 'city' | 'hall' | 'field' | 'school'
  seed: number
  /** Width over height. */
  aspect: number
}

export interface FigureSpec {
  photo: PhotoSpec
  caption?: string
  credit?: Person
}

/** An article or photo item, with the fields exactly as the newsroom should read them back. */
export interface ItemSpec {
  kind: 'article' | 'photo'
  kicker?: string
  title: string
  subtitle?: string
  dateline?: string
  byline: Person[]
  /** `bracket`: `本报讯（记者 X）` opening the first paragraph; `own-line`: `■本报记者 X` under the headline. */
  bylineStyle?: 'bracket' | 'own-line'
  paragraphs: string[]
  figures: FigureSpec[]
  /** An article printed in two parts: the first part ends inside paragraph `paragraph` after `offset` characters. */
  continued?: { paragraph: number, offset: number }
}

/** A 公益广告 box or a large slogan: furniture that never becomes an article. */
export interface AdSpec {
  label?: string
  slogan: string[]
  small?: string
}

/** How a module sits on the page: a row of children side by side, a stack of children, or a leaf. */
export type LayoutNode =
  | { row: Array<LayoutNode & { span: number }> }
  | { stack: LayoutNode[] }
  | { item: number, part?: 0 | 1, textCols: number, titleSize?: number, align?: 'left' | 'center' }
  | { ad: AdSpec }

export interface PageSpec {
  /** Printed 版 number, 1-based. */
  number: number
  name: string
  editors: string[]
  body: LayoutNode
}

export interface PaperSpec {
  name: string
  publisher?: string
  hotline?: string
  slogan?: string
  site?: string
}

export interface IssueSpec {
  /** Output folder, relative to the repository. */
  dir: string
  producer: 'chromium' | 'cid'
  /** `per-page`: 01.pdf, 02.pdf, …; otherwise one file with every page. */
  files: 'per-page' | string
  paper: PaperSpec
  date: string
  number: number
  yearNumber: number
  /** Page size in millimetres. */
  pageSize: { w: number, h: number }
  bodySize: number
  /** Print subtitles as `——副题` (the dash is not part of the subtitle). */
  subtitleDash?: boolean
  pages: PageSpec[]
  items: ItemSpec[]
  comment: string
}

/** A rectangle in fractions of its page (origin top-left), on a 0-based page of the issue. */
export interface Zone {
  page: number
  x: number
  y: number
  w: number
  h: number
}

/** Where each item part and ad ended up, as a producer measured it while drawing. */
export interface Placement {
  /** Zones of item `i` (0-based), one per page part. */
  items: Zone[][]
  ads: Zone[]
  /** File name and 1-based page within it for every page. */
  pageFiles: Array<{ file: string, pageInFile: number }>
  /** Page size in points. */
  pagePoints: { width: number, height: number }
}

const WEEKDAYS = '日一二三四五六'

export function weekday(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return '星期' + WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]
}

/** `2023年8月22日` */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** The masthead's date line: `2023年8月22日 星期二 农历癸卯年七月初七`. */
export function dateLine(date: string): string {
  return `${chineseDate(date)} ${weekday(date)} 农历${formatLunarDate(lunarDate(date))}`
}

/** `01版` */
export function pageLabel(n: number): string {
  return `${String(n).padStart(2, '0')}版`
}

/** How a byline prints inside the dateline's bracket: `记者 胡碧源 通讯员 王安冉`. */
export function bracketCredits(people: Person[]): string {
  const out: string[] = []
  let last: string | undefined
  for (const p of people) {
    if (p.role !== last) out.push(p.role)
    out.push(p.name)
    last = p.role
  }
  return out.join(' ')
}

/** An own-line byline: `■本报记者 张三 本报通讯员 李四`. */
export function ownLineCredits(people: Person[]): string {
  return '■' + bracketCredits(people.map((p) => ({ ...p, role: p.role === '记者' || p.role === '通讯员' ? '本报' + p.role : p.role })))
}

/** A photo credit: `■记者 杨国庆 摄`. */
export function photoCredit(p: Person): string {
  return `■${p.role} ${p.name} 摄`
}

/** The paragraphs of one part of an item (continued articles print in two parts). */
export function partParagraphs(item: ItemSpec, part: 0 | 1 | undefined): Array<{ text: string, indent: boolean }> {
  const all = item.paragraphs.map((text) => ({ text, indent: true }))
  if (!item.continued || part === undefined) return all
  const { paragraph, offset } = item.continued
  if (part === 0) {
    return [...all.slice(0, paragraph), { text: item.paragraphs[paragraph].slice(0, offset), indent: true }]
  }
  return [{ text: item.paragraphs[paragraph].slice(offset), indent: false }, ...all.slice(paragraph + 1)]
}

/** Pages (0-based) of the two parts of a continued item. */
export function partPages(issue: IssueSpec, itemIndex: number): number[] {
  const pages: number[] = []
  const visit = (node: LayoutNode, page: number): void => {
    if ('row' in node) node.row.forEach((n) => visit(n, page))
    else if ('stack' in node) node.stack.forEach((n) => visit(n, page))
    else if ('item' in node && node.item === itemIndex) pages[node.part ?? 0] = page
  }
  issue.pages.forEach((p, i) => visit(p.body, i))
  return pages
}

/** Every leaf in reading order of the tree. */
export function leaves(node: LayoutNode): LayoutNode[] {
  if ('row' in node) return node.row.flatMap(leaves)
  if ('stack' in node) return node.stack.flatMap(leaves)
  return [node]
}

/** The ground truth written beside the PDFs; the format is described in scripts/typeset/README.md. */
export function truthOf(issue: IssueSpec, placed: Placement): unknown {
  const round = (z: Zone): Zone => ({ page: z.page, x: r4(z.x), y: r4(z.y), w: r4(z.w), h: r4(z.h) })
  return {
    $comment: `Generated by scripts/typeset (npm run typeset): ${issue.comment}`,
    producer: issue.producer,
    masthead: {
      paperName: issue.paper.name,
      ...(issue.paper.publisher ? { publisher: issue.paper.publisher } : {}),
      ...(issue.paper.hotline ? { hotline: issue.paper.hotline } : {}),
      ...(issue.paper.slogan ? { slogan: issue.paper.slogan } : {}),
      ...(issue.paper.site ? { site: issue.paper.site } : {}),
      date: issue.date,
      number: issue.number,
      yearNumber: issue.yearNumber
    },
    pageSize: placed.pagePoints,
    pages: issue.pages.map((p, i) => ({
      name: `${pageLabel(p.number)} ${p.name}`,
      file: placed.pageFiles[i].file,
      pageInFile: placed.pageFiles[i].pageInFile,
      items: issue.items.map((_, k) => k).filter((k) => partPages(issue, k)[0] === i)
    })),
    items: issue.items.map((it, k) => ({
      kind: it.kind,
      page: partPages(issue, k)[0],
      ...(it.kicker ? { kicker: it.kicker } : {}),
      title: it.title,
      ...(it.subtitle ? { subtitle: it.subtitle } : {}),
      ...(it.dateline ? { dateline: it.dateline } : {}),
      byline: it.byline,
      paragraphs: it.paragraphs,
      figures: it.figures.map((f) => ({ ...(f.caption ? { caption: f.caption } : {}), ...(f.credit ? { credit: f.credit } : {}) })),
      zones: placed.items[k].map(round)
    })),
    ads: placed.ads.map(round)
  }
}

function r4(n: number): number {
  return Math.round(n * 10000) / 10000
}
