// The console behind `npm start`'s one port (scripts/static-server.mjs): /newsroom/ passed through to
// the notification server like /api/, the page's own requests told from cross-site ones through the
// proxy, and an issue published in the console read by the reader at /feed/ from the same working
// folder, which `npm start` seeds from the sample only when it has no feed yet.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { readBuildFiles } from '../../newsroom/feed-folder'
import { publishIssue } from '../../newsroom/publish'
import { call, cookieOf, filesForm, issue764 } from './support/console'
import { ADMIN_TOKEN, root, startServer, tempDir, type ServerProcess } from './support/server-process'

jest.setTimeout(90_000)

let tmp: ReturnType<typeof tempDir>
let server: ServerProcess | undefined
let front: { server: Server, url: string } | undefined

afterEach(async () => {
  if (front) await new Promise((r) => front!.server.close(r))
  front = undefined
  await server?.stop()
  server = undefined
  tmp.cleanup()
})

beforeEach(() => { tmp = tempDir() })

test('through npm start\'s proxy the console logs in, refuses other sites, and publishes what the reader then reads', async () => {
  const { startStaticServer, trustProxyBehind } = await import('../../scripts/static-server.mjs')
  const feedDir = path.join(tmp.dir, 'feed')
  await publishIssue(feedDir, readBuildFiles({ source: path.join(root, 'sample', 'issue-763.txt') }))
  server = await startServer({ ADMIN_TOKEN, FEED_DIR: feedDir, DATABASE_PATH: path.join(tmp.dir, 'db.sqlite'), TRUST_PROXY: trustProxyBehind({}) })
  front = await startStaticServer({ appDir: tmp.dir, feedDir, port: 0, apiTarget: server.url })
  const base = front.url.replace(/\/$/, '')

  expect((await call(base, 'GET', '/newsroom/api/session')).status).toBe(401)
  const evil = await call(base, 'POST', '/newsroom/api/login', { origin: 'http://evil.example', body: { token: ADMIN_TOKEN } })
  expect(evil.status).toBe(403)
  const login = await call(base, 'POST', '/newsroom/api/login', { body: { token: ADMIN_TOKEN } })
  expect(login.status).toBe(204)
  const cookie = cookieOf(login)

  const text = issue764(readFileSync(path.join(root, 'sample', 'issue-763.txt'), 'utf8'))
  const draft = await call(base, 'POST', '/newsroom/api/drafts', { cookie, body: filesForm([{ name: 'issue-764.txt', data: text }]) })
  expect(draft.status).toBe(201)
  const published = await call(base, 'POST', `/newsroom/api/drafts/${draft.json.id}/publish`, { cookie, body: { revision: 1, confirm: { date: '2023-08-29', number: 764 } } })
  expect(published.status).toBe(200)

  // The reader's feed, from the same folder: the new issue first, the sample issue kept.
  const index = await call(base, 'GET', '/feed/index.json')
  expect(index.json.issues.map((s: any) => s.id)).toEqual(['2023-08-29', '2023-08-22'])
  expect((await call(base, 'GET', '/feed/issues/2023-08-29.json')).json.articles[0].title).toBe('高新区召开新学期教育工作会议')
  // The newsroom's state beside the feed is not served.
  expect(existsSync(path.join(feedDir, '.newsroom', 'article-ids.json'))).toBe(true)
  expect((await call(base, 'GET', '/feed/.newsroom/article-ids.json')).status).toBe(403)
})

/** Runs scripts/build-sample-feed.mjs's seedWorkingFeed(dir) in Node (jest cannot load that module). */
function seedWorkingFeed(dir: string): boolean {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', "import { seedWorkingFeed } from './scripts/build-sample-feed.mjs'; console.log(JSON.stringify(seedWorkingFeed(process.argv[1])))", dir], { cwd: root, encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as boolean
}

test('npm start seeds its working feed from the sample only when it has none', () => {
  const kept = path.join(tmp.dir, 'kept')
  mkdirSync(kept)
  writeFileSync(path.join(kept, 'index.json'), '{"published":"in the console"}')
  expect(seedWorkingFeed(kept)).toBe(false)
  expect(readFileSync(path.join(kept, 'index.json'), 'utf8')).toBe('{"published":"in the console"}')

  const fresh = path.join(tmp.dir, 'data', 'feed')
  expect(seedWorkingFeed(fresh)).toBe(true)
  const index = JSON.parse(readFileSync(path.join(fresh, 'index.json'), 'utf8'))
  expect(index.issues.map((s: any) => s.id)).toEqual(['2023-08-22'])
  expect(existsSync(`${fresh}.seeding`)).toBe(false)
})
