// `feed build` from page PDFs through the command itself: the sample's two 版 into a feed folder with
// page images, zones and the printed photo; refusals of bad PDFs with the file and page named and the
// folder left as it was.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { validateIssue, type Issue } from '@/core/feed'
import { imageSize } from '../../newsroom/image-size'
import { makeEncrypted, makeNotPdf, makeScan, makeTruncatedStream } from '../fixtures/extract/make-pdfs'
import { runFeed, snapshot, tmpDirEachTest } from '../support/feed-command'

const root = path.resolve(__dirname, '../..')
const SAMPLE_PDF = path.join(root, 'sample/pdf')
const SAMPLE_TXT = path.join(root, 'sample/issue-763.txt')
const PAPER = path.join(root, 'sample/paper.json')

const tmp = tmpDirEachTest('newsroom-pdf-')

const run = (args: string[]) => runFeed(args)

test('the sample\'s page PDFs build a valid feed: page images and phone renditions within budget, zones on their pages, the printed photo; a rebuild changes nothing', async () => {
  const feed = path.join(tmp(), 'feed')
  const r = await run(['build', SAMPLE_PDF, '--out', feed, '--paper', PAPER])
  expect(r.err).toBe('')
  expect(r.code).toBe(0)
  expect(r.out).toMatch(/^2023-08-22 总第763期，2个版，9篇稿件，发布到/)
  const issue = JSON.parse(fs.readFileSync(path.join(feed, 'issues/2023-08-22.json'), 'utf8')) as Issue
  expect(validateIssue(issue).ok).toBe(true)
  expect(issue.pages.map((p) => p.name)).toEqual(['01版 要闻', '02版 综合'])
  for (const p of issue.pages) {
    const image = p.image as NonNullable<typeof p.image>
    const full = fs.readFileSync(path.join(feed, image.src))
    const thumb = fs.readFileSync(path.join(feed, image.thumb?.src ?? ''))
    expect(imageSize(full)).toMatchObject({ width: image.width, height: image.height })
    expect(image.width).toBeGreaterThanOrEqual(1500)
    expect(full.length).toBeLessThanOrEqual(400 * 1024)
    expect(thumb.length).toBeLessThanOrEqual(250 * 1024)
    expect(imageSize(thumb)).toMatchObject({ width: image.thumb?.width, height: image.thumb?.height })
  }
  for (const a of issue.articles) {
    expect(a.zones?.length).toBeGreaterThan(0)
    for (const z of a.zones ?? []) {
      expect(z.pageId).toBe(a.pageId)
      expect(z.x + z.w).toBeLessThanOrEqual(1)
      expect(z.y + z.h).toBeLessThanOrEqual(1)
      expect(z.w * z.h).toBeGreaterThan(0.01)
    }
  }
  const photo = issue.articles.find((a) => a.title === '生态融合 精致城市')
  expect(photo?.figures).toHaveLength(1)
  const f = photo?.figures[0]
  expect(f?.placeholder).toBeUndefined()
  expect(imageSize(fs.readFileSync(path.join(feed, f?.src ?? '')))).toMatchObject({ width: f?.width, height: f?.height })
  expect((await run(['check', feed])).code).toBe(0)

  const before = snapshot(feed)
  const again = await run(['build', SAMPLE_PDF, '--out', feed, '--paper', PAPER])
  expect(again.code).toBe(0)
  expect(again.out).toContain('。没有变化')
  expect(snapshot(feed)).toEqual(before)
}, 180_000)

test('the PDF build gives the sample the same articles as its text: ids, headlines, credits, paragraphs', async () => {
  const fromPdf = path.join(tmp(), 'pdf')
  const fromTxt = path.join(tmp(), 'txt')
  expect((await run(['build', SAMPLE_PDF, '--out', fromPdf, '--paper', PAPER])).code).toBe(0)
  expect((await run(['build', SAMPLE_TXT, '--out', fromTxt, '--paper', PAPER])).code).toBe(0)
  const read = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'issues/2023-08-22.json'), 'utf8')) as Issue
  const text = (i: Issue) => i.articles.map(({ id, pageId, kicker, title, subtitle, dateline, byline }) => ({ id, pageId, kicker, title, subtitle, dateline, byline }))
  expect(text(read(fromPdf))).toEqual(text(read(fromTxt)))
  expect(read(fromPdf).pages.map((p) => p.articleIds)).toEqual(read(fromTxt).pages.map((p) => p.articleIds))
  expect(read(fromPdf).articles.map((a) => a.paragraphs)).toEqual(read(fromTxt).articles.map((a) => a.paragraphs))
}, 180_000)

describe('bad PDFs: a clear error naming file (and page), exit 1, the feed folder untouched', () => {
  let feed: string
  let before: Record<string, string>
  beforeEach(async () => {
    feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE_TXT, '--out', feed, '--paper', PAPER])).code).toBe(0)
    before = snapshot(feed)
  })

  const cases: Array<[string, () => Promise<Uint8Array> | Uint8Array, RegExp]> = [
    ['encrypted', makeEncrypted, /encrypted\.pdf：该PDF已加密/],
    ['damaged', makeTruncatedStream, /damaged\.pdf.*(已损坏|无法读取|没有任何文字)/],
    ['not a PDF', makeNotPdf, /not-a-pdf\.pdf：文件已损坏或不是PDF/],
    ['empty', () => new Uint8Array(0), /empty\.pdf：文件是空的/],
    ['image only (a scan)', makeScan, /image-only\.pdf 第2页：.*需要先做文字识别（OCR）/]
  ]
  test.each(cases)('%s', async (what, make, message) => {
    const name = { encrypted: 'encrypted', damaged: 'damaged', 'not a PDF': 'not-a-pdf', empty: 'empty', 'image only (a scan)': 'image-only' }[what] as string
    // The bad file sits in a folder after a good page, as a broken 版 would.
    const issue = path.join(tmp(), 'issue')
    fs.mkdirSync(issue)
    fs.copyFileSync(path.join(SAMPLE_PDF, '01.pdf'), path.join(issue, '01.pdf'))
    fs.writeFileSync(path.join(issue, `02-${name}.pdf`), await make())
    const r = await run(['build', issue, '--out', feed])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^错误：/)
    expect(r.err).toMatch(message)
    expect(r.err).toContain(path.join(issue, `02-${name}.pdf`))
    expect(snapshot(feed)).toEqual(before)
  }, 120_000)

  test('a .txt mixed with PDFs is a usage error', async () => {
    const r = await run(['build', SAMPLE_TXT, SAMPLE_PDF, '--out', feed])
    expect(r.code).toBe(2)
    expect(r.err).toContain('build takes either one .txt or page PDFs, not both')
    expect(snapshot(feed)).toEqual(before)
  })

  test('as a child process the exit code is 1 and nothing is created', () => {
    const bad = path.join(tmp(), 'scan.pdf')
    fs.writeFileSync(bad, makeEncrypted())
    const tsx = path.join(root, 'node_modules/.bin/tsx')
    const r = spawnSync(tsx, [path.join(root, 'newsroom/cli.ts'), 'build', bad, '--out', path.join(tmp(), 'new-feed')], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(`${bad}：该PDF已加密`)
    expect(fs.existsSync(path.join(tmp(), 'new-feed'))).toBe(false)
  }, 60_000)
})
