// The newsroom console's doors: switched off without ADMIN_TOKEN, the page and its CSP, 401 without a
// session on every API route, cross-site refusal, login (wrong token, rate limit, cookie), logout, and
// the token never in the log. Real server process, real SQLite.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { call, cookieOf, filesForm, login } from './support/console'
import { ADMIN_TOKEN, root, startServer, tempDir, type ServerProcess } from './support/server-process'

jest.setTimeout(30_000)

let tmp: ReturnType<typeof tempDir>
let server: ServerProcess | undefined
let feedDir: string
let pageDir: string

const SAMPLE_TEXT = path.join(root, 'sample', 'issue-763.txt')
const WRONG = 'not-the-admin-token-but-long-enough'

function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { ADMIN_TOKEN, FEED_DIR: feedDir, DATABASE_PATH: path.join(tmp.dir, 'db.sqlite'), CONSOLE_DIR: pageDir, ...extra }
}

beforeEach(() => {
  tmp = tempDir()
  feedDir = path.join(tmp.dir, 'feed')
  mkdirSync(feedDir)
  pageDir = path.join(tmp.dir, 'console')
  mkdirSync(pageDir)
  writeFileSync(path.join(pageDir, 'index.html'), '<!doctype html><title>编辑台</title><script type="module" src="/newsroom/console-ABCD1234.js"></script>')
  writeFileSync(path.join(pageDir, 'console-ABCD1234.js'), 'console.log(1)')
})

afterEach(async () => {
  await server?.stop()
  server = undefined
  tmp.cleanup()
})

describe('without ADMIN_TOKEN', () => {
  test('the page loads with a strict CSP and the API says the console is off and how to switch it on', async () => {
    server = await startServer(env({ ADMIN_TOKEN: undefined }))
    const page = await call(server.url, 'GET', '/newsroom/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.bytes.toString()).toContain('<title>编辑台</title>')
    const csp = page.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    const js = await call(server.url, 'GET', '/newsroom/console-ABCD1234.js')
    expect([js.status, js.headers.get('content-type'), js.headers.get('cache-control')]).toEqual([200, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'])
    expect((await call(server.url, 'GET', '/newsroom')).headers.get('location')).toBe('/newsroom/')
    expect((await call(server.url, 'GET', '/newsroom/../../package.json')).status).not.toBe(200)

    const session = await call(server.url, 'GET', '/newsroom/api/session')
    expect(session.status).toBe(503)
    expect(session.json.error).toBe('console-off')
    expect(session.json.message).toMatch(/^控制台未开启/)
    expect(session.json.message).toContain('ADMIN_TOKEN')
    expect(session.json.message).toContain('16')
    const attempt = await call(server.url, 'POST', '/newsroom/api/login', { body: { token: ADMIN_TOKEN } })
    expect([attempt.status, attempt.json.error]).toEqual([503, 'console-off'])
  })

  test('an unbuilt page says how to build it, as HTML', async () => {
    server = await startServer(env({ CONSOLE_DIR: path.join(tmp.dir, 'nothing-here') }))
    const page = await call(server.url, 'GET', '/newsroom/')
    expect(page.status).toBe(404)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.bytes.toString()).toContain('控制台尚未构建：运行 npm start 或 npm run build:console')
  })
})

describe('with ADMIN_TOKEN', () => {
  const ROUTES: Array<[string, string]> = [
    ['GET', '/newsroom/api/session'],
    ['POST', '/newsroom/api/logout'],
    ['GET', '/newsroom/api/drafts'],
    ['POST', '/newsroom/api/drafts'],
    ['GET', '/newsroom/api/drafts/d-0123456789abcdef'],
    ['PUT', '/newsroom/api/drafts/d-0123456789abcdef'],
    ['DELETE', '/newsroom/api/drafts/d-0123456789abcdef'],
    ['GET', '/newsroom/api/drafts/d-0123456789abcdef/files/page-1.jpg'],
    ['POST', '/newsroom/api/drafts/d-0123456789abcdef/plan'],
    ['POST', '/newsroom/api/drafts/d-0123456789abcdef/publish'],
    ['GET', '/newsroom/api/issues'],
    ['POST', '/newsroom/api/issues/2023-08-22/draft'],
    ['POST', '/newsroom/api/issues/2023-08-22/notify'],
    ['GET', '/newsroom/api/issues/2023-08-22/notify'],
    ['DELETE', '/newsroom/api/issues/2023-08-22']
  ]

  test('every API route answers 401 without a session, and with an unknown one', async () => {
    server = await startServer(env())
    for (const [method, route] of ROUTES) {
      for (const cookie of [undefined, 'nr_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
        const r = await call(server.url, method, route, { cookie, body: method === 'GET' ? undefined : {} })
        expect([method, route, r.status, r.json.error]).toEqual([method, route, 401, 'unauthenticated'])
        expect(r.json.message).toBe('请先登录。')
      }
    }
  })

  test('a wrong token is refused with 口令不对 and no cookie', async () => {
    server = await startServer(env())
    const r = await call(server.url, 'POST', '/newsroom/api/login', { body: { token: WRONG } })
    expect([r.status, r.json]).toEqual([401, { error: 'wrong-token', message: '口令不对' }])
    expect(r.headers.get('set-cookie')).toBeNull()
    const empty = await call(server.url, 'POST', '/newsroom/api/login', { body: {} })
    expect(empty.status).toBe(401)
  })

  test('login gives an HttpOnly, SameSite=Strict cookie on /newsroom with an expiry, Secure behind https', async () => {
    server = await startServer(env())
    const r = await call(server.url, 'POST', '/newsroom/api/login', { body: { token: ADMIN_TOKEN } })
    expect(r.status).toBe(204)
    const cookie = r.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/^nr_session=[A-Za-z0-9_-]{43}; /)
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/newsroom', 'SameSite=Strict'])
    const session = await call(server.url, 'GET', '/newsroom/api/session', { cookie: cookieOf(r) })
    expect(session.status).toBe(200)
    const expires = Date.parse(session.json.expiresAt)
    expect(Math.abs(expires - (Date.now() + 12 * 3600_000))).toBeLessThan(60_000)
    expect(session.json).toMatchObject({ canPublish: true, notifications: false })

    const https = await call(server.url, 'POST', '/newsroom/api/login', { body: { token: ADMIN_TOKEN }, headers: { 'x-forwarded-proto': 'https' } })
    expect(https.headers.get('set-cookie')).toMatch(/; Secure$/)
    // The database holds a hash of the admin token and the session id, never the id itself.
    const id = cookieOf(r).split('=')[1]
    const db = new Database(path.join(tmp.dir, 'db.sqlite'), { readonly: true })
    const rows = db.prepare('SELECT token_hash AS h FROM console_sessions').all() as Array<{ h: string }>
    db.close()
    expect(rows.map((x) => x.h)).toContain(createHash('sha256').update(ADMIN_TOKEN).update('\0').update(id).digest('hex'))
    expect(JSON.stringify(rows)).not.toContain(id)
  })

  test('logout ends the session on the server and clears the cookie', async () => {
    server = await startServer(env())
    const cookie = await login(server.url)
    const other = await login(server.url)
    expect((await call(server.url, 'GET', '/newsroom/api/drafts', { cookie })).status).toBe(200)
    const out = await call(server.url, 'POST', '/newsroom/api/logout', { cookie })
    expect(out.status).toBe(204)
    expect(out.headers.get('set-cookie')).toMatch(/^nr_session=; .*Max-Age=0/)
    // The old cookie, replayed, opens nothing; another session is untouched.
    expect((await call(server.url, 'GET', '/newsroom/api/drafts', { cookie })).status).toBe(401)
    expect((await call(server.url, 'GET', '/newsroom/api/session', { cookie })).status).toBe(401)
    expect((await call(server.url, 'GET', '/newsroom/api/drafts', { cookie: other })).status).toBe(200)
  })

  test('a session outlives a restart, but not a change of ADMIN_TOKEN', async () => {
    server = await startServer(env())
    const cookie = await login(server.url)
    await server.stop()
    server = await startServer(env())
    expect((await call(server.url, 'GET', '/newsroom/api/drafts', { cookie })).status).toBe(200)
    await server.stop()
    const rotated = `${ADMIN_TOKEN}-rotated`
    server = await startServer(env({ ADMIN_TOKEN: rotated }))
    expect((await call(server.url, 'GET', '/newsroom/api/drafts', { cookie })).status).toBe(401)
    const fresh = await login(server.url, rotated)
    expect((await call(server.url, 'GET', '/newsroom/api/drafts', { cookie: fresh })).status).toBe(200)
  })

  test('cross-site requests are refused, a missing Origin too, even with a valid session; nothing changes', async () => {
    server = await startServer(env())
    const cookie = await login(server.url)
    const upload = () => filesForm([{ name: 'issue-763.txt', data: readFileSync(SAMPLE_TEXT) }])
    for (const origin of ['http://evil.example', null, 'null']) {
      const r = await call(server.url, 'POST', '/newsroom/api/drafts', { cookie, origin, body: upload() })
      expect([String(origin), r.status, r.json.error]).toEqual([String(origin), 403, 'cross-site'])
      expect(r.json.message).toMatch(/[\u4e00-\u9fff]/)
    }
    // A login from another site is refused before the token is even looked at.
    expect((await call(server.url, 'POST', '/newsroom/api/login', { origin: 'http://evil.example', body: { token: ADMIN_TOKEN } })).status).toBe(403)
    expect((await call(server.url, 'GET', '/newsroom/api/drafts', { cookie })).json).toEqual([])

    // The same upload from the page's own origin is taken; so is one the browser marks same-origin.
    const own = await call(server.url, 'POST', '/newsroom/api/drafts', { cookie, body: upload() })
    expect(own.status).toBe(201)
    const del = (origin: string | null, headers: Record<string, string> = {}) => call(server!.url, 'DELETE', `/newsroom/api/drafts/${own.json.id}`, { cookie, origin, headers })
    expect((await del('http://evil.example')).status).toBe(403)
    expect((await del(null)).status).toBe(403)
    expect((await del(null, { 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await call(server.url, 'GET', `/newsroom/api/drafts/${own.json.id}`, { cookie })).status).toBe(200)
    expect((await del(null, { 'sec-fetch-site': 'same-origin' })).status).toBe(204)
  })

  test('behind a trusted proxy the forwarded host counts as the console\'s own', async () => {
    server = await startServer(env({ TRUST_PROXY: '1' }))
    const proxied = { 'x-forwarded-host': 'news.example.cn', 'x-forwarded-for': '203.0.113.9' }
    const ok = await call(server.url, 'POST', '/newsroom/api/login', { origin: 'https://news.example.cn', headers: proxied, body: { token: ADMIN_TOKEN } })
    expect(ok.status).toBe(204)
    const bad = await call(server.url, 'POST', '/newsroom/api/login', { origin: 'https://evil.example', headers: proxied, body: { token: ADMIN_TOKEN } })
    expect(bad.status).toBe(403)
  })

  test('login attempts are limited per client address (429, Retry-After, in Chinese); the right token waits too', async () => {
    server = await startServer(env({ TRUST_PROXY: '1' }))
    const from = (address: string) => ({ 'x-forwarded-for': address })
    for (let i = 0; i < 5; i++) {
      expect((await call(server.url, 'POST', '/newsroom/api/login', { headers: from('198.51.100.7'), body: { token: WRONG } })).status).toBe(401)
    }
    const limited = await call(server.url, 'POST', '/newsroom/api/login', { headers: from('198.51.100.7'), body: { token: ADMIN_TOKEN } })
    expect(limited.status).toBe(429)
    expect(limited.json.error).toBe('rate-limited')
    expect(limited.json.message).toMatch(/^登录尝试太多/)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.headers.get('set-cookie')).toBeNull()
    // Another address is not held back.
    expect((await call(server.url, 'POST', '/newsroom/api/login', { headers: from('198.51.100.8'), body: { token: ADMIN_TOKEN } })).status).toBe(204)
  })

  test('the token never appears in the log, right or wrong', async () => {
    server = await startServer(env())
    await call(server.url, 'POST', '/newsroom/api/login', { body: { token: WRONG } })
    await login(server.url)
    await call(server.url, 'POST', '/newsroom/api/login', { origin: 'http://evil.example', body: { token: ADMIN_TOKEN } })
    const out = server.output()
    expect(out).toContain('console login')
    expect(out).toContain('console login with a wrong token')
    expect(out).not.toContain(ADMIN_TOKEN)
    expect(out).not.toContain(WRONG)
  })

  test('with FEED_URL only, drafts work but publishing says it cannot publish', async () => {
    server = await startServer(env({ FEED_DIR: undefined, FEED_URL: 'http://127.0.0.1:9/feed/' }))
    const cookie = await login(server.url)
    const session = await call(server.url, 'GET', '/newsroom/api/session', { cookie })
    expect(session.json.canPublish).toBe(false)
    const issues = await call(server.url, 'GET', '/newsroom/api/issues', { cookie })
    expect([issues.status, issues.json.error]).toEqual([503, 'cannot-publish'])
    expect(issues.json.message).toContain('FEED_DIR')
    const up = await call(server.url, 'POST', '/newsroom/api/drafts', { cookie, body: filesForm([{ name: 'issue-763.txt', data: readFileSync(SAMPLE_TEXT) }]) })
    expect(up.status).toBe(201)
    const plan = await call(server.url, 'POST', `/newsroom/api/drafts/${up.json.id}/plan`, { cookie })
    expect([plan.status, plan.json.error]).toEqual([503, 'cannot-publish'])
  })
})
