// Recognition accuracy on the typeset test issues (scripts/typeset): each issue's page PDFs go through
// the real extract stage (pdf.js, CMaps) and the recogniser, and every field is compared with the
// issue's ground truth (truth.json, written by the typesetter from the text it set). Zones are compared
// by intersection over union, page by page.
import fs from 'node:fs'
import path from 'node:path'
import { extractSources } from '../../newsroom/extract/pdf-source'
import { iou, type Box } from '../../newsroom/recognise/geometry'
import { recogniseIssue, type PageZone, type RecognisedIssue, type RecognisedItem } from '../../newsroom/recognise/recognise-issue'

const root = path.resolve(__dirname, '../..')

interface TruthItem {
  kind: 'article' | 'photo'
  page: number
  kicker?: string
  title: string
  subtitle?: string
  dateline?: string
  byline: Array<{ role: string, name: string }>
  paragraphs: string[]
  figures: Array<{ caption?: string, credit?: { role: string, name: string } }>
  zones: PageZone[]
}

interface Truth {
  masthead: Record<string, string | number>
  pages: Array<{ name: string, items: number[] }>
  items: TruthItem[]
}

/** Every typeset issue with its ground truth: the sample, and the test issues. */
function issues(): Array<{ name: string, dir: string }> {
  const out = [{ name: 'sample/pdf', dir: path.join(root, 'sample/pdf') }]
  const more = path.join(root, 'test/fixtures/pdf')
  if (fs.existsSync(more)) {
    for (const d of fs.readdirSync(more).sort()) {
      if (fs.existsSync(path.join(more, d, 'truth.json'))) out.push({ name: `test/fixtures/pdf/${d}`, dir: path.join(more, d) })
    }
  }
  return out.filter((i) => fs.existsSync(path.join(i.dir, 'truth.json')))
}

/** The union box of an item's zones on one page (empty when it has none there). */
function boxOn(zones: PageZone[], page: number): Box {
  const z = zones.filter((q) => q.page === page)
  if (z.length === 0) return { x0: 0, y0: 0, x1: 0, y1: 0 }
  return { x0: Math.min(...z.map((q) => q.x)), y0: Math.min(...z.map((q) => q.y)), x1: Math.max(...z.map((q) => q.x + q.w)), y1: Math.max(...z.map((q) => q.y + q.h)) }
}

/** Mean IoU over the pages either side puts the item on. */
function zoneIou(got: PageZone[], want: PageZone[]): number {
  const pages = [...new Set([...got, ...want].map((z) => z.page))]
  return pages.reduce((n, p) => n + iou(boxOn(got, p), boxOn(want, p)), 0) / Math.max(1, pages.length)
}

/** The fields of a recognised item in the truth's form. */
function fields(it: RecognisedItem): Omit<TruthItem, 'zones'> {
  const f = it.figure
  return {
    kind: it.kind,
    page: it.page,
    ...(it.kicker ? { kicker: it.kicker } : {}),
    title: it.title,
    ...(it.subtitle ? { subtitle: it.subtitle } : {}),
    ...(it.dateline ? { dateline: it.dateline } : {}),
    byline: it.byline,
    paragraphs: it.paragraphs,
    figures: f ? [{ ...(f.caption ? { caption: f.caption } : {}), ...(f.credit ? { credit: f.credit } : {}) }] : []
  }
}

describe.each(issues())('$name', ({ dir }) => {
  const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth
  let got: RecognisedIssue
  let perPage = 0

  beforeAll(async () => {
    const started = Date.now()
    const source = await extractSources([dir])
    try {
      got = recogniseIssue(source.pages)
    } finally {
      await source.close()
    }
    perPage = (Date.now() - started) / source.pages.length
  }, 180_000)

  test('masthead and page names', () => {
    for (const [k, v] of Object.entries(truth.masthead)) expect([k, (got.masthead as unknown as Record<string, unknown>)[k]]).toEqual([k, v])
    expect(got.pages.map((p) => ({ name: p.name, items: p.items }))).toEqual(truth.pages.map((p) => ({ name: p.name, items: p.items })))
  })

  test('every item, every field exactly as set', () => {
    expect(got.items.map(fields)).toEqual(truth.items.map(({ zones: _z, ...rest }) => rest))
  })

  test('zones: each item at least 0.9 IoU with where it was set, on every page it runs on', () => {
    const scores = truth.items.map((t, i) => zoneIou(got.items[i]?.zones ?? [], t.zones))
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length
    // Printed for the record: the figures the report quotes.
    console.log(`${path.relative(root, dir)}: ${scores.length} items, mean zone IoU ${mean.toFixed(3)}, min ${Math.min(...scores).toFixed(3)}; extract + recognise ${(perPage / 1000).toFixed(2)} s/page`)
    for (const [i, s] of scores.entries()) expect([truth.items[i].title, s >= 0.9]).toEqual([truth.items[i].title, true])
  })
})
