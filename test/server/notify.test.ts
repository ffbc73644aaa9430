// Publishing: what is sent, to whom, and how WeChat's error answers are handled. The real server runs as
// a child process with a real SQLite file; WeChat is a local fake that keeps its API contract.
import { spawn } from 'node:child_process'
import { maskOpenid } from '../../server/log'
import { startFakeWechat, type FakeWechat } from './support/fake-wechat'
import { ADMIN_TOKEN, api, notify, root, type Answer, serverEnv, startServer, status, subscribe, tempDir, waitDone, waitFor, writeFeed, type ServerProcess } from './support/server-process'
import { freePort } from '../support/free-port'

jest.setTimeout(30_000)

const ISSUES = [
  { id: '2023-08-29', number: 764, headline: '新学期 新气象' },
  { id: '2023-08-22', number: 763, headline: '济宁高新区召开2023年下半年重点项目建设推进会暨招商引资工作调度会议' },
  { id: '2023-08-15', number: 762, headline: '高新区举行庆祝活动' },
  { id: '2023-08-08', number: 761, headline: '产业园区建设提速' }
]

let fake: FakeWechat
let server: ServerProcess
let tmp: ReturnType<typeof tempDir>
let feedDir: string
const published = new Set<string>()

/** The newsroom publishes `issueId`: it joins the issues published before it in the feed. */
function publish(issueId: string): void {
  published.add(issueId)
  writeFeed(tmp.dir, ISSUES.filter((i) => published.has(i.id)))
}

/** Publishes `issueId` (again, if it already was) and notifies it, as the newsroom does after a build. */
function publishAndNotify(issueId: string): Promise<Answer> {
  publish(issueId)
  return notify(server, issueId)
}

async function start(extra: Record<string, string> = {}): Promise<ServerProcess> {
  server = await startServer(serverEnv(fake, tmp.dir, feedDir, extra))
  return server
}

/** Runs the newsroom command (`npm run server -- …`) as its own process. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null, out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { cwd: root, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } })
    let out = ''
    child.stdout.on('data', (c: Buffer) => { out += c.toString() })
    child.stderr.on('data', (c: Buffer) => { out += c.toString() })
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000)
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out }) })
  })
}


async function subscribeAll(openids: string[]): Promise<void> {
  for (const o of openids) expect((await subscribe(server, fake, o)).status).toBe(200)
}

async function notifyAndWait(issueId: string): Promise<Record<string, unknown>> {
  const r = await publishAndNotify(issueId)
  expect([r.status, r.json.error]).toEqual([r.json.created ? 202 : 200, undefined])
  return waitDone(server, issueId)
}

beforeEach(async () => {
  fake = await startFakeWechat()
  tmp = tempDir()
  // Nothing is published yet: readers subscribe, then the newsroom publishes and notifies.
  feedDir = writeFeed(tmp.dir, [])
  published.clear()
})
afterEach(async () => {
  await server?.stop()
  await fake.close()
  tmp.cleanup()
})

test('notify sends one message per credited reader: date, number, headline cut to 20 characters, issue page', async () => {
  await start()
  await subscribeAll(['o_ann', 'o_ben'])
  const r = await publishAndNotify('2023-08-22')
  expect(r.status).toBe(202)
  expect(r.json).toMatchObject({ issueId: '2023-08-22', created: true, queued: 2 })
  const final = await waitDone(server, '2023-08-22')
  expect(final.counts).toEqual({ pending: 0, sending: 0, sent: 2, failed: 0, dropped: 0, unknown: 0, total: 2 })
  expect(final.problems).toEqual([])
  expect(fake.delivered().map((s) => s.touser).sort()).toEqual(['o_ann', 'o_ben'])
  for (const s of fake.delivered()) {
    expect(s.body).toEqual({
      touser: s.touser,
      template_id: fake.templateId,
      page: 'pages/issue/index?id=2023-08-22',
      data: {
        thing1: { value: '济宁高新区召开2023年下半年重点项目…' },
        date2: { value: '2023年8月22日' },
        character_string3: { value: '763' }
      },
      miniprogram_state: 'formal',
      lang: 'zh_CN'
    })
  }
  expect(Array.from((fake.delivered()[0].body.data as Record<string, { value: string }>).thing1.value)).toHaveLength(20)
})

test('template fields and state are configurable; `latest` is the newest issue in the feed', async () => {
  await start({ WECHAT_TEMPLATE_FIELDS: '{"paper":"thing4","title":"thing1","date":"date2","number":"thing3"}', WECHAT_MINIPROGRAM_STATE: 'trial' })
  await subscribeAll(['o_cat'])
  publish('2023-08-29')
  const r = await notify(server, 'latest')
  expect(r.json).toMatchObject({ issueId: '2023-08-29', queued: 1 })
  await waitDone(server, '2023-08-29')
  expect(fake.delivered()[0].body).toMatchObject({
    page: 'pages/issue/index?id=2023-08-29',
    miniprogram_state: 'trial',
    data: { thing1: { value: '新学期 新气象' }, date2: { value: '2023年8月29日' }, thing3: { value: '总第764期' }, thing4: { value: '高新区报' } }
  })
})

test('each accepted subscription pays for one message; notifying the same issue again sends nothing new', async () => {
  await start()
  await subscribeAll(['o_dan', 'o_eve', 'o_eve'])
  await notifyAndWait('2023-08-08')
  expect(fake.delivered().map((s) => s.touser).sort()).toEqual(['o_dan', 'o_eve'])

  const again = await publishAndNotify('2023-08-08')
  expect([again.status, again.json.created, again.json.queued]).toEqual([200, false, 0])
  await waitDone(server, '2023-08-08')
  expect(fake.delivered()).toHaveLength(2)

  // Dan's only credit is spent; Eve accepted twice and still holds one.
  await notifyAndWait('2023-08-15')
  expect(fake.delivered().map((s) => s.touser)).toEqual(expect.arrayContaining(['o_dan', 'o_eve']))
  expect(fake.delivered('o_dan')).toHaveLength(1)
  expect(fake.delivered('o_eve')).toHaveLength(2)

  await subscribeAll(['o_dan'])
  await notifyAndWait('2023-08-22')
  expect(fake.delivered('o_dan')).toHaveLength(2)
  expect(fake.delivered('o_eve')).toHaveLength(2)
  expect(fake.sends.every((s) => s.errcode === 0)).toBe(true)
})

test('43101 (refused, or no credit left at WeChat) drops the message and the reader\'s credits', async () => {
  await start()
  await subscribeAll(['o_fay', 'o_fay', 'o_gus'])
  fake.failNext(43101, { openid: 'o_fay' })
  const s = await notifyAndWait('2023-08-15')
  expect(s.counts).toMatchObject({ sent: 1, dropped: 1 })
  expect(s.problems).toEqual([{ openid: maskOpenid('o_fay'), state: 'dropped', attempts: 1, errcode: 43101, errmsg: 'forced 43101' }])
  expect(fake.sendsTo('o_fay').map((x) => x.errcode)).toEqual([43101])
  // Fay had accepted twice, but WeChat says she holds nothing: her second credit is gone too.
  const next = await publishAndNotify('2023-08-22')
  expect(next.json.queued).toBe(0)
})

test('40003 (invalid openid) and 40037 (invalid template) are recorded and not retried', async () => {
  await start()
  await subscribeAll(['o_hal', 'o_ivy', 'o_jon'])
  fake.failNext(40003, { openid: 'o_hal' })
  fake.failNext(40037, { openid: 'o_ivy' })
  const s = await notifyAndWait('2023-08-15')
  expect(s.counts).toMatchObject({ sent: 1, failed: 2, total: 3 })
  expect(s.problems).toEqual(expect.arrayContaining([
    { openid: maskOpenid('o_hal'), state: 'failed', attempts: 1, errcode: 40003, errmsg: 'forced 40003' },
    { openid: maskOpenid('o_ivy'), state: 'failed', attempts: 1, errcode: 40037, errmsg: 'forced 40037' }
  ]))
  await new Promise((r) => setTimeout(r, 300))
  expect(fake.sendsTo('o_hal')).toHaveLength(1)
  expect(fake.sendsTo('o_ivy')).toHaveLength(1)
  // A bad template is our fault, so Ivy's subscription is still good at WeChat: her credit comes back.
  // An invalid openid is no reader of ours: nothing to give back.
  expect((await publishAndNotify('2023-08-22')).json.queued).toBe(1)
  await waitDone(server, '2023-08-22')
  expect(fake.delivered('o_ivy')).toHaveLength(1)
  expect(fake.sendsTo('o_hal')).toHaveLength(1)
})

test('-1 (system busy) backs off and retries until WeChat accepts', async () => {
  await start({ SEND_BACKOFF_MS: '150', SEND_MAX_BACKOFF_MS: '1000' })
  await subscribeAll(['o_kim'])
  fake.failNext(-1, { times: 2 })
  const s = await notifyAndWait('2023-08-15')
  expect(s.counts).toMatchObject({ sent: 1, total: 1 })
  const tries = fake.sendsTo('o_kim')
  expect(tries.map((t) => t.errcode)).toEqual([-1, -1, 0])
  // Exponential with jitter in [½, 1]: at least 75 ms, then at least 150 ms.
  expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(70)
  expect(tries[2].at - tries[1].at).toBeGreaterThanOrEqual(145)
})

test('-1 on every attempt gives up after SEND_MAX_ATTEMPTS and keeps the reader\'s credit', async () => {
  await start({ SEND_MAX_ATTEMPTS: '3' })
  await subscribeAll(['o_lee'])
  fake.failNext(-1, { times: 3 })
  const s = await notifyAndWait('2023-08-15')
  expect(s.problems).toEqual([{ openid: maskOpenid('o_lee'), state: 'failed', attempts: 3, errcode: -1, errmsg: 'gave up after 3 attempts: forced -1' }])
  expect(fake.sendsTo('o_lee')).toHaveLength(3)
  expect((await publishAndNotify('2023-08-22')).json.queued).toBe(1)
})

test('45009 (daily quota) stops all sending, keeps the messages pending, and resumes later', async () => {
  await start({ RATE_LIMIT_PAUSE_MS: '1000', SEND_CONCURRENCY: '1' })
  await subscribeAll(['o_max', 'o_ned', 'o_oli'])
  fake.failNext(45009)
  await publishAndNotify('2023-08-15')
  const paused = await waitFor(async () => {
    const s = await status(server, '2023-08-15')
    return fake.sends.length === 1 && s.json.pausedUntil ? s.json : undefined
  }, 5000, 'the pause')
  expect(paused.counts).toMatchObject({ pending: 3, sent: 0 })
  const stoppedAt = fake.sends[0].at
  const s = await waitDone(server, '2023-08-15')
  expect(s.counts).toMatchObject({ sent: 3, total: 3 })
  expect(fake.sends.map((x) => x.errcode)).toEqual([45009, 0, 0, 0])
  expect(fake.sends[1].at - stoppedAt).toBeGreaterThanOrEqual(950)
  // The quota pause is not the message's fault: it does not count as an attempt.
  expect(new Set(fake.delivered().map((x) => x.touser))).toEqual(new Set(['o_max', 'o_ned', 'o_oli']))
})

test('an access token is cached and replaced before it expires', async () => {
  fake.tokenTtlSeconds = 3
  await start()
  await subscribeAll(['o_pam'])
  await notifyAndWait('2023-08-08')
  await subscribeAll(['o_pam'])
  await notifyAndWait('2023-08-15')
  expect(fake.tokenFetches).toBe(1)
  // Replaced after four fifths of its life (2.4 s of 3 s), before WeChat would refuse it.
  await new Promise((r) => setTimeout(r, 2500))
  await subscribeAll(['o_pam'])
  await notifyAndWait('2023-08-22')
  expect(fake.tokenFetches).toBe(2)
  expect(fake.sends.map((s) => s.errcode)).toEqual([0, 0, 0])
  expect(new Set(fake.sends.map((s) => s.token)).size).toBe(2)
})

test('40001 and 42001 (token refused) fetch a new token and send once more; a second refusal waits for a later attempt', async () => {
  await start()
  await subscribeAll(['o_quinn', 'o_quinn', 'o_quinn', 'o_quinn'])
  await notifyAndWait('2023-08-08')
  expect(fake.tokenFetches).toBe(1)

  fake.revokeTokens()
  await notifyAndWait('2023-08-15')
  expect(fake.sends.slice(1).map((s) => s.errcode)).toEqual([40001, 0])
  expect(fake.tokenFetches).toBe(2)

  fake.expireTokens()
  await notifyAndWait('2023-08-22')
  expect(fake.sends.slice(3).map((s) => s.errcode)).toEqual([42001, 0])
  expect(fake.tokenFetches).toBe(3)

  // Refused twice in a row: not a loop of refreshes, but one retry now and the next attempt later.
  fake.failNext(40001, { times: 2 })
  const s = await notifyAndWait('2023-08-29')
  expect(fake.sends.slice(5).map((x) => x.errcode)).toEqual([40001, 40001, 0])
  expect(fake.tokenFetches).toBe(5)
  expect(s.counts).toMatchObject({ sent: 1, total: 1 })

  // Neither the secret nor any access token is ever logged.
  const log = server.output()
  expect(log).not.toContain(fake.secret)
  for (const t of new Set(fake.sends.map((x) => x.token))) expect(log).not.toContain(t)
})

test('concurrent sends share one token fetch', async () => {
  fake.tokenDelayMs = 300
  await start({ SEND_CONCURRENCY: '4' })
  const readers = ['o_r1', 'o_r2', 'o_r3', 'o_r4', 'o_r5', 'o_r6']
  await subscribeAll(readers)
  await notifyAndWait('2023-08-15')
  expect(fake.tokenFetches).toBe(1)
  expect(fake.delivered().map((s) => s.touser).sort()).toEqual(readers)
  expect((await api(server.url, 'GET', '/healthz')).json).toMatchObject({ notifications: true, tokenFetches: 1 })

  // After a revocation, the workers that hit 40001 together still cause one refresh between them.
  fake.revokeTokens()
  await subscribeAll(readers)
  await notifyAndWait('2023-08-22')
  expect(fake.tokenFetches).toBe(2)
  expect(fake.delivered()).toHaveLength(12)
})

test('the newsroom command notifies through the running server and waits for the result', async () => {
  await start()
  await subscribeAll(['o_sam', 'o_tia'])
  const env = { SERVER_URL: server.url, ADMIN_TOKEN }
  publish('2023-08-29')
  const first = await run(['notify', 'latest', '--wait', '--timeout', '15'], env)
  expect(first.out).toContain('queued 2 messages for issue 2023-08-29')
  expect(first.out).toContain('issue 2023-08-29: 2 messages: 2 sent, 0 in progress, 0 failed, 0 dropped, 0 unknown')
  expect(first.code).toBe(0)
  const second = await run(['notify', '2023-08-29'], env)
  expect([second.code, second.out]).toEqual([0, expect.stringContaining('issue 2023-08-29 was already notified; nothing new queued')])
  const wrong = await run(['notify', '2023-08-29'], { ...env, ADMIN_TOKEN: 'not-the-admin-token' })
  expect([wrong.code, wrong.out]).toEqual([1, expect.stringContaining('403 wrong admin token')])
  const usage = await run(['notify'], env)
  expect([usage.code, usage.out]).toEqual([2, expect.stringContaining('usage:')])
  expect(fake.delivered()).toHaveLength(2)
})

test('the status endpoint and the status command show openids masked, as the logs do', async () => {
  await start()
  const hal = 'oHal_0123456789abcdefghijklmn'
  const ivy = 'oIvy_0123456789abcdefghijklXY'
  await subscribeAll([hal, ivy])
  fake.failNext(40003, { openid: hal })
  const s = await notifyAndWait('2023-08-15')
  expect(s.problems).toEqual([{ openid: 'oHal…mn', state: 'failed', attempts: 1, errcode: 40003, errmsg: 'forced 40003' }])
  const cli = await run(['status', '2023-08-15'], { SERVER_URL: server.url, ADMIN_TOKEN })
  expect([cli.code, cli.out]).toEqual([0, expect.stringContaining('failed: oHal…mn 40003 forced 40003')])
  expect(JSON.stringify(s) + cli.out).not.toContain(hal)
  expect(server.output()).not.toContain(hal)
})

test('notify --wait says what the server answered when a poll is refused, and waits through a restart', async () => {
  const port = await freePort()
  const env = serverEnv(fake, tmp.dir, feedDir, { PORT: String(port), SEND_BACKOFF_MS: '60000', SEND_MAX_BACKOFF_MS: '60000' })
  await start(env)
  await subscribeAll(['o_uma'])
  // WeChat is busy: the message stays pending, so the command keeps polling.
  fake.failNext(-1, { times: 10 })
  publish('2023-08-29')
  const cli = run(['notify', '2023-08-29', '--wait', '--timeout', '20'], { SERVER_URL: server.url, ADMIN_TOKEN })
  await waitFor(() => fake.sends.length >= 1, 10_000, 'the first attempt')
  // The operator restarts the server without the admin token: polls are now refused with 403.
  expect(await server.stop()).toBe(0)
  server = await startServer({ ...env, ADMIN_TOKEN: undefined })
  const r = await cli
  expect(r.out).toContain('queued 1 messages for issue 2023-08-29')
  expect(r.out).toContain(`${server.url}: while waiting for issue 2023-08-29 the server answered 403 admin endpoints are disabled: ADMIN_TOKEN is not set on the server`)
  expect(r.out).not.toContain('Cannot read')
  expect(r.code).toBe(1)
})
