// Page PDFs go through the same publishing stage as the text: photos and page images named by stable id
// (or page id) and content hash, zones carried with the stable ids, --dry-run, --report, --beside and
// --replace; a correction from the text keeps the printed pages; the publisher refuses page images it
// cannot read.
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import type { FeedIndex, Issue } from '@/core/feed'
import { imageSize } from '../../newsroom/image-size'
import { parseIssue } from '../../newsroom/parse-issue'
import { publishIssue } from '../../newsroom/publish'
import { runFeed, listFiles as files, tmpDirEachTest } from '../support/feed-command'

const root = path.resolve(__dirname, '../..')
const SAMPLE_PDF = path.join(root, 'sample/pdf')
const SAMPLE_TXT = path.join(root, 'sample/issue-763.txt')
const PAPER = path.join(root, 'sample/paper.json')

const tmp = tmpDirEachTest('newsroom-publish-pdf-')

const run = (args: string[]) => runFeed(args)

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T
const issueFile = (feed: string, id: string) => readJson<Issue>(path.join(feed, `issues/${id}.json`))

test('a PDF build is published like the text: photo and page images named by id and hash, zones with the stable ids, check passes', async () => {
  const feed = path.join(tmp(), 'feed')
  const r = await run(['build', SAMPLE_PDF, '--out', feed, '--paper', PAPER])
  expect(r.err).toBe('')
  expect(r.code).toBe(0)
  expect(r.out).toMatch(/；2个版用时[\d.]+秒（读取[\d.]+秒，识别[\d.]+秒，图片和版面图[\d.]+秒）\n$/)
  const issue = issueFile(feed, '2023-08-22')
  expect(issue.pages.map((p) => [p.image?.src, p.image?.thumb?.src])).toEqual([
    [expect.stringMatching(/^images\/2023-08-22\/page-p1-[0-9a-f]{12}\.jpg$/), expect.stringMatching(/^images\/2023-08-22\/page-p1-thumb-[0-9a-f]{12}\.jpg$/)],
    [expect.stringMatching(/^images\/2023-08-22\/page-p2-[0-9a-f]{12}\.jpg$/), expect.stringMatching(/^images\/2023-08-22\/page-p2-thumb-[0-9a-f]{12}\.jpg$/)]
  ])
  const photo = issue.articles.find((a) => a.figures.some((f) => f.src))
  expect(photo?.figures[0].src).toMatch(new RegExp(`^images/2023-08-22/${photo?.id}-1-[0-9a-f]{12}\\.jpg$`))
  // Every file written is one the issue refers to, and the id record is kept beside the feed.
  const referred = [...issue.pages.flatMap((p) => [p.image?.src, p.image?.thumb?.src]), ...issue.articles.flatMap((a) => a.figures.map((f) => f.src))].filter(Boolean)
  expect(files(feed)).toEqual(['.newsroom/article-ids.json', 'index.json', 'issues/2023-08-22.json', ...referred as string[]].sort())
  expect(readJson<FeedIndex>(path.join(feed, 'index.json')).issues[0].cover?.src).toBe(photo?.figures[0].src)
  expect(issue.articles.every((a) => (a.zones?.length ?? 0) > 0)).toBe(true)
  expect((await run(['check', feed])).code).toBe(0)
}, 180_000)

test('--dry-run and --report on PDFs: the report names page images and zones; a dry run writes nothing', async () => {
  const feed = path.join(tmp(), 'feed')
  const dry = await run(['build', SAMPLE_PDF, '--out', feed, '--paper', PAPER, '--dry-run'])
  expect(dry.code).toBe(0)
  expect(dry.out).toMatch(/p1 01版 要闻：a1 .* · 版面图 images\/2023-08-22\/page-p1-[0-9a-f]{12}\.jpg \d+×\d+，手机版 \d+×\d+/)
  expect(dry.out).toMatch(/a1 \[p1\] .*（印在1个区域：p1）/)
  expect(dry.out).toMatch(/将写入：.*images\/2023-08-22\/page-p2-thumb-[0-9a-f]{12}\.jpg/)
  expect(dry.out).toContain('。试运行，没有写入')
  expect(fs.existsSync(feed)).toBe(false)

  const built = await run(['build', SAMPLE_PDF, '--out', feed, '--paper', PAPER, '--report'])
  expect(built.code).toBe(0)
  // What the dry run said it would write is what the build wrote.
  const wouldWrite = /将写入：(.*)\n/.exec(dry.out)?.[1].split('、')
  const wrote = /发布到.*?。写入：(.*?)(?:；|（|\n)/.exec(built.out)?.[1].split('、')
  expect(wrote).toEqual(wouldWrite)
}, 180_000)

test('a correction from the text keeps the printed pages: page images and zones stay, ids stay, nothing is deleted', async () => {
  const feed = path.join(tmp(), 'feed')
  expect((await run(['build', SAMPLE_PDF, '--out', feed, '--paper', PAPER])).code).toBe(0)
  const before = issueFile(feed, '2023-08-22')
  const beforeFiles = files(feed)
  const corrected = path.join(tmp(), 'corrected.txt')
  fs.writeFileSync(corrected, fs.readFileSync(SAMPLE_TXT, 'utf8').replace('以党建引领网格化服务管理', '以党建引领网格化服务管理（更正）'))
  const r = await run(['build', corrected, '--out', feed, '--paper', PAPER])
  expect(r.code).toBe(0)
  expect(r.err).toContain('提示：保留了已发布的版面图：p1 p2')
  expect(r.err).toContain('提示：保留了9篇文章已发布的版面热区')
  expect(r.err).toMatch(/提示：保留了已发布的图片：a\d+-1/)
  const after = issueFile(feed, '2023-08-22')
  expect(after.articles[0].title).toContain('（更正）')
  expect(after.articles.map((a) => a.id)).toEqual(before.articles.map((a) => a.id))
  expect(after.pages.map((p) => p.image)).toEqual(before.pages.map((p) => p.image))
  expect(after.articles.map((a) => a.zones)).toEqual(before.articles.map((a) => a.zones))
  expect(files(feed)).toEqual(beforeFiles)
  expect((await run(['check', feed])).code).toBe(0)
}, 180_000)

test('a PDF build of a date already published is refused; --beside publishes it beside with its own page images, --replace corrects the published one', async () => {
  const feed = path.join(tmp(), 'feed')
  const other = path.join(tmp(), 'other.txt')
  // Another issue of the same date (a different 总第N期) is published first, from text.
  fs.writeFileSync(other, fs.readFileSync(SAMPLE_TXT, 'utf8').replace(/总第763期/g, '总第764期'))
  expect((await run(['build', other, '--out', feed, '--paper', PAPER])).code).toBe(0)
  const misprinted = path.join(tmp(), 'misprinted')
  fs.cpSync(feed, misprinted, { recursive: true })
  const refused = await run(['build', SAMPLE_PDF, '--out', feed, '--paper', PAPER])
  expect(refused.code).toBe(1)
  expect(refused.err).toMatch(/^错误：.*2023-08-22/m)
  expect(files(feed).filter((f) => f.includes('page-'))).toEqual([])

  const beside = await run(['build', SAMPLE_PDF, '--out', feed, '--paper', PAPER, '--beside'])
  expect(beside.err).toBe('')
  expect(beside.code).toBe(0)
  const issue = issueFile(feed, '2023-08-22-2')
  expect(issue.pages[0].image?.src).toMatch(/^images\/2023-08-22-2\/page-p1-[0-9a-f]{12}\.jpg$/)
  expect(readJson<FeedIndex>(path.join(feed, 'index.json')).issues.map((s) => s.id).sort()).toEqual(['2023-08-22', '2023-08-22-2'])

  expect((await run(['check', feed])).code).toBe(0)

  // Had 总第764期 been a misprint, --replace corrects that issue from the PDFs under its id and link.
  const replaced = await run(['build', SAMPLE_PDF, '--out', misprinted, '--paper', PAPER, '--replace', '2023-08-22'])
  expect(replaced.err).toBe('提示：更正“2023-08-22”这一期：保留9篇文章的编号\n')
  expect(replaced.code).toBe(0)
  const corrected = issueFile(misprinted, '2023-08-22')
  expect(corrected.number).toBe(763)
  expect(corrected.pages[1].image?.src).toMatch(/^images\/2023-08-22\/page-p2-[0-9a-f]{12}\.jpg$/)
  expect(readJson<FeedIndex>(path.join(misprinted, 'index.json')).issues.map((s) => s.id)).toEqual(['2023-08-22'])
  expect((await run(['check', misprinted])).code).toBe(0)
}, 240_000)

describe('page images handed to the publisher', () => {
  const parsed = parseIssue(fs.readFileSync(SAMPLE_TXT, 'utf8'))
  const jpeg = (width: number, height: number, background: string) => sharp({ create: { width, height, channels: 3, background } }).jpeg().toBuffer()

  test('are named by page id and content hash; a changed page image gets a new name and the old file goes', async () => {
    const feed = path.join(tmp(), 'feed')
    const first = await jpeg(300, 480, '#eeeeee')
    const thumb = await jpeg(150, 240, '#eeeeee')
    const r1 = await publishIssue(feed, { parsed, pageImages: [{ full: first, thumb }, undefined], paper: { id: 'gxq', name: '高新区报' } })
    const page1 = r1.plan.issue.pages[0].image
    expect(page1).toEqual({ src: expect.stringMatching(/^images\/2023-08-22\/page-p1-[0-9a-f]{12}\.jpg$/), width: 300, height: 480, thumb: { src: expect.stringMatching(/^images\/2023-08-22\/page-p1-thumb-[0-9a-f]{12}\.jpg$/), width: 150, height: 240 } })
    expect(r1.plan.issue.pages[1].image).toBeUndefined()
    expect(imageSize(fs.readFileSync(path.join(feed, page1?.src ?? '')))).toMatchObject({ width: 300, height: 480 })

    const changed = await jpeg(300, 480, '#dddddd')
    const r2 = await publishIssue(feed, { parsed, pageImages: [{ full: changed, thumb }], paper: { id: 'gxq', name: '高新区报' } })
    const page1b = r2.plan.issue.pages[0].image
    expect(page1b?.src).not.toBe(page1?.src)
    expect(page1b?.thumb?.src).toBe(page1?.thumb?.src)
    expect(r2.removed).toEqual([page1?.src])
    expect(fs.existsSync(path.join(feed, page1b?.src ?? ''))).toBe(true)
  })

  test('bytes that are not an image, or more page images than pages, are refused and nothing is written', async () => {
    const feed = path.join(tmp(), 'feed')
    await expect(publishIssue(feed, { parsed, pageImages: [{ full: Buffer.from('<html>') }], paper: { id: 'gxq', name: '高新区报' } }))
      .rejects.toThrow('p1的版面图不是可读的PNG或JPEG图片')
    const page = await jpeg(30, 48, '#eeeeee')
    await expect(publishIssue(feed, { parsed, pageImages: [{ full: page }, { full: page }, { full: page }], paper: { id: 'gxq', name: '高新区报' } }))
      .rejects.toThrow('给了3张版面图，但这期只有2个版')
    expect(fs.existsSync(feed)).toBe(false)
  })
})
