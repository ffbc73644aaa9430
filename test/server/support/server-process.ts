import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { validateIndex } from '../../../src/core/feed'
import type { FakeWechat } from './fake-wechat'

export const root = path.resolve(__dirname, '..', '..', '..')
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

/** The real server in a child process (plain node with tsx's loader, so a signal reaches the server itself). */
export interface ServerProcess {
  url: string
  child: ChildProcess
  /** Everything it printed so far. */
  output(): string
  /** SIGKILL: no shutdown code runs. Resolves when it has exited. */
  kill(): Promise<void>
  /** SIGTERM: graceful. Resolves with the exit code. */
  stop(): Promise<number | null>
}

/** Starts `node --import tsx server/main.ts` with exactly `env` (plus PATH and HOME) and PORT=0. */
export function startServer(env: Record<string, string | undefined>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout?.on('data', (c: Buffer) => { out += c.toString() })
  child.stderr?.on('data', (c: Buffer) => { out += c.toString() })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const proc = (url: string): ServerProcess => ({
    url,
    child,
    output: () => out,
    async kill() {
      child.kill('SIGKILL')
      await exited
    },
    async stop() {
      child.kill('SIGTERM')
      return exited
    }
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start within 20 s:\n${out}`))
    }, 20_000)
    const onData = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        resolve(proc(m[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before listening:\n${out}`))
    })
  })
}

/** A temp folder for one test's database and feed; `cleanup` removes it. */
export function tempDir(): { dir: string, cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gxq-server-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** Issue summaries for the test feed, newest first. */
export interface TestIssue {
  id: string
  number: number
  headline: string
}

/** Writes `<dir>/feed/index.json` with these issues (dates are their ids) and checks it is a valid feed. */
export function writeFeed(dir: string, issues: TestIssue[]): string {
  const feedDir = path.join(dir, 'feed')
  const index = {
    version: 1,
    paper: { id: 'gxqb', name: '高新区报' },
    updatedAt: '2023-08-22T08:00:00+08:00',
    issues: issues.map((i) => ({ id: i.id, date: i.id, number: i.number, yearNumber: i.number % 100 || 1, pageCount: 4, articleCount: 10, headline: i.headline, path: `issues/${i.id}.json` }))
  }
  const v = validateIndex(index)
  if (!v.ok) throw new Error(`test feed is invalid: ${JSON.stringify(v.problems)}`)
  mkdirSync(feedDir, { recursive: true })
  writeFileSync(path.join(feedDir, 'index.json'), JSON.stringify(index))
  return feedDir
}

/** The environment of a server with notifications on, talking to `fake`. */
export function serverEnv(fake: FakeWechat, dir: string, feedDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WECHAT_APPID: fake.appId,
    WECHAT_SECRET: fake.secret,
    WECHAT_TEMPLATE_ID: fake.templateId,
    WECHAT_API_BASE: fake.url,
    WECHAT_TIMEOUT_MS: '3000',
    ADMIN_TOKEN,
    FEED_DIR: feedDir,
    DATABASE_PATH: path.join(dir, 'notifications.sqlite'),
    SEND_BACKOFF_MS: '60',
    SEND_MAX_BACKOFF_MS: '400',
    RATE_LIMIT_PAUSE_MS: '800',
    RATE_LIMIT_BURST: '1000',
    RATE_LIMIT_PER_MINUTE: '60000',
    ...extra
  }
}

/** An HTTP answer with its JSON body (or `{}`). */
export interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  json: Record<string, unknown>
}

/** Calls the server. `body` objects are sent as JSON; strings or Buffers as they are. */
export function api(base: string, method: string, pathname: string, options: { body?: unknown, headers?: Record<string, string> } = {}): Promise<Answer> {
  const raw = options.body === undefined ? undefined : typeof options.body === 'string' || Buffer.isBuffer(options.body) ? Buffer.from(options.body) : Buffer.from(JSON.stringify(options.body))
  const headers: Record<string, string> = { ...(raw && typeof options.body === 'object' && !Buffer.isBuffer(options.body) ? { 'content-type': 'application/json' } : {}), ...options.headers }
  if (raw) headers['content-length'] = String(raw.length)
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${pathname}`, { method, headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: Record<string, unknown> = {}
        try { json = JSON.parse(text) as Record<string, unknown> } catch { json = {} }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json })
      })
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(raw)
  })
}

/** Polls `check` every 25 ms until it returns a value other than undefined/false, or throws after `ms`. */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms
  for (;;) {
    const v = await check()
    if (v !== undefined && v !== false) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }

/** Reports `result` for `openid` as the app would, with a fresh login code. */
export function subscribe(server: ServerProcess, fake: FakeWechat, openid: string, result = 'accept'): Promise<Answer> {
  return api(server.url, 'POST', '/api/subscriptions', { body: { code: fake.issueCode(openid), templateId: fake.templateId, result } })
}

/** POST /api/issues/<id>/notify with the admin token. */
export function notify(server: ServerProcess, issueId: string): Promise<Answer> {
  return api(server.url, 'POST', `/api/issues/${issueId}/notify`, { headers: admin })
}

/** GET /api/issues/<id>/notify with the admin token. */
export function status(server: ServerProcess, issueId: string): Promise<Answer> {
  return api(server.url, 'GET', `/api/issues/${issueId}/notify`, { headers: admin })
}

/** Waits until no message of the issue is pending or sending; returns the final status. */
export async function waitDone(server: ServerProcess, issueId: string, ms = 10_000): Promise<Record<string, unknown>> {
  return waitFor(async () => {
    const s = await status(server, issueId)
    return s.status === 200 && s.json.done === true ? s.json : undefined
  }, ms, `issue ${issueId} to be done`)
}

/** The notification server with notifications on, a stand-in for WeChat, and a feed folder of `issues`. */
export interface Stack {
  fake: FakeWechat
  server: ServerProcess
  /** Rewrites the feed (as the newsroom publishing a new issue would). */
  publish(issues: TestIssue[]): void
  close(): Promise<void>
}

/** Starts a {@link Stack}; `env` adds to or overrides the server's environment (e.g. a fixed PORT). */
export async function startStack(issues: TestIssue[], env: Record<string, string> = {}): Promise<Stack> {
  const { startFakeWechat } = await import('./fake-wechat')
  const fake = await startFakeWechat()
  const tmp = tempDir()
  const feedDir = writeFeed(tmp.dir, issues)
  const server = await startServer({ ...serverEnv(fake, tmp.dir, feedDir), ...env })
  return {
    fake,
    server,
    publish: (next) => { writeFeed(tmp.dir, next) },
    async close() {
      await server.stop()
      await fake.close()
      tmp.cleanup()
    }
  }
}
