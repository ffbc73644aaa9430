/**
 * Feed format v1: the contract between the newsroom's feed command and the reader app.
 * Written once here; `docs/feed-v1.schema.json` is generated from it and `docs/feed-format.md`
 * describes it. Extra fields may be added by producers; readers ignore what they do not know.
 */
import { array, integer, literal, number, object, optional, string, type Infer } from './schema-dsl'

export const FEED_VERSION = 1

/** Ids appear in file names and share links, so they are kept to a URL- and path-safe alphabet. */
// One definition, also inside the index's `issues/<id>.json` paths.
const ID_CHARS = '[A-Za-z0-9][A-Za-z0-9_-]{0,63}'
/** A valid feed id (issue, page, article): what share links and file names may carry. */
export const FEED_ID = new RegExp(`^${ID_CHARS}$`)
const ID = FEED_ID
const DATE = /^\d{4}-\d{2}-\d{2}$/
/** Relative to the feed's base URL (no scheme, no `..`, no leading `/`), or absolute https. */
const ASSET = /^(?:https:\/\/[^\s"'<>]+|(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\s"'<>?#\\]+)$/

const id = (description: string) => string({ maxLength: 64, pattern: ID, patternName: 'an id (letters, digits, _ and -)', description })
const date = () => string({ maxLength: 10, pattern: DATE, patternName: 'a date YYYY-MM-DD', description: 'Issue date, YYYY-MM-DD, Beijing time.' })
const text = (maxLength: number, description?: string) => string({ maxLength, description })
const asset = (description: string) => string({ maxLength: 512, pattern: ASSET, patternName: 'a relative path or an https URL', description })

export const personSchema = object({
  role: text(16, 'Normalised role: 记者, 通讯员, 实习生, 摄影 …'),
  name: text(32)
})

export const figureSchema = object({
  src: optional(asset('Image file, relative to the feed base URL or absolute https.')),
  width: optional(integer(1, 20000)),
  height: optional(integer(1, 20000)),
  caption: optional(text(2000)),
  credit: optional(personSchema),
  placeholder: optional(literal(1 as const, 'Set when the image is a generated stand-in, not a photograph.'))
})

const fraction = (description: string) => number(0, 1, description)

/** Where an article is printed: a rectangle in fractions of its page image, origin top-left. */
export const zoneSchema = object({
  pageId: id('The page (版面) whose image the zone is on.'),
  x: fraction('Left edge, as a fraction of the page image width.'),
  y: fraction('Top edge, as a fraction of the page image height.'),
  w: fraction('Width, as a fraction of the page image width; x + w ≤ 1.'),
  h: fraction('Height, as a fraction of the page image height; y + h ≤ 1.')
})

const imageFile = (description: string) => ({
  src: asset(description),
  width: integer(1, 20000),
  height: integer(1, 20000)
})

/** The printed page as an image (版面图), with an optional smaller rendition for phones to show first. */
export const pageImageSchema = object({
  ...imageFile('The page image, relative to the feed base URL or absolute https.'),
  thumb: optional(object(imageFile('A smaller rendition of the same image (same aspect ratio).')))
})

export const articleSchema = object({
  id: id('Unique within the issue; appears in share links.'),
  pageId: id('The page (版面) the article is printed on.'),
  kicker: optional(text(200, '引题: the line above the title.')),
  title: text(200),
  subtitle: optional(text(200, '副题: the line below the title.')),
  dateline: optional(text(60, 'e.g. 本报济宁讯')),
  byline: array(personSchema, 20),
  paragraphs: array(text(20000), 1000),
  figures: array(figureSchema, 50),
  zones: optional(array(zoneSchema, 64, { description: 'Where the article is printed, on every page it runs on (for the page view).' }))
})

export const pageSchema = object({
  id: id('Unique within the issue.'),
  name: text(40, 'As printed, e.g. 01版 要闻.'),
  articleIds: array(id('An article of this issue.'), 200),
  image: optional(pageImageSchema)
})

export const issueSchema = object({
  version: literal(FEED_VERSION),
  id: id('Unique within the paper; the file is issues/<id>.json.'),
  date: date(),
  number: integer(1, 1_000_000, '总第N期'),
  yearNumber: integer(1, 1000, 'YYYY年第N期'),
  pages: array(pageSchema, 64, { minItems: 1 }),
  articles: array(articleSchema, 500)
}, 'One issue: its pages (版面) and articles.')

export const paperSchema = object({
  id: id('The paper.'),
  name: text(40),
  publisher: optional(text(120)),
  hotline: optional(text(40)),
  slogan: optional(text(80)),
  site: optional(string({ maxLength: 200, pattern: /^https?:\/\/\S+$/, patternName: 'an http(s) URL' })),
  lunarMonthStyle: optional(string({ maxLength: 8, pattern: /^(standard|traditional)$/, patternName: '"standard" or "traditional"', description: 'Eleventh and twelfth lunar months as 十一月/十二月 (standard) or 冬月/腊月 (traditional).' }))
})

export const issueSummarySchema = object({
  id: id('Matches the issue file.'),
  date: date(),
  number: integer(1, 1_000_000),
  yearNumber: integer(1, 1000),
  pageCount: integer(1, 64),
  articleCount: integer(0, 500),
  headline: text(200),
  cover: optional(object({
    src: asset('Cover image.'),
    width: integer(1, 20000),
    height: integer(1, 20000),
    placeholder: optional(literal(1 as const, 'Set when the cover is a generated stand-in, not a photograph.'))
  })),
  path: string({ maxLength: 200, pattern: new RegExp(`^issues/${ID_CHARS}\\.json$`), patternName: 'issues/<id>.json' })
})

/**
 * The newest issue's first screen, copied into the index so that a reader's first list needs the index
 * alone: every 版's name for the tabs, and the first 版's articles in printed order. Derived from the
 * issue file (newsroom/publish writes both in one commit); a reader uses it only while it names
 * issues[0], and takes everything else from the issue itself.
 */
export const latestSchema = object({
  id: id('The newest issue: the same as issues[0].id.'),
  pages: array(object({
    id: id('A page (版面) of the issue, in its order.'),
    name: text(40, 'As printed, e.g. 01版 要闻.')
  }), 64, { minItems: 1 }),
  articles: array(object({
    id: id('An article of the first page.'),
    kicker: optional(text(200)),
    title: text(200),
    subtitle: optional(text(200)),
    // The first person of its byline, as a list shows it; else its first photo's credit.
    credit: optional(personSchema),
    photoCredit: optional(personSchema),
    thumb: optional(asset('Its first photo that has a file: the thumbnail a list shows.'))
  }), 200, { description: "The first page's articles, in its printed order, with what a list shows of each." })
})

export const indexSchema = object({
  version: literal(FEED_VERSION),
  paper: paperSchema,
  updatedAt: string({ maxLength: 40, pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/, patternName: 'an ISO 8601 timestamp', description: 'When the index was last written.' }),
  issues: array(issueSummarySchema, 5000, { description: 'Newest first.' }),
  latest: optional(latestSchema)
}, 'The feed index: the paper and its issues, newest first.')

export type Person = Infer<typeof personSchema>
export type Figure = Infer<typeof figureSchema>
export type Article = Infer<typeof articleSchema>
export type Page = Infer<typeof pageSchema>
export type Zone = Infer<typeof zoneSchema>
export type PageImage = Infer<typeof pageImageSchema>
export type Issue = Infer<typeof issueSchema>
export type Paper = Infer<typeof paperSchema>
export type IssueSummary = Infer<typeof issueSummarySchema>
export type LatestIssue = Infer<typeof latestSchema>
export type FeedIndex = Infer<typeof indexSchema>
