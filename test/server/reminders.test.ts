// Which issue a reminder credit pays for, and the endpoint the app reads a reader's remaining
// reminders from: the real server process over HTTP with its SQLite file, the newsroom publishing by
// rewriting the feed folder, and the local stand-in for WeChat.
import path from 'node:path'
import Database from 'better-sqlite3'
import { startFakeWechat, type FakeWechat } from './support/fake-wechat'
import { api, notify, serverEnv, startServer, subscribe, tempDir, waitDone, waitFor, writeFeed, type ServerProcess, type TestIssue } from './support/server-process'

const I763: TestIssue = { id: '2023-08-22', number: 763, headline: '高新区召开重点项目推进会' }
const I764: TestIssue = { id: '2023-08-29', number: 764, headline: '新学期 新气象' }
const I765: TestIssue = { id: '2023-09-05', number: 765, headline: '秋季招聘会举行' }

let fake: FakeWechat
let server: ServerProcess | undefined
let tmp: ReturnType<typeof tempDir>

beforeEach(async () => {
  fake = await startFakeWechat()
  tmp = tempDir()
  writeFeed(tmp.dir, [I763])
})
afterEach(async () => {
  await server?.stop()
  server = undefined
  await fake.close()
  tmp.cleanup()
})

function start(extra: Record<string, string> = {}): Promise<ServerProcess> {
  return startServer(serverEnv(fake, tmp.dir, path.join(tmp.dir, 'feed'), extra)).then((s) => (server = s))
}

const publish = (...issues: TestIssue[]) => writeFeed(tmp.dir, issues)
const reminders = (token: unknown, headers: Record<string, string> = {}) => api(server!.url, 'POST', '/api/reminders', { body: { token }, headers })

test('a reader who subscribes after an issue is published, before its reminder goes out, keeps the credit for the next issue', async () => {
  // FEED_CHECK_SECONDS=0: the server learns of 764 only from the subscription itself.
  await start({ FEED_CHECK_SECONDS: '0' })
  const early = await subscribe(server!, fake, 'o_early')
  publish(I764, I763)
  // The late reader opens the app, sees 764 and subscribes before the newsroom notifies it.
  const late = await subscribe(server!, fake, 'o_late')
  expect([early.json.credits, late.json.credits]).toEqual([1, 1])

  expect((await notify(server!, I764.id)).json).toMatchObject({ created: true, queued: 1 })
  await waitDone(server!, I764.id)
  expect(fake.delivered().map((s) => s.touser)).toEqual(['o_early'])
  expect((await reminders(early.json.readerToken)).json).toEqual({ result: 'accept', credits: 0 })
  expect((await reminders(late.json.readerToken)).json).toEqual({ result: 'accept', credits: 1 })

  // The late reader's credit pays for the next issue.
  publish(I765, I764, I763)
  expect((await notify(server!, I765.id)).json).toMatchObject({ created: true, queued: 1 })
  await waitDone(server!, I765.id)
  expect(fake.delivered('o_late').map((s) => s.body.page)).toEqual([`pages/issue/index?id=${I765.id}`])
  expect(fake.delivered('o_early')).toHaveLength(1)
  expect((await reminders(late.json.readerToken)).json).toEqual({ result: 'accept', credits: 0 })
})

test('the server learns of a new issue on its own every FEED_CHECK_SECONDS and records when', async () => {
  await start({ FEED_CHECK_SECONDS: '1' })
  const before = Date.now()
  publish(I764, I763)
  const db = new Database(path.join(tmp.dir, 'notifications.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const at = await waitFor(() => (db.prepare('SELECT published_at AS at FROM issues WHERE issue_id = ?').get(I764.id) as { at: number } | undefined)?.at, 5_000, 'the periodic check')
    expect(at).toBeGreaterThanOrEqual(before)
    expect(at).toBeLessThanOrEqual(Date.now())
  } finally {
    db.close()
  }
  await waitFor(() => server!.output().includes(`new issue in the feed issue=${I764.id}`), 2_000, 'the log line')
})

test('a reader reads their own reminders with the token from subscribing, never another\'s; bad tokens are refused', async () => {
  await start()
  const ann = await subscribe(server!, fake, 'o_ann_0123456789abcdefghijkl')
  const again = await subscribe(server!, fake, 'o_ann_0123456789abcdefghijkl')
  const ben = await subscribe(server!, fake, 'o_ben_0123456789abcdefghijkl', 'reject')
  for (const r of [ann, again, ben]) {
    expect(r.json.readerToken).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(JSON.stringify(r.json)).not.toContain('o_ann')
  }
  expect(new Set([ann.json.readerToken, again.json.readerToken, ben.json.readerToken]).size).toBe(3)
  // Both of Ann's tokens (two phones, say) read her state; Ben's reads his.
  expect((await reminders(ann.json.readerToken)).json).toEqual({ result: 'accept', credits: 2 })
  expect((await reminders(again.json.readerToken)).json).toEqual({ result: 'accept', credits: 2 })
  expect((await reminders(ben.json.readerToken)).json).toEqual({ result: 'reject', credits: 0 })

  const unknown = await reminders('A'.repeat(43))
  expect([unknown.status, unknown.json.error]).toEqual([401, 'this server does not know that reader token; subscribe again'])
  for (const bad of ['', 'short', 'o_ann_0123456789abcdefghijkl', 42, null]) {
    const r = await reminders(bad)
    expect([bad, r.status, r.json.problems]).toEqual([bad, 400, [{ field: 'token', message: 'must be the readerToken this server answered a subscription with' }]])
  }
  expect((await api(server!.url, 'GET', '/api/reminders')).status).toBe(405)
})

test('the reminders endpoint is rate-limited per client address', async () => {
  await start({ TRUST_PROXY: '1', RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '1' })
  const { json } = await subscribe(server!, fake, 'o_cat')
  const from = (ip: string) => reminders(json.readerToken, { 'x-forwarded-for': ip })
  const statuses: number[] = []
  for (let i = 0; i < 4; i++) statuses.push((await from('192.0.2.1')).status)
  expect(statuses).toEqual([200, 200, 200, 429])
  const limited = await from('192.0.2.1')
  expect([limited.status, limited.json.error, Number(limited.headers['retry-after']) >= 1]).toEqual([429, 'too many requests; try again later', true])
  // Its own buckets: a reader's subscription is not refused for another address's lookups, nor theirs.
  expect((await from('192.0.2.2')).status).toBe(200)
})
