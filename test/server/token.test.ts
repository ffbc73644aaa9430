// Access-token refreshes when WeChat's token endpoint is failing: one failed refresh makes every caller
// (all dispatcher workers, every send) wait out one shared backoff instead of each starting another
// slow refresh. In-process against the local stand-in for WeChat over real HTTP; only the token's
// clock is the test's, so a two-hour token's refresh margin is reached at once.
import type { WechatConfig } from '../../server/config'
import type { Logger } from '../../server/log'
import { WechatClient, WechatError } from '../../server/wechat-client'
import { startFakeWechat, type FakeWechat } from './support/fake-wechat'
import { notify, serverEnv, startServer, status, subscribe, tempDir, waitDone, waitFor, writeFeed, type ServerProcess } from './support/server-process'

let fake: FakeWechat
beforeEach(async () => { fake = await startFakeWechat() })
afterEach(() => fake.close())

const warnings: string[] = []
const log: Logger = { info: () => undefined, warn: (m) => { warnings.push(m) }, error: (m) => { warnings.push(m) } }

function client(now: () => number): WechatClient {
  const config: WechatConfig = { appId: fake.appId, secret: fake.secret, templateId: fake.templateId, apiBase: fake.url, fields: [], miniprogramState: 'formal', lang: 'zh_CN', timeoutMs: 300 }
  return new WechatClient(config, log, now, { baseMs: 5_000, maxMs: 20_000 })
}

test('a refresh that fails inside the refresh margin is tried once, then the current token is used until the backoff ends', async () => {
  let now = 1_000_000
  const wechat = client(() => now)
  const token = await wechat.accessToken()
  expect(fake.tokenFetches).toBe(1)

  // Past four fifths of the token's life (7200 s; refresh five minutes before expiry) WeChat's token endpoint hangs.
  now += 7_200_000 - 300_000 + 1
  fake.tokenFailure = 'hang'
  const started = Date.now()
  // Four workers check for a token at once, then each sends (which asks again), and again.
  expect(await Promise.all([1, 2, 3, 4].map(() => wechat.accessToken()))).toEqual([token, token, token, token])
  for (let i = 0; i < 8; i++) expect(await wechat.accessToken()).toBe(token)
  expect(fake.tokenFetches).toBe(2)
  // One slow refresh (300 ms timeout) in all, not one per call.
  expect(Date.now() - started).toBeLessThan(900)

  // After the backoff one more refresh is tried; it fails too, and the next wait is twice as long.
  now += 5_000
  expect(await wechat.accessToken()).toBe(token)
  expect(fake.tokenFetches).toBe(3)
  now += 5_000
  expect(await wechat.accessToken()).toBe(token)
  expect(fake.tokenFetches).toBe(3)
  now += 5_000
  expect(await wechat.accessToken()).toBe(token)
  expect(fake.tokenFetches).toBe(4)

  // WeChat recovers: the next refresh after the backoff replaces the token, and the backoff is reset.
  fake.tokenFailure = undefined
  now += 20_000
  const fresh = await wechat.accessToken()
  expect(fresh).not.toBe(token)
  expect(fake.tokenFetches).toBe(5)
})

test('with no usable token, callers inside the backoff are refused at once, told when to try again', async () => {
  let now = 1_000_000
  const wechat = client(() => now)
  fake.tokenFailure = -1
  const first = (await wechat.accessToken().catch((e: unknown) => e)) as WechatError
  expect(first).toBeInstanceOf(WechatError)
  expect([first.message, first.retryAt]).toEqual(['access token refused: -1 forced -1', now + 5_000])
  const again = (await Promise.all([1, 2, 3].map(() => wechat.accessToken().catch((e: unknown) => e)))) as WechatError[]
  expect(again.map((e) => e.retryAt)).toEqual([now + 5_000, now + 5_000, now + 5_000])
  expect(fake.tokenFetches).toBe(1)
  now += 5_000
  fake.tokenFailure = undefined
  expect(await wechat.accessToken()).toMatch(/^tok_/)
  expect(fake.tokenFetches).toBe(2)
})

test('the dispatcher pauses every worker until the client\'s next refresh, then delivers', async () => {
  const tmp = tempDir()
  let server: ServerProcess | undefined
  try {
    fake.tokenFailure = -1
    server = await startServer(serverEnv(fake, tmp.dir, writeFeed(tmp.dir, []), { SEND_CONCURRENCY: '4', SEND_BACKOFF_MS: '400', SEND_MAX_BACKOFF_MS: '400' }))
    const readers = ['o_t1', 'o_t2', 'o_t3', 'o_t4', 'o_t5', 'o_t6']
    for (const o of readers) expect((await subscribe(server, fake, o)).status).toBe(200)
    writeFeed(tmp.dir, [{ id: '2023-08-22', number: 763, headline: '头条' }])
    await notify(server, '2023-08-22')
    const paused = await waitFor(async () => (await status(server!, '2023-08-22')).json.pausedUntil ?? undefined, 5_000, 'the pause')
    expect(typeof paused).toBe('string')
    // Four workers, one refresh every 400 ms between them.
    await new Promise((r) => setTimeout(r, 1_000))
    expect(fake.tokenFetches).toBeGreaterThanOrEqual(2)
    expect(fake.tokenFetches).toBeLessThanOrEqual(4)
    fake.tokenFailure = undefined
    const s = await waitDone(server, '2023-08-22')
    expect(s.counts).toMatchObject({ sent: 6, total: 6 })
    expect(fake.sends.every((x) => x.errcode === 0)).toBe(true)
  } finally {
    await server?.stop()
    tmp.cleanup()
  }
})
