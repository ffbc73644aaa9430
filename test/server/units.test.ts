// The server's pure parts in-process: message content, configuration, rate limiting, send-outcome
// classification, and the database's migrations.
import http, { type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { clientAddress } from '../../server/http'
import { ConfigError, loadConfig } from '../../server/config'
import Database from 'better-sqlite3'
import { MIGRATIONS, openDatabase, schemaVersion } from '../../server/db'
import { Outbox } from '../../server/outbox'
import { Publications } from '../../server/publications'
import { RateLimiter } from '../../server/rate-limit'
import { buildMessageData, DEFAULT_TEMPLATE_FIELDS, issuePagePath, parseTemplateFields, truncate } from '../../server/template'
import { classify } from '../../server/wechat-client'
import { tempDir } from './support/server-process'

const issue = { id: '2023-08-22', date: '2023-08-22', number: 763, yearNumber: 32, headline: '济宁高新区召开2023年下半年重点项目建设推进会', paperName: '高新区报' }

test('headlines are cut to the thing limit by characters, with an ellipsis; short ones are left alone', () => {
  expect(truncate('一二三四五六七八九十一二三四五六七八九十', 20)).toBe('一二三四五六七八九十一二三四五六七八九十')
  expect(truncate('一二三四五六七八九十一二三四五六七八九十一', 20)).toBe('一二三四五六七八九十一二三四五六七八九…')
  // Characters outside the BMP count once, as WeChat counts them, and are never split.
  expect(truncate('𠮷'.repeat(25), 20)).toBe(`${'𠮷'.repeat(19)}…`)
  const data = buildMessageData(parseTemplateFields(DEFAULT_TEMPLATE_FIELDS), { ...issue, headline: ' 标题\n第二行\t有  空格 ' })
  expect(data).toEqual({ thing1: { value: '标题 第二行 有 空格' }, date2: { value: '2023年8月22日' }, character_string3: { value: '763' } })
  expect(issuePagePath('2023-08-22')).toBe('pages/issue/index?id=2023-08-22')
})

test('template fields map issue facts to typed keys and refuse combinations WeChat would reject', () => {
  const data = buildMessageData(parseTemplateFields('{"title":"thing2","yearNumber":"thing5","number":"number3","date":"character_string9","paper":"thing7"}'), issue)
  expect(data).toEqual({
    thing2: { value: '济宁高新区召开2023年下半年重点项目…' },
    thing5: { value: '2023年第32期' },
    number3: { value: '763' },
    character_string9: { value: '2023-08-22' },
    thing7: { value: '高新区报' }
  })
  expect(() => parseTemplateFields('not json')).toThrow('is not JSON')
  expect(() => parseTemplateFields('[]')).toThrow('must be a JSON object')
  expect(() => parseTemplateFields('{}')).toThrow('names no fields')
  expect(() => parseTemplateFields('{"headline":"thing1"}')).toThrow('unknown role "headline"')
  expect(() => parseTemplateFields('{"title":"character_string1"}')).toThrow('"title" cannot go into key "character_string1"')
  expect(() => parseTemplateFields('{"date":"number1"}')).toThrow('use a key of type date or thing or character_string')
  expect(() => parseTemplateFields('{"title":"thing1","paper":"thing1"}')).toThrow('key "thing1" is used twice')
})

test('configuration: defaults, notifications off without credentials, every problem reported at once', () => {
  const off = loadConfig({})
  expect(off.wechat).toBeNull()
  expect(off).toMatchObject({ host: '127.0.0.1', port: 8787, adminToken: null, feed: null, trustProxy: 0, bodyLimitBytes: 4096, rateLimit: { burst: 10, perMinute: 30 } })
  expect(off.databasePath).toBe(path.resolve(__dirname, '../../server/data/notifications.sqlite'))

  const on = loadConfig({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', WECHAT_TEMPLATE_ID: 't', FEED_URL: 'https://example.org/feed', WECHAT_API_BASE: 'http://127.0.0.1:9/' })
  expect(on.wechat).toMatchObject({ apiBase: 'http://127.0.0.1:9', miniprogramState: 'formal', lang: 'zh_CN' })
  expect(on.feed).toEqual({ kind: 'url', url: 'https://example.org/feed/' })
  expect(loadConfig({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', WECHAT_TEMPLATE_ID: 't', FEED_DIR: 'dist/feed' }).wechat?.apiBase).toBe('https://api.weixin.qq.com')

  let error: ConfigError | undefined
  try {
    loadConfig({ WECHAT_APPID: 'wx1', WECHAT_SECRET: 's', WECHAT_TEMPLATE_ID: 't', SEND_CONCURRENCY: '0', TRUST_PROXY: 'perhaps', WECHAT_MINIPROGRAM_STATE: 'beta' })
  } catch (e) {
    error = e as ConfigError
  }
  expect(error?.problems).toEqual([
    'WECHAT_MINIPROGRAM_STATE must be formal, trial or developer, got "beta"',
    'notifications are on, so FEED_DIR or FEED_URL must say where the feed is',
    'TRUST_PROXY is the number of reverse proxies in front of the server (0: none), got "perhaps"',
    'SEND_CONCURRENCY must be an integer from 1 to 64, got "0"'
  ])
  expect(() => loadConfig({ FEED_DIR: 'a', FEED_URL: 'https://b/' })).toThrow('set FEED_DIR or FEED_URL, not both')
})

test('rate limiter: a burst, then one request per refill interval, per key, in bounded memory', () => {
  let now = 0
  const limiter = new RateLimiter({ burst: 2, perMinute: 6, maxKeys: 3 }, () => now)
  expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([{ ok: true }, { ok: true }, { ok: false, retryAfterSeconds: 10 }])
  now = 4_000
  expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 6 })
  now = 10_000
  expect(limiter.take('a')).toEqual({ ok: true })
  expect(limiter.take('b')).toEqual({ ok: true })
  // Forgetting the least recently seen key only ever gives it a full bucket again.
  for (const k of ['c', 'd', 'e']) limiter.take(k)
  expect([limiter.take('a'), limiter.take('a')]).toEqual([{ ok: true }, { ok: true }])
})

test('send answers are classified: only an explicit "not delivered" is ever retried', () => {
  expect(classify({ errcode: 0, errmsg: 'ok' })).toEqual({ kind: 'sent' })
  expect(classify({ errcode: -1, errmsg: 'system error' }).kind).toBe('retry')
  expect(classify({ errcode: 42001, errmsg: 'expired' }).kind).toBe('retry')
  expect(classify({ errcode: 45009, errmsg: 'quota' }).kind).toBe('rate-limited')
  expect(classify({ errcode: 43101, errmsg: 'refuse' }).kind).toBe('dropped')
  expect(classify({ errcode: 40003, errmsg: 'openid' })).toEqual({ kind: 'failed', errcode: 40003, errmsg: 'openid', refund: false })
  expect(classify({ errcode: 40037, errmsg: 'template' })).toEqual({ kind: 'failed', errcode: 40037, errmsg: 'template', refund: true })
  expect(classify({ errcode: 47003, errmsg: 'argument invalid' })).toMatchObject({ kind: 'failed', refund: true })
  expect(classify({ failed: true, maybeProcessed: false, errmsg: 'connect ECONNREFUSED' })).toEqual({ kind: 'retry', errcode: null, errmsg: 'not sent: connect ECONNREFUSED' })
  expect(classify({ failed: true, maybeProcessed: true, errmsg: 'no answer within 3000 ms' })).toEqual({ kind: 'unknown', errmsg: 'sent, but no answer: no answer within 3000 ms' })
})

test('migrations run once, in WAL mode, and a database from a newer server is refused', () => {
  const tmp = tempDir()
  try {
    const file = path.join(tmp.dir, 'nested', 'db.sqlite')
    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    db.close()
    const again = openDatabase(file)
    expect((again.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(MIGRATIONS.length)
    again.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, 0)').run(MIGRATIONS.length + 1)
    again.close()
    expect(() => openDatabase(file)).toThrow(`the database is at schema version ${MIGRATIONS.length + 1}, newer than this server knows (${MIGRATIONS.length})`)
  } finally {
    tmp.cleanup()
  }
})

test('the client address is the one TRUST_PROXY hops away; fewer hops than trusted means the proxies were bypassed', () => {
  const req = (remote: string, xff?: string) => ({ socket: { remoteAddress: remote }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage
  expect(clientAddress(req('10.0.0.1', '203.0.113.9'), 0)).toBe('10.0.0.1')
  expect(clientAddress(req('10.0.0.1', '198.51.100.1, 203.0.113.9'), 1)).toBe('203.0.113.9')
  expect(clientAddress(req('10.0.0.2', '198.51.100.1, 203.0.113.9, 10.0.0.1'), 2)).toBe('203.0.113.9')
  expect(clientAddress(req('10.0.0.2', ' 203.0.113.9 ,10.0.0.1'), 2)).toBe('203.0.113.9')
  // Not through both proxies: whatever the header says was written by the client.
  expect(clientAddress(req('203.0.113.5', '198.51.100.1'), 2)).toBe('203.0.113.5')
  expect(clientAddress(req('10.0.0.1'), 1)).toBe('10.0.0.1')
  expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
  expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow('TRUST_PROXY is the number of reverse proxies in front of the server (0: none), got "true"')
})

test('migration 2 turns counted credits into dated ones and dates issues already notified', () => {
  const tmp = tempDir()
  try {
    const file = path.join(tmp.dir, 'v1.sqlite')
    // A database as the first release left it: schema version 1, credits as a count per reader.
    const v1 = new Database(file)
    v1.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)')
    v1.exec(MIGRATIONS[0])
    v1.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (1, 0)').run()
    v1.prepare("INSERT INTO subscribers (openid, status, credits, created_at, updated_at) VALUES ('o_two', 'accept', 2, 100, 500), ('o_none', 'reject', 0, 100, 600), ('o_one', 'accept', 1, 100, 700)").run()
    v1.prepare("INSERT INTO campaigns (issue_id, template_id, page, data, created_at) VALUES ('2023-08-15', 't', 'p', '{}', 400)").run()
    v1.prepare("INSERT INTO outbox (issue_id, openid, state, created_at) VALUES ('2023-08-15', 'o_one', 'pending', 400)").run()
    v1.close()

    const db = openDatabase(file)
    expect(schemaVersion(db)).toBe(MIGRATIONS.length)
    expect(db.prepare('SELECT openid, granted_at AS grantedAt, outbox_id AS outboxId FROM credits ORDER BY openid, id').all()).toEqual([
      { openid: 'o_one', grantedAt: 700, outboxId: null },
      { openid: 'o_two', grantedAt: 500, outboxId: null },
      { openid: 'o_two', grantedAt: 500, outboxId: null }
    ])
    expect(db.prepare('SELECT issue_id AS id, published_at AS at FROM issues').all()).toEqual([{ id: '2023-08-15', at: 400 }])
    expect(db.prepare('PRAGMA table_info(subscribers)').all().map((c) => (c as { name: string }).name)).not.toContain('credits')

    const outbox = new Outbox(db)
    // A message queued under version 1 that fails by our fault gives its credit back, dated before it was queued.
    const claimed = outbox.claim()!
    outbox.markFailed(claimed.id, 47003, 'bad field', true)
    expect(db.prepare("SELECT granted_at AS at FROM credits WHERE openid = 'o_one' ORDER BY id").all()).toEqual([{ at: 700 }, { at: 400 }])
    // An issue published after the migration is paid for by those credits, one per reader.
    expect(outbox.enqueue({ issueId: '2023-08-22', templateId: 't', page: 'p', data: {} }, 800, 900)).toEqual({ created: true, queued: 2 })
    expect(db.prepare('SELECT openid, granted_at AS at FROM credits WHERE outbox_id IS NULL ORDER BY openid').all()).toEqual([{ openid: 'o_one', at: 700 }, { openid: 'o_two', at: 500 }])
    // Credits granted after an issue was published wait for the next one.
    expect(outbox.enqueue({ issueId: '2023-08-29', templateId: 't', page: 'p', data: {} }, 600, 950)).toEqual({ created: true, queued: 1 })
    db.close()
  } finally {
    tmp.cleanup()
  }
})

test('feed reads are shared only by callers that asked after the read began, so none misses an issue published before it asked', async () => {
  const tmp = tempDir()
  let requests = 0
  let index = { version: 1, paper: { id: 'gxqb', name: '高新区报' }, updatedAt: '2023-08-22T08:00:00+08:00', issues: [] as unknown[] }
  const feedHost = http.createServer((_req, res) => {
    requests++
    const body = JSON.stringify(index)
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body), 100)
  })
  await new Promise<void>((resolve) => feedHost.listen(0, '127.0.0.1', resolve))
  const db = openDatabase(path.join(tmp.dir, 'p.sqlite'))
  let publications: Publications | undefined
  try {
    const url = `http://127.0.0.1:${(feedHost.address() as AddressInfo).port}/`
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined }
    let now = 1_000
    publications = new Publications(db, { kind: 'url', url }, 2_000, log, () => now)
    const first = publications.observe(1_000)
    // Asked while the first read is under way but after it began: shared.
    const shared = publications.observe(1_000)
    expect(shared).toBe(first)
    // The newsroom publishes once the first read has reached the feed host; a caller who asks now must
    // not get the read that began before.
    while (requests === 0) await new Promise((r) => setTimeout(r, 5))
    index = { ...index, issues: [{ id: '2023-08-29', date: '2023-08-29', number: 764, yearNumber: 64, pageCount: 4, articleCount: 10, headline: '头条', path: 'issues/2023-08-29.json' }] }
    now = 2_000
    const later = publications.observe(2_000)
    expect(later).not.toBe(first)
    expect((await first).issues).toHaveLength(0)
    expect((await later).issues.map((i) => i.id)).toEqual(['2023-08-29'])
    expect(requests).toBe(2)
    expect(publications.publishedAt('2023-08-29')).toBe(2_000)
    // Seen again later: the first sighting stands.
    now = 3_000
    await publications.observe(3_000)
    expect(publications.publishedAt('2023-08-29')).toBe(2_000)
  } finally {
    await publications?.stop()
    db.close()
    await new Promise((r) => feedHost.close(r))
    tmp.cleanup()
  }
})
