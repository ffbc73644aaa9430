// Publishing from the console over HTTP: plan, confirm, publish through the publishing library, a
// corrected headline keeping its article ids, another issue beside the first, a published issue opened
// and published again, a refused publish changing nothing, taking an issue down, page PDFs with page
// images and zones, and notifying subscribers through the server's own dispatch (WeChat is the fake).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { FeedIndex, Issue } from '@/core/feed'
import { checkFeed } from '../../newsroom/feed-folder'
import { startFakeWechat, type FakeWechat } from './support/fake-wechat'
import { call, file, filesForm, issue764, login, snapshot } from './support/console'
import { root, serverEnv, startServer, subscribe, tempDir, waitFor, type ServerProcess } from './support/server-process'

jest.setTimeout(60_000)

const SAMPLE_TEXT = path.join(root, 'sample', 'issue-763.txt')
const SAMPLE_PDFS = ['01.pdf', '02.pdf'].map((f) => path.join(root, 'sample', 'pdf', f))
const READERS = ['o_console_reader_1', 'o_console_reader_2', 'o_console_reader_3']

let fake: FakeWechat
let tmp: ReturnType<typeof tempDir>
let server: ServerProcess
let feedDir: string
let cookie: string

const readJson = <T>(rel: string): T => JSON.parse(readFileSync(path.join(feedDir, rel), 'utf8')) as T
const index = () => readJson<FeedIndex>('index.json')
const issueFile = (id: string) => readJson<Issue>(`issues/${id}.json`)
const post = (route: string, body?: unknown) => call(server.url, 'POST', `/newsroom/api${route}`, { cookie, body })
const uploadText = (name: string, text: string) => post('/drafts', filesForm([{ name, data: text }]))
const confirm = (d: any) => ({ revision: d.revision, confirm: { date: d.issue.date, number: d.issue.number } })

beforeAll(async () => {
  fake = await startFakeWechat()
  tmp = tempDir()
  feedDir = path.join(tmp.dir, 'feed')
  server = await startServer(serverEnv(fake, tmp.dir, feedDir))
  cookie = await login(server.url)
  // Readers subscribe before anything is published: each holds one reminder for the next issue.
  for (const o of READERS) expect((await subscribe(server, fake, o)).status).toBe(200)
})

afterAll(async () => {
  await server?.stop()
  await fake?.close()
  tmp.cleanup()
})

let draft763: any
let ids763: string[]

test('a new issue: the plan writes nothing, a wrong confirmation is refused, then it is published', async () => {
  draft763 = (await uploadText('issue-763.txt', readFileSync(SAMPLE_TEXT, 'utf8'))).json
  const plan = await post(`/drafts/${draft763.id}/plan`)
  expect(plan.status).toBe(200)
  expect(plan.json).toMatchObject({ issueId: '2023-08-22', date: '2023-08-22', number: 763 })
  expect(plan.json.replaces).toBeUndefined()
  expect(plan.json.conflict).toBeUndefined()
  expect(plan.json.articles.map((a: any) => a.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'])
  expect(plan.json.report).toContain('将写入：')
  expect(snapshot(feedDir).size).toBe(0)

  const wrong = await post(`/drafts/${draft763.id}/publish`, { revision: draft763.revision, confirm: { date: '2023-08-22', number: 764 } })
  expect([wrong.status, wrong.json.error]).toEqual([409, 'confirm-mismatch'])
  expect(wrong.json.message).toContain('总第763期')
  const stale = await post(`/drafts/${draft763.id}/publish`, { ...confirm(draft763), revision: 7 })
  expect([stale.status, stale.json.error]).toEqual([409, 'stale-revision'])
  expect(snapshot(feedDir).size).toBe(0)

  const r = await post(`/drafts/${draft763.id}/publish`, confirm(draft763))
  expect(r.status).toBe(200)
  expect(r.json).toEqual({ issueId: '2023-08-22', articleIds: plan.json.articles.map((a: any) => a.id), url: '/#/pages/issue/index?id=2023-08-22' })
  ids763 = r.json.articleIds
  expect(index().issues.map((s) => s.id)).toEqual(['2023-08-22'])
  expect(issueFile('2023-08-22').articles.map((a) => a.title)).toEqual(draft763.issue.items.map((it: any) => it.title))
  expect(checkFeed(feedDir).problems).toEqual([])
  const listed = await call(server.url, 'GET', '/newsroom/api/issues', { cookie })
  expect(listed.json).toEqual([{ id: '2023-08-22', date: '2023-08-22', number: 763, title: '以党建引领网格化服务管理', articleCount: 9 }])
  const d = await call(server.url, 'GET', `/newsroom/api/drafts/${draft763.id}`, { cookie })
  expect(d.json).toMatchObject({ publishedId: '2023-08-22', targetId: '2023-08-22', published: { issueId: '2023-08-22' } })
  draft763 = d.json
})

test('notify sends one reminder to each subscriber through the fake WeChat and reports the counts', async () => {
  const r = await post('/issues/2023-08-22/notify')
  expect(r.status).toBe(200)
  expect(r.json).toMatchObject({ issueId: '2023-08-22', queued: 3, created: true })
  const done = await waitFor(async () => {
    const s = await call(server.url, 'GET', '/newsroom/api/issues/2023-08-22/notify', { cookie })
    return s.json.done === true ? s.json : undefined
  }, 15_000, 'the reminders to be sent')
  expect(done).toEqual({ issueId: '2023-08-22', queued: 3, sent: 3, skipped: 0, failed: 0, done: true, created: false })
  for (const o of READERS) expect(fake.delivered(o)).toHaveLength(1)
  expect(fake.delivered()).toHaveLength(3)
  // Asked again, nothing new is queued or sent.
  const again = await post('/issues/2023-08-22/notify')
  expect(again.json).toMatchObject({ created: false, queued: 3, sent: 3 })
  await new Promise((r2) => setTimeout(r2, 300))
  expect(fake.delivered()).toHaveLength(3)
  expect((await call(server.url, 'GET', '/newsroom/api/issues/2023-09-30/notify', { cookie })).status).toBe(404)
})

test('a corrected headline is published with every article id kept', async () => {
  const issue = structuredClone(draft763.issue)
  issue.items[0].title = '以党建引领网格化服务管理 提升群众满意度'
  const saved = await call(server.url, 'PUT', `/newsroom/api/drafts/${draft763.id}`, { cookie, body: { revision: draft763.revision, issue } })
  expect(saved.status).toBe(200)
  const plan = await post(`/drafts/${draft763.id}/plan`)
  expect(plan.json.replaces).toEqual({ id: '2023-08-22', date: '2023-08-22', number: 763 })
  const r = await post(`/drafts/${draft763.id}/publish`, confirm(saved.json))
  expect(r.status).toBe(200)
  expect(r.json.articleIds).toEqual(ids763)
  const published = issueFile('2023-08-22')
  expect(published.articles[0]).toMatchObject({ id: ids763[0], title: '以党建引领网格化服务管理 提升群众满意度' })
  expect(index().issues[0].headline).toBe('以党建引领网格化服务管理 提升群众满意度')
  draft763 = (await call(server.url, 'GET', `/newsroom/api/drafts/${draft763.id}`, { cookie })).json
})

test('a refused publish (a number already published under another date) changes nothing', async () => {
  const clash = readFileSync(SAMPLE_TEXT, 'utf8').replace('2023年8月22日 星期二 农历癸卯年七月初七', '2023年8月29日 星期二 农历癸卯年七月十四')
  const d = (await uploadText('clash.txt', clash)).json
  const before = snapshot(feedDir)
  const plan = await post(`/drafts/${d.id}/plan`)
  expect(plan.status).toBe(200)
  expect(plan.json.conflict.id).toBe('2023-08-22')
  expect(plan.json.conflict.message).toMatch(/^不能这样发布：/)
  const r = await post(`/drafts/${d.id}/publish`, confirm(d))
  expect([r.status, r.json.error]).toEqual([409, 'publish-refused'])
  expect(r.json.message).toMatch(/^没有发布，报纸数据未改动/)
  expect(snapshot(feedDir)).toEqual(before)
})

test('another issue of a published date is refused until the editor says it goes beside (a 号外)', async () => {
  const extra = readFileSync(SAMPLE_TEXT, 'utf8').replace('总第763期 2023年第63期', '总第765期 2023年第65期')
  const d = (await uploadText('extra.txt', extra)).json
  const plan = await post(`/drafts/${d.id}/plan`)
  expect(plan.json.conflict?.id).toBe('2023-08-22')
  const before = snapshot(feedDir)
  expect((await post(`/drafts/${d.id}/publish`, confirm(d))).status).toBe(409)
  expect(snapshot(feedDir)).toEqual(before)
  const besidePlan = await post(`/drafts/${d.id}/plan`, { beside: true })
  expect(besidePlan.json).toMatchObject({ issueId: '2023-08-22-2', number: 765 })
  expect(besidePlan.json.conflict).toBeUndefined()
  const r = await post(`/drafts/${d.id}/publish`, { ...confirm(d), beside: true })
  expect(r.status).toBe(200)
  expect(r.json.issueId).toBe('2023-08-22-2')
  expect(index().issues.map((s) => s.id)).toEqual(['2023-08-22-2', '2023-08-22'])
  // Taken down again, so the issues below are the ones the next tests expect.
  expect((await call(server.url, 'DELETE', '/newsroom/api/issues/2023-08-22-2', { cookie, body: { confirm: '2023-08-22-2' } })).status).toBe(204)
  expect(index().issues.map((s) => s.id)).toEqual(['2023-08-22'])
})

test('publishing issue 764 keeps 763 as it was', async () => {
  const before763 = readFileSync(path.join(feedDir, 'issues/2023-08-22.json'))
  const d = (await uploadText('issue-764.txt', issue764(readFileSync(SAMPLE_TEXT, 'utf8')))).json
  expect(d.issue).toMatchObject({ date: '2023-08-29', number: 764 })
  const r = await post(`/drafts/${d.id}/publish`, confirm(d))
  expect(r.status).toBe(200)
  expect(r.json.issueId).toBe('2023-08-29')
  expect(index().issues.map((s) => [s.id, s.number])).toEqual([['2023-08-29', 764], ['2023-08-22', 763]])
  expect(readFileSync(path.join(feedDir, 'issues/2023-08-22.json'))).toEqual(before763)
  expect(checkFeed(feedDir).problems).toEqual([])
})

test('a published issue opened as a draft publishes again with every id kept', async () => {
  const published = issueFile('2023-08-29')
  const opened = await post('/issues/2023-08-29/draft')
  expect(opened.status).toBe(201)
  expect(opened.json).toMatchObject({ source: { kind: 'published', files: ['2023-08-29'] }, publishedId: '2023-08-29', revision: 1 })
  expect(opened.json.issue.items.map((it: any) => it.title)).toEqual(published.articles.map((a) => a.title))
  const issue = structuredClone(opened.json.issue)
  issue.items[3].subtitle = '副题：新增'
  issue.items[3].paragraphs[0] = issue.items[3].paragraphs[0].replace('。', '，特此说明。')
  const saved = await call(server.url, 'PUT', `/newsroom/api/drafts/${opened.json.id}`, { cookie, body: { revision: 1, issue } })
  expect(saved.status).toBe(200)
  const r = await post(`/drafts/${opened.json.id}/publish`, confirm(saved.json))
  expect(r.status).toBe(200)
  expect(r.json.articleIds).toEqual(published.articles.map((a) => a.id))
  expect(issueFile('2023-08-29').articles[3].subtitle).toBe('副题：新增')
  expect(index().issues.map((s) => s.id)).toEqual(['2023-08-29', '2023-08-22'])
  expect((await post('/issues/2031-01-01/draft')).status).toBe(404)
})

test('an issue is taken down only when its id is confirmed; drafts of it no longer correct it', async () => {
  const opened = (await post('/issues/2023-08-29/draft')).json
  const before = snapshot(feedDir)
  const unconfirmed = await call(server.url, 'DELETE', '/newsroom/api/issues/2023-08-29', { cookie, body: { confirm: '2023-08-22' } })
  expect([unconfirmed.status, unconfirmed.json.error]).toEqual([409, 'confirm-mismatch'])
  expect(snapshot(feedDir)).toEqual(before)
  const r = await call(server.url, 'DELETE', '/newsroom/api/issues/2023-08-29', { cookie, body: { confirm: '2023-08-29' } })
  expect(r.status).toBe(204)
  expect(index().issues.map((s) => s.id)).toEqual(['2023-08-22'])
  expect(checkFeed(feedDir).problems).toEqual([])
  expect((await call(server.url, 'GET', `/newsroom/api/drafts/${opened.id}`, { cookie })).json.publishedId).toBeUndefined()
  expect((await call(server.url, 'DELETE', '/newsroom/api/issues/2023-08-29', { cookie, body: { confirm: '2023-08-29' } })).status).toBe(404)
})

test('the page PDFs publish page images, zones and the printed photo, correcting 763 with its ids', async () => {
  const up = await post('/drafts', filesForm(SAMPLE_PDFS.map((p) => file(p))))
  expect(up.status).toBe(201)
  const plan = await post(`/drafts/${up.json.id}/plan`)
  expect(plan.json.replaces?.id).toBe('2023-08-22')
  const r = await post(`/drafts/${up.json.id}/publish`, confirm(up.json))
  expect(r.status).toBe(200)
  const published = issueFile('2023-08-22')
  for (const p of published.pages) expect(p.image?.src).toMatch(/^images\/2023-08-22\/page-p\d-[0-9a-f]{12}\.jpg$/)
  for (const a of published.articles) expect(a.zones?.length).toBeGreaterThan(0)
  const photo = published.articles.find((a) => a.paragraphs.length === 0)
  expect(photo?.figures[0].src).toMatch(/^images\/2023-08-22\//)
  expect(r.json.articleIds).toEqual(ids763)
  expect(checkFeed(feedDir).problems).toEqual([])
})
