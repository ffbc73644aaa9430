// Client addresses behind reverse proxies, as the rate limits see them: `npm start`'s own /api/
// proxy (scripts/static-server.mjs) in front of the real server, readers on different loopback
// addresses (Linux routes all of 127/8 to lo), and the bounds on login-code exchanges with WeChat.
import http from 'node:http'
import { startFakeWechat, type FakeWechat } from './support/fake-wechat'
import { api, serverEnv, startServer, tempDir, writeFeed, type Answer, type ServerProcess } from './support/server-process'

let fake: FakeWechat
let server: ServerProcess | undefined
let tmp: ReturnType<typeof tempDir>
let feedDir: string

beforeEach(async () => {
  fake = await startFakeWechat()
  tmp = tempDir()
  feedDir = writeFeed(tmp.dir, [{ id: '2023-08-22', number: 763, headline: '头条' }])
})
afterEach(async () => {
  await server?.stop()
  server = undefined
  await fake.close()
  tmp.cleanup()
})

/** POSTs a subscription to `base` from the local address `from`. */
function postFrom(base: string, from: string, code: string, headers: Record<string, string> = {}): Promise<Answer> {
  const raw = Buffer.from(JSON.stringify({ code, templateId: fake.templateId, result: 'accept' }))
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}api/subscriptions`, { method: 'POST', localAddress: from, agent: false, headers: { 'content-type': 'application/json', 'content-length': String(raw.length), ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }))
    })
    req.on('error', reject)
    req.end(raw)
  })
}

test('through npm start\'s /api/ proxy each reader has their own rate-limit bucket, whatever X-Forwarded-For they send', async () => {
  const { startStaticServer, trustProxyBehind } = await import('../../scripts/static-server.mjs')
  expect([trustProxyBehind({}), trustProxyBehind({ TRUST_PROXY: '1' }), trustProxyBehind({ TRUST_PROXY: 'x' })]).toEqual(['1', '2', 'x'])
  server = await startServer(serverEnv(fake, tmp.dir, feedDir, { TRUST_PROXY: trustProxyBehind({}), RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '1' }))
  const front = await startStaticServer({ appDir: tmp.dir, feedDir, port: 0, apiTarget: server.url })
  try {
    const a: number[] = []
    for (let i = 0; i < 3; i++) a.push((await postFrom(front.url, '127.0.0.2', fake.issueCode(`o_a${i}`))).status)
    expect(a).toEqual([200, 200, 429])
    // Another reader behind the same proxy is not refused for the first one's requests …
    expect((await postFrom(front.url, '127.0.0.3', fake.issueCode('o_b'))).status).toBe(200)
    // … and the first cannot escape their bucket by claiming another address.
    expect((await postFrom(front.url, '127.0.0.2', fake.issueCode('o_a9'), { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429)
    expect(server.output()).not.toContain('X-Forwarded-For')
  } finally {
    await new Promise((r) => front.server.close(r))
  }
})

test('requests through a proxy the server does not trust share one bucket, and the server says so once', async () => {
  server = await startServer(serverEnv(fake, tmp.dir, feedDir, { TRUST_PROXY: '0', RATE_LIMIT_BURST: '2', RATE_LIMIT_PER_MINUTE: '1' }))
  const statuses: number[] = []
  for (let i = 0; i < 3; i++) statuses.push((await postFrom(`${server.url}/`, '127.0.0.1', fake.issueCode(`o_p${i}`), { 'x-forwarded-for': `192.0.2.${i}` })).status)
  expect(statuses).toEqual([200, 200, 429])
  const warnings = server.output().split('\n').filter((l) => l.includes('X-Forwarded-For'))
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toContain('warn requests arrive with X-Forwarded-For but TRUST_PROXY=0')
})

test('made-up login codes cannot spend the AppID\'s code-exchange quota: bounded per address and in all', async () => {
  const startedAt = Date.now()
  server = await startServer(serverEnv(fake, tmp.dir, feedDir, { TRUST_PROXY: '1', CODE_EXCHANGE_PER_ADDRESS_PER_MINUTE: '3', CODE_EXCHANGE_PER_MINUTE: '14' }))
  const from = (ip: string, code: string) => api(server!.url, 'POST', '/api/subscriptions', { body: { code, templateId: fake.templateId, result: 'accept' }, headers: { 'x-forwarded-for': ip } })

  // One address guessing codes: three reach WeChat, then it is refused here.
  const guesses: Answer[] = []
  for (let i = 0; i < 5; i++) guesses.push(await from('192.0.2.1', `made-up-${i}`))
  expect(guesses.map((r) => r.status)).toEqual([400, 400, 400, 429, 429])
  expect(guesses[3].json.error).toBe('too many unrecognised login codes from this address; try again later')
  expect(Number(guesses[3].headers['retry-after'])).toBeGreaterThanOrEqual(1)
  expect(fake.codeExchanges).toBe(3)

  // Nor is an address whose codes could not be checked because WeChat was busy.
  fake.codeFailure = -1
  const busy: number[] = []
  for (let i = 0; i < 5; i++) busy.push((await from('192.0.2.3', fake.issueCode('o_busy'))).status)
  expect(busy).toEqual([503, 503, 503, 503, 503])
  fake.codeFailure = undefined
  expect((await from('192.0.2.3', fake.issueCode('o_busy'))).status).toBe(200)
  expect(fake.codeExchanges).toBe(9)

  // A reader whose codes WeChat accepts is not held to that bound.
  for (let i = 0; i < 5; i++) expect((await from('192.0.2.2', fake.issueCode('o_keen'))).status).toBe(200)
  expect(fake.codeExchanges).toBe(14)

  // A flood from many addresses: the server-wide bound stops it (14 a minute, all spent above, plus
  // what has trickled back in since the server started).
  const flood: Answer[] = []
  for (let i = 0; i < 20; i++) flood.push(await from(`198.51.100.${i}`, `made-up-flood-${i}`))
  const refilled = Math.floor(((Date.now() - startedAt) / 60_000) * 14)
  expect(fake.codeExchanges).toBeLessThanOrEqual(14 + refilled)
  const refused = flood.filter((r) => r.status === 429)
  expect(refused.length).toBeGreaterThanOrEqual(20 - refilled)
  expect(refused[0].json.error).toBe('the server is checking too many login codes right now; try again later')
  expect(Number(refused[0].headers['retry-after'])).toBeGreaterThanOrEqual(1)
})
