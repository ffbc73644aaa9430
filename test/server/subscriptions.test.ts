// The public subscription endpoint, admin refusals and configuration, against the real server process
// over HTTP with a real SQLite file and a local fake of WeChat's API.
import { spawnSync } from 'node:child_process'
import http from 'node:http'
import { startFakeWechat, type FakeWechat } from './support/fake-wechat'
import { ADMIN_TOKEN, api, notify, root, serverEnv, startServer, subscribe, tempDir, waitDone, writeFeed, type ServerProcess } from './support/server-process'

jest.setTimeout(30_000)

let fake: FakeWechat
let server: ServerProcess | undefined
let tmp: ReturnType<typeof tempDir>
let feedDir: string

beforeAll(async () => { fake = await startFakeWechat() })
afterAll(() => fake.close())
beforeEach(() => {
  tmp = tempDir()
  feedDir = writeFeed(tmp.dir, [{ id: '2023-08-22', number: 763, headline: '高新区召开重点项目推进会' }])
})
afterEach(async () => {
  await server?.stop()
  server = undefined
  tmp.cleanup()
})

test('accept grants one credit each time; reject, ban and filter are recorded and clear the credits', async () => {
  server = await startServer(serverEnv(fake, tmp.dir, feedDir))
  const steps: [string, string, { result: string, credits: number }][] = [
    ['o_alice', 'accept', { result: 'accept', credits: 1 }],
    ['o_alice', 'accept', { result: 'accept', credits: 2 }],
    ['o_alice', 'reject', { result: 'reject', credits: 0 }],
    ['o_alice', 'accept', { result: 'accept', credits: 1 }],
    ['o_alice', 'ban', { result: 'ban', credits: 0 }],
    ['o_bob', 'filter', { result: 'filter', credits: 0 }],
    ['o_carol', 'accept', { result: 'accept', credits: 1 }]
  ]
  for (const [openid, result, expected] of steps) {
    const r = await subscribe(server, fake, openid, result)
    expect([openid, result, r.status, r.json]).toEqual([openid, result, 200, { ...expected, readerToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }])
    // The openid identifies the reader; the app never needs it, so it is never returned.
    expect(JSON.stringify(r.json)).not.toContain(openid)
  }
  // The next issue is published and notified: only Carol still holds a credit.
  writeFeed(tmp.dir, [{ id: '2023-08-29', number: 764, headline: '新学期 新气象' }, { id: '2023-08-22', number: 763, headline: '高新区召开重点项目推进会' }])
  expect((await notify(server, '2023-08-29')).json).toMatchObject({ created: true, queued: 1 })
  await waitDone(server, '2023-08-29')
  expect(fake.delivered().map((s) => s.touser)).toEqual(['o_carol'])
})

test('invalid subscriptions are refused: 400 with the field, 413 over the body limit, 415 for non-JSON', async () => {
  server = await startServer(serverEnv(fake, tmp.dir, feedDir))
  const post = (body: unknown, headers: Record<string, string> = {}) => api(server!.url, 'POST', '/api/subscriptions', { body, headers })
  const good = { code: 'abc_DEF-123', templateId: fake.templateId, result: 'accept' }
  const fieldOf = (r: { json: Record<string, unknown> }) => (r.json.problems as { field: string }[]).map((p) => p.field)

  for (const [change, field] of [
    [{ code: '' }, 'code'],
    [{ code: 'has space' }, 'code'],
    [{ code: 'x'.repeat(129) }, 'code'],
    [{ code: 12345 }, 'code'],
    [{ templateId: 'someone-elses-template' }, 'templateId'],
    [{ templateId: undefined }, 'templateId'],
    [{ result: 'maybe' }, 'result'],
    [{ result: 'ACCEPT' }, 'result']
  ] as [Record<string, unknown>, string][]) {
    const r = await post({ ...good, ...change })
    expect([JSON.stringify(change), r.status, r.json.error, fieldOf(r)]).toEqual([JSON.stringify(change), 400, 'invalid subscription', [field]])
  }
  const all = await post({})
  expect([all.status, fieldOf(all)]).toEqual([400, ['code', 'templateId', 'result']])
  for (const body of ['[]', 'null', '"accept"']) {
    const r = await post(body, { 'content-type': 'application/json' })
    expect([body, r.status, fieldOf(r)]).toEqual([body, 400, ['']])
  }
  const broken = await post('{"code": "abc", ', { 'content-type': 'application/json' })
  expect([broken.status, broken.json.error]).toEqual([400, 'the body is not valid JSON'])

  const big = await post({ ...good, padding: 'x'.repeat(5000) })
  expect([big.status, big.json.error]).toEqual([413, 'the body must be at most 4096 bytes'])
  const form = await post('code=abc&result=accept', { 'content-type': 'application/x-www-form-urlencoded' })
  expect([form.status, form.json.error]).toEqual([415, 'the body must be JSON (Content-Type: application/json)'])
  const untyped = await post(JSON.stringify(good), {})
  expect(untyped.status).toBe(415)

  // A body over the limit without Content-Length (chunked) is cut off while it is read.
  const chunked = await new Promise<number>((resolve, reject) => {
    const req = http.request(`${server!.url}/api/subscriptions`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', reject)
    for (let i = 0; i < 10; i++) req.write(`{"pad${i}":"${'y'.repeat(1000)}",`)
    req.end('"x":1}')
  })
  expect(chunked).toBe(413)

  const wrongMethod = await api(server.url, 'GET', '/api/subscriptions')
  expect([wrongMethod.status, wrongMethod.headers.allow]).toEqual([405, 'POST'])
  expect((await api(server.url, 'GET', '/nothing-here')).status).toBe(404)
  // Nothing of the above reached WeChat or created a reader.
  expect((await notify(server, '2023-08-22')).json).toMatchObject({ queued: 0 })
})

test('a login code WeChat refuses (invalid, or already used) is a 400 asking for a new wx.login', async () => {
  server = await startServer(serverEnv(fake, tmp.dir, feedDir))
  const code = fake.issueCode('o_dave')
  const body = { code, templateId: fake.templateId, result: 'accept' }
  expect((await api(server.url, 'POST', '/api/subscriptions', { body })).status).toBe(200)
  const reused = await api(server.url, 'POST', '/api/subscriptions', { body })
  expect([reused.status, reused.json.error]).toEqual([400, 'the login code is invalid, expired or already used; call wx.login again'])
  expect(reused.json.problems).toEqual([{ field: 'code', message: 'WeChat refused it (40163)' }])
  const unknown = await api(server.url, 'POST', '/api/subscriptions', { body: { ...body, code: 'never-issued' } })
  expect([unknown.status, unknown.json.problems]).toEqual([400, [{ field: 'code', message: 'WeChat refused it (40029)' }]])
})

test('the public endpoint is rate-limited per client: 429 with Retry-After', async () => {
  server = await startServer(serverEnv(fake, tmp.dir, feedDir, { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '6', TRUST_PROXY: '1' }))
  // Behind a trusted proxy the client is the last X-Forwarded-For entry (documentation addresses, only a header).
  const from = (ip: string) => api(server!.url, 'POST', '/api/subscriptions', { body: { code: fake.issueCode(`o_${ip}`), templateId: fake.templateId, result: 'accept' }, headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` } })
  const statuses = []
  for (let i = 0; i < 4; i++) statuses.push((await from('192.0.2.1')).status)
  expect(statuses).toEqual([200, 200, 200, 429])
  const limited = await from('192.0.2.1')
  expect([limited.status, limited.json.error]).toEqual([429, 'too many requests; try again later'])
  // One token per 10 s refills: the client is told to wait about that long.
  expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(9)
  expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(10)
  expect((await from('192.0.2.2')).status).toBe(200)
  // Refused requests count too: a client cannot probe for free.
  const bad = await api(server.url, 'POST', '/api/subscriptions', { body: 'x', headers: { 'content-type': 'text/plain', 'x-forwarded-for': '192.0.2.1' } })
  expect(bad.status).toBe(429)
})

test('admin endpoints refuse requests without the bearer token (401) or with a wrong one (403)', async () => {
  server = await startServer(serverEnv(fake, tmp.dir, feedDir))
  for (const method of ['POST', 'GET']) {
    const none = await api(server.url, method, '/api/issues/2023-08-22/notify')
    expect([method, none.status, none.headers['www-authenticate'], none.json.error]).toEqual([method, 401, 'Bearer realm="admin"', 'this endpoint needs Authorization: Bearer <ADMIN_TOKEN>'])
    const basic = await api(server.url, method, '/api/issues/2023-08-22/notify', { headers: { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` } })
    expect(basic.status).toBe(401)
    const wrong = await api(server.url, method, '/api/issues/2023-08-22/notify', { headers: { authorization: `Bearer ${ADMIN_TOKEN}x` } })
    expect([wrong.status, wrong.json.error]).toEqual([403, 'wrong admin token'])
    const prefix = await api(server.url, method, '/api/issues/2023-08-22/notify', { headers: { authorization: `Bearer ${ADMIN_TOKEN.slice(0, 20)}` } })
    expect(prefix.status).toBe(403)
  }
  const ok = await api(server.url, 'POST', '/api/issues/2023-08-22/notify', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  expect(ok.status).toBe(202)
  const badId = await api(server.url, 'POST', '/api/issues/..%2Fetc/notify', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  expect(badId.status).toBe(400)
  const missing = await api(server.url, 'POST', '/api/issues/2099-01-01/notify', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  expect([missing.status, missing.json.error]).toEqual([404, 'the feed has no issue 2099-01-01'])
})

test('without WeChat credentials the server runs with notifications off', async () => {
  server = await startServer({ DATABASE_PATH: `${tmp.dir}/off.sqlite`, ADMIN_TOKEN })
  expect((await api(server.url, 'GET', '/healthz')).json).toEqual({ ok: true, notifications: false, tokenFetches: 0 })
  const sub = await api(server.url, 'POST', '/api/subscriptions', { body: { code: 'abc', templateId: 'x', result: 'accept' } })
  expect([sub.status, sub.json.error]).toEqual([503, 'notifications are not configured on this server'])
  const n = await api(server.url, 'POST', '/api/issues/2023-08-22/notify', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  expect(n.status).toBe(503)
  expect(server.output()).toContain('notifications are off')
  expect(await server.stop()).toBe(0)
  server = await startServer({ DATABASE_PATH: `${tmp.dir}/off.sqlite` })
  const noAdmin = await api(server.url, 'POST', '/api/issues/2023-08-22/notify', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
  expect([noAdmin.status, noAdmin.json.error]).toEqual([403, 'admin endpoints are disabled: ADMIN_TOKEN is not set on the server'])
})

test('a bad configuration stops the server at start with every problem listed, and no secret', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, WECHAT_APPID: 'wx1', WECHAT_SECRET: 'very-secret-value', PORT: 'eighty', ADMIN_TOKEN: 'short', WECHAT_TEMPLATE_FIELDS: '{"title":"number1"}', DATABASE_PATH: `${tmp.dir}/x.sqlite` }
  })
  expect(r.status).toBe(1)
  expect(r.stderr).toContain('invalid configuration:')
  expect(r.stderr).toContain('(missing: WECHAT_TEMPLATE_ID)')
  expect(r.stderr).toContain('PORT must be an integer from 0 to 65535, got "eighty"')
  expect(r.stderr).toContain('ADMIN_TOKEN must be at least 16 characters')
  expect(r.stderr).toContain('WECHAT_TEMPLATE_FIELDS "title" cannot go into key "number1": use a key of type thing followed by its number, e.g. thing1')
  expect(r.stderr + r.stdout).not.toContain('very-secret-value')
})
