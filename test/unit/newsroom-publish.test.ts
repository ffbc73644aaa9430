// Publishing an editor can trust: check first, stable ids, issues that are not dates, nothing lost,
// taking an issue down, the paper from the masthead, builds at once, crashes at any point.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { latestOf, type FeedIndex, type Issue } from '@/core/feed'
import { encodeGreyPng } from '../../newsroom/placeholder-png'
import { parseIssue } from '../../newsroom/parse-issue'
import { publishIssue, removeIssue } from '../../newsroom/publish'
import { article, blocks, masthead, printed } from '../fixtures/newsroom/make-source'
import { runFeed, snapshot, tmpDirEachTest } from '../support/feed-command'

const root = path.resolve(__dirname, '../..')
const SAMPLE = path.join(root, 'sample/issue-763.txt')
const PAPER = path.join(root, 'sample/paper.json')
const sampleText = fs.readFileSync(SAMPLE, 'utf8')
const tsx = path.join(root, 'node_modules/.bin/tsx')
const cli = path.join(root, 'newsroom/cli.ts')

const tmp = tmpDirEachTest('newsroom-publish-')

const run = runFeed

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T
const write = (name: string, text: string): string => {
  const file = path.join(tmp(), name)
  fs.writeFileSync(file, text)
  return file
}
const issueFile = (feed: string, id: string) => readJson<Issue>(path.join(feed, `issues/${id}.json`))
const indexOf = (feed: string) => readJson<FeedIndex>(path.join(feed, 'index.json'))
const idsByTitle = (issue: Issue) => Object.fromEntries(issue.articles.map((a) => [a.title, a.id]))

/** Four articles with distinct text, a photo item, for corrections. */
const BODY = (n: string) => [`${n}近日召开专题会议,研究部署下一阶段重点工作,会议由主要负责同志主持。`, `会议要求${n}各部门提高认识,压实责任,确保各项工作落到实处。`]
const ART = {
  a: article('高新区召开安全生产工作会议', { body: BODY('区应急管理局') }),
  b: article('黄屯街道开展消夏文化活动', { body: BODY('黄屯街道') }),
  c: article('柳行街道推进老旧小区改造', { body: BODY('柳行街道') }),
  d: article('洸河街道举办就业招聘会', { body: BODY('洸河街道') }),
  e: article('王因街道启动秋季植树活动', { body: BODY('王因街道') })
}
const CAPTION = printed('图为近日拍摄的高新区湿地公园一角,绿树成荫,景色宜人,吸引了众多市民前来休闲健身。', 20)
const PHOTO = [CAPTION, '湿地风光', '■记者 王五 摄'].join('\n\n')
const issueText = (...parts: string[]) => blocks(masthead(), ...parts)

function photoDir(name: string, ...pngs: Array<[string, number]>): string {
  const dir = path.join(tmp(), name)
  fs.mkdirSync(dir)
  for (const [file, shade] of pngs) fs.writeFileSync(path.join(dir, file), encodeGreyPng(4, 3, new Uint8Array(12).fill(shade)))
  return dir
}

describe('check first', () => {
  test('--dry-run parses, validates and prints the report; writes nothing, not even a new folder; exit 0', async () => {
    const feed = path.join(tmp(), 'feed')
    const r = await run(['build', SAMPLE, '--out', feed, '--dry-run'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('a1 [p1] 第14行：引题 济宁高新区 / 题 以党建引领网格化服务管理')
    expect(r.out).toContain('发布为“2023-08-22”这一期（新的一期）')
    expect(r.out).toContain('将写入：.newsroom/article-ids.json、issues/2023-08-22.json、index.json')
    expect(r.out).toContain('。试运行，没有写入')
    expect(fs.existsSync(feed)).toBe(false)

    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER, '--placeholders'])).code).toBe(0)
    const before = snapshot(feed)
    const corrected = write('corrected.txt', sampleText.replace('以党建引领网格化服务管理\n', '以党建引领网格化服务管理工作\n'))
    const dry = await run(['build', corrected, '--out', feed, '--dry-run'], { now: '2030-01-01T00:00:00.000Z' })
    expect(dry.code).toBe(0)
    expect(dry.out).toContain('更正已发布的“2023-08-22”')
    expect(dry.out).toContain('将写入：issues/2023-08-22.json、index.json')
    expect(snapshot(feed)).toEqual(before)
  })

  test('--dry-run exits non-zero only for errors, and still writes nothing', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    const before = snapshot(feed)
    const other = write('other.txt', issueText(ART.a).replace('总第763期', '总第800期'))
    const r = await run(['build', other, '--out', feed, '--dry-run'])
    expect(r.code).toBe(1)
    expect(r.err).toContain('2023-08-22已有“2023-08-22”这一期')
    expect(snapshot(feed)).toEqual(before)
  })

  test('--report prints before anything is written', async () => {
    const feed = path.join(tmp(), 'feed')
    const seen: Array<{ text: string, files: string[] }> = []
    const r = await run(['build', SAMPLE, '--out', feed, '--paper', PAPER, '--report'], { onOut: (text) => seen.push({ text, files: Object.keys(snapshot(feed, false)) }) })
    expect(r.code).toBe(0)
    const report = seen.find((s) => s.text.includes('稿件：'))
    expect(report?.text).toContain('\n写入：.newsroom/article-ids.json、issues/2023-08-22.json、index.json')
    expect(report?.files).toEqual([])
    expect(fs.existsSync(path.join(feed, 'index.json'))).toBe(true)
  })

  test('--report also prints when the build is refused', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    const other = write('other.txt', issueText(ART.a).replace('总第763期', '总第800期'))
    const r = await run(['build', other, '--out', feed, '--report'])
    expect(r.code).toBe(1)
    expect(r.out).toContain('题 高新区召开安全生产工作会议')
    expect(r.err).toContain('请加 --replace 2023-08-22')
  })
})

describe('stable ids', () => {
  test('the sample’s first build still gets a1…a9', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    expect(issueFile(feed, '2023-08-22').articles.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'])
  })

  test('a correction keeps every article’s id; a new article gets an id never used; a removed one’s id never comes back', async () => {
    const feed = path.join(tmp(), 'feed')
    const first = write('first.txt', issueText(ART.a, ART.b, ART.c, ART.d))
    expect((await run(['build', first, '--out', feed])).code).toBe(0)
    expect(idsByTitle(issueFile(feed, '2023-08-22'))).toEqual({ 高新区召开安全生产工作会议: 'a1', 黄屯街道开展消夏文化活动: 'a2', 柳行街道推进老旧小区改造: 'a3', 洸河街道举办就业招聘会: 'a4' })

    // b taken out, c's headline corrected, e added at the top.
    const fixedC = ART.c.replace('柳行街道推进老旧小区改造', '柳行街道加快推进老旧小区改造')
    const second = write('second.txt', issueText(ART.e, ART.a, fixedC, ART.d))
    const r = await run(['build', second, '--out', feed, '--report'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('停用的编号：a2“黄屯街道开展消夏文化活动”')
    expect(idsByTitle(issueFile(feed, '2023-08-22'))).toEqual({ 王因街道启动秋季植树活动: 'a5', 高新区召开安全生产工作会议: 'a1', 柳行街道加快推进老旧小区改造: 'a3', 洸河街道举办就业招聘会: 'a4' })

    // b comes back (as a new article): it gets a6, never a2.
    const third = write('third.txt', issueText(ART.e, ART.a, fixedC, ART.d, ART.b))
    expect((await run(['build', third, '--out', feed])).code).toBe(0)
    const ids = idsByTitle(issueFile(feed, '2023-08-22'))
    expect(ids['黄屯街道开展消夏文化活动']).toBe('a6')
    expect(Object.values(ids)).not.toContain('a2')
    expect(readJson(path.join(feed, '.newsroom/article-ids.json'))).toEqual({ version: 1, issues: { '2023-08-22': ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'] } })
  })

  test('a correction of the sample’s lead headline keeps a1…a9 and the published photo', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER, '--placeholders'])).code).toBe(0)
    const cover = indexOf(feed).issues[0].cover?.src
    const changed = write('changed.txt', sampleText.replace('以党建引领网格化服务管理\n', '以党建引领网格化服务管理工作\n'))
    expect((await run(['build', changed, '--out', feed])).code).toBe(0)
    const issue = issueFile(feed, '2023-08-22')
    expect(issue.articles.map((a) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'])
    expect(issue.articles[0].title).toBe('以党建引领网格化服务管理工作')
    expect(issue.articles[4].figures[0].src).toBe(cover)
    expect(fs.existsSync(path.join(feed, cover as string))).toBe(true)
  })

  test('photos are named by article id and content hash: a changed photo gets a new name, the old file goes', async () => {
    const feed = path.join(tmp(), 'feed')
    const src = write('photo.txt', issueText(ART.a, PHOTO, ART.b))
    expect((await run(['build', src, '--out', feed, '--images', photoDir('one', ['1.png', 10])])).code).toBe(0)
    const firstSrc = issueFile(feed, '2023-08-22').articles[1].figures[0].src as string
    expect(firstSrc).toMatch(/^images\/2023-08-22\/a2-1-[0-9a-f]{12}\.png$/)
    // Same bytes: same name, nothing written.
    expect((await run(['build', src, '--out', feed, '--images', photoDir('same', ['1.png', 10])])).out).toContain('。没有变化')
    const r = await run(['build', src, '--out', feed, '--images', photoDir('two', ['1.png', 200])])
    const secondSrc = issueFile(feed, '2023-08-22').articles[1].figures[0].src as string
    expect(secondSrc).toMatch(/^images\/2023-08-22\/a2-1-[0-9a-f]{12}\.png$/)
    expect(secondSrc).not.toBe(firstSrc)
    expect(r.out).toMatch(new RegExp(`；删除：[^；]*${firstSrc.replace(/\./g, '\\.')}`))
    expect(fs.existsSync(path.join(feed, firstSrc))).toBe(false)
    // Taking out the article before the photo: the photo item keeps its id and its photo.
    const without = write('without.txt', issueText(PHOTO, ART.b))
    expect((await run(['build', without, '--out', feed])).code).toBe(0)
    expect(issueFile(feed, '2023-08-22').articles[0]).toMatchObject({ id: 'a2', figures: [{ src: secondSrc }] })
    expect((await run(['check', feed])).code).toBe(0)
  })
})

describe('issues are not dates', () => {
  let feed: string
  beforeEach(async () => {
    feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER, '--placeholders'])).code).toBe(0)
  })
  const sameDayOther = () => write('extra.txt', issueText(ART.a, ART.b).replace('总第763期', '总第764期'))

  test('another issue on a published date is refused with the published issue named; nothing changes', async () => {
    const before = snapshot(feed)
    const r = await run(['build', sameDayOther(), '--out', feed])
    expect(r.code).toBe(1)
    expect(r.err).toBe('错误：2023-08-22已有“2023-08-22”这一期（2023-08-22 总第763期）；这次生成的是总第764期。如果是更正那一期，请加 --replace 2023-08-22；如果是同一天的另一期（号外），请加 --beside\n')
    expect(snapshot(feed)).toEqual(before)
  })

  test('--beside publishes it next to the first under <date>-2; both stay', async () => {
    const r = await run(['build', sameDayOther(), '--out', feed, '--beside'])
    expect(r.code).toBe(0)
    expect(indexOf(feed).issues.map((s) => `${s.id}/${s.number}`)).toEqual(['2023-08-22-2/764', '2023-08-22/763'])
    expect(issueFile(feed, '2023-08-22').articles).toHaveLength(9)
    expect((await run(['check', feed])).code).toBe(0)
  })

  test('--replace <id> corrects that issue under its id (a misprinted number)', async () => {
    const r = await run(['build', sameDayOther(), '--out', feed, '--replace', '2023-08-22'])
    expect(r.code).toBe(0)
    expect(indexOf(feed).issues.map((s) => `${s.id}/${s.number}`)).toEqual(['2023-08-22/764'])
    expect((await run(['build', sameDayOther(), '--out', feed, '--replace', '2023-09-01'])).err).toContain('没有已发布的“2023-09-01”这一期可以替换')
  })

  test('a published 总第N期 on another date is refused too', async () => {
    const moved = write('moved.txt', issueText(ART.a).replace('2023年8月22日 星期二 农历癸卯年七月初七', '2023年8月29日 星期二 农历癸卯年七月十四'))
    const r = await run(['build', moved, '--out', feed])
    expect(r.code).toBe(1)
    expect(r.err).toContain('总第763期已作为“2023-08-22”这一期（2023-08-22 总第763期）发布')
  })
})

describe('keep what is published, take an issue down', () => {
  test('remove takes the issue out of the index, deletes its files, keeps every file another issue uses; check passes', async () => {
    const feed = path.join(tmp(), 'feed')
    const shared = photoDir('photos', ['1.png', 50])
    const one = write('one.txt', issueText(ART.a, PHOTO))
    const two = write('two.txt', issueText(ART.b, PHOTO).replace('2023年8月22日 星期二 农历癸卯年七月初七', '2023年8月29日 星期二 农历癸卯年七月十四').replace('总第763期 2023年第63期', '总第764期 2023年第64期'))
    expect((await run(['build', one, '--out', feed, '--images', shared])).code).toBe(0)
    expect((await run(['build', two, '--out', feed, '--images', shared])).code).toBe(0)
    // A stray file no issue references goes with the next publish.
    fs.writeFileSync(path.join(feed, 'images/2023-08-22/a9-1-000000000000.png'), 'stray')
    const photoOf29 = issueFile(feed, '2023-08-29').articles[1].figures[0].src as string

    const r = await run(['remove', feed, '2023-08-22'], { now: '2024-02-02T00:00:00.000Z' })
    expect(r.code).toBe(0)
    expect(r.out).toContain('撤下“2023-08-22”这一期（2023-08-22 总第763期）')
    expect(r.out).toContain('issues/2023-08-22.json')
    const index = indexOf(feed)
    expect(index.issues.map((s) => s.id)).toEqual(['2023-08-29'])
    expect(index.updatedAt).toBe('2024-02-02T00:00:00.000Z')
    expect(fs.existsSync(path.join(feed, 'issues/2023-08-22.json'))).toBe(false)
    expect(fs.existsSync(path.join(feed, 'images/2023-08-22'))).toBe(false)
    expect(fs.existsSync(path.join(feed, photoOf29))).toBe(true)
    expect((await run(['check', feed])).code).toBe(0)
    // The record of its ids stays.
    expect(readJson<{ issues: Record<string, string[]> }>(path.join(feed, '.newsroom/article-ids.json')).issues['2023-08-22']).toEqual(['a1', 'a2'])

    const missing = await run(['remove', feed, '2023-08-22'])
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('没有发布“2023-08-22”这一期')
  })
})

describe('the index\'s latest block follows the newest issue', () => {
  const on = (text: string, date: string, numbers: string) => text.replace('2023年8月22日 星期二 农历癸卯年七月初七', date).replace('总第763期 2023年第63期', numbers)
  const d29 = () => write('d29.txt', on(issueText(ART.c, ART.d), '2023年8月29日 星期二 农历癸卯年七月十四', '总第764期 2023年第64期'))
  // 总第761期: 762 is left for the 号外 published beside the sample.
  const d15 = () => write('d15.txt', on(issueText(ART.e), '2023年8月15日 星期二 农历癸卯年六月廿九', '总第761期 2023年第62期'))
  const latestIn = (feed: string) => indexOf(feed).latest

  test('publishing the sample writes latest from the issue: its pages, the first page\'s articles in order', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    const issue = issueFile(feed, '2023-08-22')
    const index = indexOf(feed)
    expect(Object.keys(index)).toEqual(['version', 'paper', 'updatedAt', 'issues', 'latest'])
    expect(index.latest).toEqual(latestOf(issue))
    expect(index.latest?.pages).toEqual([{ id: 'p1', name: '01版 要闻' }, { id: 'p2', name: '02版 综合' }])
    expect(index.latest?.articles.map((a) => a.title)).toEqual(['以党建引领网格化服务管理', '大手牵小手 爱心助学行', '鱼台县考察团 来高新区考察交流', '上好融入社会“第一课”', '生态融合 精致城市'])
    const byId = new Map(issue.articles.map((a) => [a.id, a]))
    expect(index.latest?.articles.map((a) => a.title)).toEqual(issue.pages[0].articleIds.map((id) => byId.get(id)?.title))
    expect(index.latest?.articles[0]).toEqual({ id: 'a1', kicker: '济宁高新区', title: '以党建引领网格化服务管理', credit: { role: '记者', name: '胡碧源' } })
  })

  test('an older issue published beside leaves latest on the newest (and republishing it changes nothing); a newer one moves it', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    const sample = latestIn(feed)
    expect(sample?.id).toBe('2023-08-22')

    const extra = write('extra.txt', issueText(ART.a, ART.b).replace('总第763期', '总第762期'))
    expect((await run(['build', extra, '--out', feed, '--beside'])).code).toBe(0)
    expect((await run(['build', d15(), '--out', feed])).code).toBe(0)
    expect(indexOf(feed).issues.map((s) => s.id)).toEqual(['2023-08-22', '2023-08-22-2', '2023-08-15'])
    expect(latestIn(feed)).toEqual(sample)
    const before = snapshot(feed)
    expect((await run(['build', d15(), '--out', feed], { now: '2030-01-01T00:00:00.000Z' })).out).toContain('。没有变化')
    expect(snapshot(feed)).toEqual(before)

    expect((await run(['build', d29(), '--out', feed])).code).toBe(0)
    expect(indexOf(feed).issues[0].id).toBe('2023-08-29')
    expect(latestIn(feed)).toEqual(latestOf(issueFile(feed, '2023-08-29')))
    expect(latestIn(feed)?.articles.map((a) => a.title)).toEqual(['柳行街道推进老旧小区改造', '洸河街道举办就业招聘会'])
    expect((await run(['check', feed])).code).toBe(0)
  })

  test('an index from before the block gets it from the newest issue\'s file when an older issue is published; a damaged newest file refuses that', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    const indexFile = path.join(feed, 'index.json')
    const { latest: _latest, ...legacy } = indexOf(feed)
    fs.writeFileSync(indexFile, JSON.stringify(legacy, null, 2) + '\n')

    const newestFile = path.join(feed, 'issues/2023-08-22.json')
    const good = fs.readFileSync(newestFile)
    fs.writeFileSync(newestFile, '{"version": 1')
    const before = snapshot(feed)
    const refused = await run(['build', d15(), '--out', feed])
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('索引里最新一期的目录（latest）要取自最新的“2023-08-22”这一期，但')
    expect(refused.err).toContain(`${newestFile}不是有效的JSON`)
    expect(snapshot(feed)).toEqual(before)

    fs.writeFileSync(newestFile, good)
    expect((await run(['build', d15(), '--out', feed])).code).toBe(0)
    expect(Object.keys(indexOf(feed))).toEqual(['version', 'paper', 'updatedAt', 'issues', 'latest'])
    expect(latestIn(feed)).toEqual(latestOf(issueFile(feed, '2023-08-22')))
  })

  test('a correction of the newest issue\'s first-page title corrects latest', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    expect((await run(['build', d15(), '--out', feed])).code).toBe(0)
    const corrected = write('corrected.txt', sampleText.replace('大手牵小手 爱心助学行\n', '大手牵小手 爱心助学暖人心\n'))
    expect((await run(['build', corrected, '--out', feed])).code).toBe(0)
    expect(latestIn(feed)?.articles[1]).toEqual({ id: 'a2', title: '大手牵小手 爱心助学暖人心', credit: { role: '记者', name: '刘菲' } })
    expect(latestIn(feed)).toEqual(latestOf(issueFile(feed, '2023-08-22')))
    expect((await run(['check', feed])).code).toBe(0)
  })

  test('removing an older issue leaves latest; removing the newest moves it to the next; removing the last leaves none', async () => {
    const feed = path.join(tmp(), 'feed')
    for (const source of [SAMPLE, d29(), d15()]) expect((await run(['build', source, '--out', feed, '--paper', PAPER])).code).toBe(0)
    const newest = latestIn(feed)
    expect(newest?.id).toBe('2023-08-29')

    expect((await run(['remove', feed, '2023-08-15'])).code).toBe(0)
    expect(latestIn(feed)).toEqual(newest)

    const sample = issueFile(feed, '2023-08-22')
    expect((await run(['remove', feed, '2023-08-29'])).code).toBe(0)
    expect(indexOf(feed).issues.map((s) => s.id)).toEqual(['2023-08-22'])
    expect(latestIn(feed)).toEqual(latestOf(sample))
    expect((await run(['check', feed])).code).toBe(0)

    expect((await run(['remove', feed, '2023-08-22'])).code).toBe(0)
    const empty = indexOf(feed)
    expect(empty.issues).toEqual([])
    expect('latest' in empty).toBe(false)
    expect((await run(['check', feed])).code).toBe(0)
  })

  test.each<[string, (file: string) => void, string]>([
    ['missing', (file) => fs.rmSync(file), '：ENOENT'],
    ['not JSON', (file) => fs.writeFileSync(file, '{"version": 1, "id": '), '不是有效的JSON'],
    ['not feed v1', (file) => fs.writeFileSync(file, JSON.stringify({ ...readJson<Issue>(file), pages: [] })), '不是有效的feed v1（/pages needs at least 1 item）']
  ])('removing the newest issue when the next one\'s file is %s is refused, and nothing changes', async (_name, damage, reason) => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    expect((await run(['build', d29(), '--out', feed])).code).toBe(0)
    const nextFile = path.join(feed, 'issues/2023-08-22.json')
    damage(nextFile)
    const before = snapshot(feed)
    await expect(removeIssue(feed, '2023-08-29')).rejects.toThrow(/^撤下“2023-08-29”后，索引里最新一期的目录（latest）要取自“2023-08-22”这一期，但.*；请先修好它，或先撤下“2023-08-22”。没有改动任何文件$/)
    const r = await run(['remove', feed, '2023-08-29'])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${nextFile}`)
    expect(r.err).toContain(reason)
    expect(snapshot(feed)).toEqual(before)
  })
})

describe('cleanup keeps what any field refers to', () => {
  test('a file a published issue points to from a field this code does not write (a page image) survives other publishes', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    const file = path.join(feed, 'issues/2023-08-22.json')
    const issue = readJson<Issue & { pages: Array<{ image?: unknown }> }>(file)
    issue.pages[0].image = { src: 'images/2023-08-22/page-1.png', width: 4, height: 3 }
    fs.writeFileSync(file, JSON.stringify(issue, null, 2) + '\n')
    fs.mkdirSync(path.join(feed, 'images/2023-08-22'), { recursive: true })
    fs.writeFileSync(path.join(feed, 'images/2023-08-22/page-1.png'), encodeGreyPng(4, 3, new Uint8Array(12)))
    fs.writeFileSync(path.join(feed, 'images/2023-08-22/unused.png'), encodeGreyPng(4, 3, new Uint8Array(12)))
    const next = write('next.txt', issueText(ART.a).replace('2023年8月22日 星期二 农历癸卯年七月初七', '2023年8月29日 星期二 农历癸卯年七月十四').replace('总第763期 2023年第63期', '总第764期 2023年第64期'))
    const r = await run(['build', next, '--out', feed])
    expect(r.out).toMatch(/；删除：[^；]*images\/2023-08-22\/unused\.png/)
    expect(fs.existsSync(path.join(feed, 'images/2023-08-22/page-1.png'))).toBe(true)
  })

  test('recover refuses a folder that does not exist, and creates nothing', async () => {
    const r = await run(['recover', path.join(tmp(), 'nothing-here')])
    expect(r.code).toBe(1)
    expect(fs.existsSync(path.join(tmp(), 'nothing-here'))).toBe(false)
  })
})

describe('the paper from the masthead', () => {
  test('a new folder without --paper takes name, publisher, hotline, slogan and site from the masthead, and says so', async () => {
    const feed = path.join(tmp(), 'new-feed')
    const r = await run(['build', SAMPLE, '--out', feed, '--report'])
    expect(r.code).toBe(0)
    const paper = indexOf(feed).paper
    expect(paper).toEqual({ id: expect.stringMatching(/^paper-[0-9a-f]{8}$/), name: '高新区报', publisher: '济宁高新区党工委宣传部（融媒体中心）', hotline: '0537-6557731', slogan: '活力・魅力・热点・焦点', site: 'http://www.jnhn.gov.cn/' })
    expect(r.out).toContain(`报纸信息取自报头（报名、主管主办、热线、口号、网址），标识“${paper.id}”由报名生成`)
    // --paper still sets it (the derived id gives way), and a later --paper with yet another id is refused.
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    expect(indexOf(feed).paper.id).toBe('gaoxinqu-bao')
    const other = write('other.json', JSON.stringify({ id: 'another', name: '另一张报' }))
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', other])).code).toBe(1)
  })

  test('a masthead without the paper\'s name and no --paper: a clear error, and no folder is left behind', async () => {
    const feed = path.join(tmp(), 'unnamed')
    const r = await run(['build', write('unnamed.txt', blocks(masthead({ paper: '' }), ART.a)), '--out', feed])
    expect(r.code).toBe(1)
    expect(r.err).toContain('没有报名：报头上没有印报名')
    expect(fs.existsSync(feed)).toBe(false)
  })
})

/** Runs the command in its own process; resolves with its exit code, signal and output. */
function child(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null, signal: NodeJS.Signals | null, out: string, err: string }> {
  return new Promise((resolve) => {
    const p = spawn(tsx, [cli, ...args], { cwd: tmp(), env: { ...process.env, ...env } })
    let out = ''
    let err = ''
    p.stdout.on('data', (d) => { out += d })
    p.stderr.on('data', (d) => { err += d })
    p.on('close', (code, signal) => resolve({ code, signal, out, err }))
  })
}

describe('builds at once, crashes', () => {
  test('two builds into one folder at the same time both land', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    const d29 = write('d29.txt', issueText(ART.a).replace('2023年8月22日 星期二 农历癸卯年七月初七', '2023年8月29日 星期二 农历癸卯年七月十四').replace('总第763期 2023年第63期', '总第764期 2023年第64期'))
    const d15 = write('d15.txt', issueText(ART.b).replace('2023年8月22日 星期二 农历癸卯年七月初七', '2023年8月15日 星期二 农历癸卯年六月廿九').replace('总第763期 2023年第63期', '总第762期 2023年第62期'))
    // Each pauses between reading the folder and writing it, so without the lock both would read the
    // same index and the second write would drop the first issue.
    const env = { NEWSROOM_TEST_PAUSE_BEFORE_COMMIT_MS: '1500' }
    const [x, y] = await Promise.all([child(['build', d29, '--out', feed], env), child(['build', d15, '--out', feed], env)])
    expect([x.code, x.err]).toEqual([0, ''])
    expect([y.code, y.err]).toEqual([0, ''])
    expect(indexOf(feed).issues.map((s) => s.id)).toEqual(['2023-08-29', '2023-08-22', '2023-08-15'])
    expect((await run(['check', feed])).code).toBe(0)
    expect(fs.existsSync(path.join(feed, '.newsroom/lock'))).toBe(false)
  }, 60000)

  test('a lock left by a dead build is broken at once; a live one makes the next build wait, then give up with its owner named', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await run(['build', SAMPLE, '--out', feed, '--paper', PAPER])).code).toBe(0)
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    fs.writeFileSync(path.join(feed, '.newsroom/lock'), JSON.stringify({ host: os.hostname(), pid: Number(dead.stdout), since: '2024-01-01T00:00:00.000Z', token: 'dead' }))
    const next = write('next.txt', issueText(ART.a).replace('2023年8月22日 星期二 农历癸卯年七月初七', '2023年8月29日 星期二 农历癸卯年七月十四').replace('总第763期 2023年第63期', '总第764期 2023年第64期'))
    const r = await run(['build', next, '--out', feed])
    expect(r.code).toBe(0)
    expect(r.err).toContain(`已解除进程${dead.stdout}（已不在运行）留下的过期锁`)
    expect(indexOf(feed).issues).toHaveLength(2)

    fs.writeFileSync(path.join(feed, '.newsroom/lock'), JSON.stringify({ host: os.hostname(), pid: process.pid, since: '2024-01-01T00:00:00.000Z', token: 'alive' }))
    const before = snapshot(feed)
    const parsed = parseIssue(fs.readFileSync(next, 'utf8'))
    const started = Date.now()
    await expect(publishIssue(feed, { parsed }, { lockTimeoutMs: 300 })).rejects.toThrow(`另一次生成正占用${path.join(feed, '.newsroom/lock')}（${os.hostname()}上的进程${process.pid}，`)
    expect(Date.now() - started).toBeGreaterThanOrEqual(300)
    expect(snapshot(feed)).toEqual(before)
  })

  test('killed at every step of a correction: the previous feed stays until the index is renamed; the next run cleans up or completes the publish', async () => {
    const base = path.join(tmp(), 'base')
    const first = write('first.txt', issueText(ART.a, ART.b, ART.c))
    expect((await run(['build', first, '--out', base])).code).toBe(0)
    const baseFiles = snapshot(base, false)
    // The correction writes four files (id record, photo, issue, index): 4 staged + journal + 4 renames.
    const correction = write('correction.txt', issueText(ART.e, ART.a, PHOTO, ART.c))
    const photos = photoDir('photos', ['1.png', 90])
    const reference = path.join(tmp(), 'reference')
    fs.cpSync(base, reference, { recursive: true })
    expect((await run(['build', correction, '--out', reference, '--images', photos])).code).toBe(0)
    const finalFiles = snapshot(reference, false)
    const without = (files: Record<string, string>) => { const { 'index.json': _i, ...rest } = files; return rest }

    const outcomes: string[] = []
    for (let step = 1; step <= 9; step++) {
      const feed = path.join(tmp(), `crash-${step}`)
      fs.cpSync(base, feed, { recursive: true })
      const c = await child(['build', correction, '--out', feed, '--images', photos], { NEWSROOM_TEST_CRASH_AFTER_STEPS: String(step) })
      // tsx runs the command in a child of its own and exits with 128 + 9 when that one is killed.
      expect([step, c.signal === 'SIGKILL' || c.code === 137]).toEqual([step, true])
      const now = snapshot(feed, false)
      const temps = Object.keys(snapshot(feed)).filter((f) => /\.tmp()-\d+-[0-9a-f]{8}$/.test(f))
      const checked = await run(['check', feed])
      const previousIntact = Object.entries(baseFiles).every(([f, bytes]) => now[f] === bytes)
      const newComplete = Object.entries(finalFiles).every(([f, bytes]) => f === 'index.json' || now[f] === bytes) && indexOf(feed).issues[0].articleCount === 4
      outcomes.push(`${step}:${previousIntact ? 'previous' : newComplete ? 'new' : 'mixed'}:check ${checked.code}:temps ${temps.length > 0}`)
      // The next run deletes a build that died while staging (it never happened: the editor runs it
      // again), and completes one whose journal was written, exactly as an uninterrupted build would.
      expect((await run(['recover', feed])).code).toBe(0)
      expect([step, without(snapshot(feed, false))]).toEqual([step, without(step < 5 ? baseFiles : finalFiles)])
      expect(Object.keys(snapshot(feed)).filter((f) => /\.tmp()-|journal/.test(f))).toEqual([])
      expect((await run(['check', feed])).code).toBe(0)
    }
    // Up to the issue's rename the previous feed is intact and checks; after the index's rename the new one
    // is. Between those two renames (step 8) the issue file is new and its index entry old: check says so
    // until the next run completes the publish.
    expect(outcomes).toEqual([
      '1:previous:check 0:temps true', '2:previous:check 0:temps true', '3:previous:check 0:temps true', '4:previous:check 0:temps true',
      '5:previous:check 0:temps true', '6:previous:check 0:temps true', '7:previous:check 0:temps true',
      '8:mixed:check 1:temps true', '9:new:check 0:temps false'
    ])
  }, 240000)
})
