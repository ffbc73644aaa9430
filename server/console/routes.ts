/**
 * The newsroom console's endpoints, all under /newsroom/ (the contract: newsroom/console/core/api.ts):
 *   GET    /newsroom/                          the page (static-files.ts)
 *   GET    /newsroom/api/session               200 { expiresAt, … } | 401 | 503 console-off
 *   POST   /newsroom/api/login                 { token } → 204 + session cookie | 401 | 429
 *   POST   /newsroom/api/logout                204, session deleted
 *   GET    /newsroom/api/drafts                DraftSummary[]
 *   POST   /newsroom/api/drafts                multipart upload → 201 Draft
 *   GET    /newsroom/api/drafts/:id            Draft
 *   PUT    /newsroom/api/drafts/:id            { revision, issue } → Draft | 409
 *   DELETE /newsroom/api/drafts/:id            204
 *   GET    /newsroom/api/drafts/:id/files/:f   a page image or photo of the draft
 *   POST   /newsroom/api/drafts/:id/plan       dry run of publishing
 *   POST   /newsroom/api/drafts/:id/publish    { revision, confirm, beside? } → { issueId, articleIds, url }
 *   GET    /newsroom/api/issues                published issues, newest first
 *   POST   /newsroom/api/issues/:id/draft      201 Draft opened from the published issue
 *   POST   /newsroom/api/issues/:id/notify     start the reminders; GET: their progress
 *   DELETE /newsroom/api/issues/:id            { confirm: id } → 204, taken down
 *
 * Order of checks for the API: console off (503) → cross-site non-GET (403) → session (401, except
 * session and login) → the route. Routes stay thin: the service does the work.
 */
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { FEED_ID } from '../../src/core/feed'
import type { LoginRequest, SessionInfo } from '../../newsroom/console/core/api'
import type { Config } from '../config'
import type { Db } from '../db'
import { HttpError, readJsonBody, sameSecret, sendJson } from '../http'
import type { Logger } from '../log'
import { queueIssueNotification, type NotifyDeps } from '../notify-issue'
import { RateLimiter } from '../rate-limit'
import { DraftStore } from './drafts-store'
import { ConsoleError, MESSAGES, sendConsoleError } from './errors'
import { cameOverHttps, clearedCookie, isSameOrigin, sessionCookie, sessionIdOf } from './guard'
import { SessionStore } from './sessions'
import { ConsoleService, notifyAnswer } from './service'
import { serveConsoleFile } from './static-files'
import { readUpload, type UploadLimits } from './upload'

/** What the console needs from the server. */
export interface ConsoleDeps extends NotifyDeps {
  config: Config
  db: Db
  log: Logger
  /** The client address for the login limit (honours TRUST_PROXY, see routes.ts). */
  addressOf: (req: IncomingMessage) => string
  /** Tests lower the upload limits; otherwise api.ts's UPLOAD_LIMITS. */
  uploadLimits?: UploadLimits
}

/** The console's request handler, for paths under /newsroom. */
export interface ConsoleHandler {
  handle (req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>
}

/** Larger than any issue the editor can send back (a 16-page issue's JSON is well under 1 MB). */
const DRAFT_BODY_LIMIT = 4 * 1024 * 1024
const SMALL_BODY_LIMIT = 16 * 1024

const DRAFT = /^drafts\/([^/]+)$/
const DRAFT_FILE = /^drafts\/([^/]+)\/files\/([^/]+)$/
const DRAFT_ACTION = /^drafts\/([^/]+)\/(plan|publish)$/
const ISSUE = /^issues\/([^/]+)$/
const ISSUE_ACTION = /^issues\/([^/]+)\/(draft|notify)$/

function methodNotAllowed (allowed: string[]): ConsoleError {
  return new ConsoleError(405, 'method-not-allowed', `这个地址只接受 ${allowed.join('、')} 请求。`, { allow: allowed.join(', ') })
}

/** A JSON body, with the server's reader's refusals in Chinese. */
async function jsonBody (req: IncomingMessage, limit: number, optional = false): Promise<unknown> {
  if (optional && !req.headers['content-type'] && (req.headers['content-length'] ?? '0') === '0' && !req.headers['transfer-encoding']) return {}
  try {
    return await readJsonBody(req, limit)
  } catch (e) {
    if (!(e instanceof HttpError)) throw e
    if (e.status === 415) throw new ConsoleError(415, 'bad-request', '请求内容应为 JSON。')
    // Without the reader's `connection: close`: the rest of the body is read and dropped, so the client,
    // still sending, gets this answer rather than a reset (docs/footguns.md).
    if (e.status === 413) throw new ConsoleError(413, 'too-large', `请求内容超过 ${Math.round(limit / 1024)} KB。`)
    throw new ConsoleError(400, 'bad-request', '请求内容不是有效的 JSON。')
  }
}

/** Builds the console over the server's database; sweeps crash leftovers of drafts when it is on. */
export function createConsole (deps: ConsoleDeps): ConsoleHandler {
  const { config, log } = deps
  const on = config.adminToken !== null
  const sessions = new SessionStore(deps.db, config.console.sessionHours * 3_600_000, config.adminToken ?? '')
  const store = new DraftStore(deps.db, config.console.draftsDir)
  if (on) store.sweep()
  const service = new ConsoleService({ store, feedDir: config.feed?.kind === 'dir' ? config.feed.dir : undefined, log })
  const logins = new RateLimiter({ burst: config.console.loginPerMinute, perMinute: config.console.loginPerMinute })

  const session = (req: IncomingMessage) => sessions.find(sessionIdOf(req))

  async function login (req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = deps.addressOf(req)
    const taken = logins.take(address)
    if (!taken.ok) {
      log.warn('console login refused: too many attempts', { address })
      throw new ConsoleError(429, 'rate-limited', `登录尝试太多，请 ${Math.ceil(taken.retryAfterSeconds / 60)} 分钟后再试。`, { 'retry-after': String(taken.retryAfterSeconds) })
    }
    const body = await jsonBody(req, SMALL_BODY_LIMIT) as Partial<LoginRequest>
    const token = typeof body === 'object' && body !== null && typeof body.token === 'string' ? body.token : ''
    // The token itself is never logged, right or wrong.
    if (!sameSecret(token, config.adminToken as string)) {
      log.warn('console login with a wrong token', { address })
      throw new ConsoleError(401, 'wrong-token', MESSAGES.wrongToken)
    }
    logins.refund(address)
    const s = sessions.create()
    log.info('console login', { address })
    res.writeHead(204, { 'set-cookie': sessionCookie(s.id, config.console.sessionHours * 3600, cameOverHttps(req)), 'cache-control': 'no-store' })
    res.end()
  }

  async function notify (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    if (!deps.dispatcher || !config.wechat) throw new ConsoleError(503, 'notifications-off', MESSAGES.notificationsOff)
    if (req.method === 'GET') {
      const s = deps.outbox.status(id)
      if (!s) throw new ConsoleError(404, 'not-found', '这一期还没有通知过订阅读者。')
      return sendJson(res, 200, notifyAnswer(id, false, s.counts, s.done))
    }
    try {
      const q = await queueIssueNotification(deps, id)
      sendJson(res, 200, notifyAnswer(q.issueId, q.created, q.status.counts, q.status.done))
    } catch (e) {
      if (!(e instanceof HttpError)) throw e
      if (e.status === 404) throw new ConsoleError(404, 'not-found', MESSAGES.notFoundIssue)
      if (e.status === 503) throw new ConsoleError(503, 'notifications-off', MESSAGES.notificationsOff)
      throw new ConsoleError(502, 'internal', `报纸数据无法读取，没有发出通知（${e.message}）。`)
    }
  }

  async function api (req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    const method = req.method ?? 'GET'
    if (!on) throw new ConsoleError(503, 'console-off', MESSAGES.consoleOff)
    if (method !== 'GET' && method !== 'HEAD' && !isSameOrigin(req, config.trustProxy)) {
      log.warn('console request refused: not from the console page', { method, path: `/newsroom/api/${route}`, origin: req.headers.origin ?? '(none)' })
      throw new ConsoleError(403, 'cross-site', MESSAGES.crossSite)
    }
    if (route === 'login') {
      if (method !== 'POST') throw methodNotAllowed(['POST'])
      return login(req, res)
    }
    const current = session(req)
    if (route === 'session') {
      if (method !== 'GET') throw methodNotAllowed(['GET'])
      if (!current) throw new ConsoleError(401, 'unauthenticated', MESSAGES.unauthenticated)
      const info: SessionInfo = { expiresAt: new Date(current.expiresAt).toISOString(), canPublish: service.canPublish, notifications: Boolean(deps.dispatcher) }
      return sendJson(res, 200, info)
    }
    if (!current) throw new ConsoleError(401, 'unauthenticated', MESSAGES.unauthenticated)
    if (route === 'logout') {
      if (method !== 'POST') throw methodNotAllowed(['POST'])
      sessions.delete(sessionIdOf(req))
      log.info('console logout')
      res.writeHead(204, { 'set-cookie': clearedCookie(cameOverHttps(req)), 'cache-control': 'no-store' })
      res.end()
      return
    }
    if (route === 'drafts') {
      if (method === 'GET') return sendJson(res, 200, service.list())
      if (method !== 'POST') throw methodNotAllowed(['GET', 'POST'])
      const folder = store.incoming()
      let files
      try {
        files = await readUpload(req, folder, deps.uploadLimits)
      } catch (e) {
        fs.rmSync(folder, { recursive: true, force: true })
        if (e instanceof ConsoleError) log.info('console upload refused', { reason: e.code })
        throw e
      }
      return sendJson(res, 201, await service.createFromUpload(folder, files))
    }
    let m = DRAFT_FILE.exec(route)
    if (m) {
      if (method !== 'GET') throw methodNotAllowed(['GET'])
      let name: string
      try {
        name = decodeURIComponent(m[2])
      } catch {
        throw new ConsoleError(400, 'bad-request', '文件名不对。')
      }
      const f = service.file(m[1], name)
      const size = fs.statSync(f.path).size
      res.writeHead(200, { 'content-type': f.type, 'content-length': String(size), 'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff' })
      fs.createReadStream(f.path).pipe(res)
      return
    }
    m = DRAFT_ACTION.exec(route)
    if (m) {
      if (method !== 'POST') throw methodNotAllowed(['POST'])
      if (m[2] === 'plan') {
        const body = await jsonBody(req, SMALL_BODY_LIMIT, true) as { beside?: unknown }
        return sendJson(res, 200, service.plan(m[1], body?.beside === true))
      }
      return sendJson(res, 200, await service.publish(m[1], await jsonBody(req, SMALL_BODY_LIMIT)))
    }
    m = DRAFT.exec(route)
    if (m) {
      if (method === 'GET') return sendJson(res, 200, service.toDraft(service.get(m[1])))
      if (method === 'PUT') return sendJson(res, 200, service.save(m[1], await jsonBody(req, DRAFT_BODY_LIMIT)))
      if (method === 'DELETE') {
        service.delete(m[1])
        res.writeHead(204, { 'cache-control': 'no-store' }).end()
        return
      }
      throw methodNotAllowed(['GET', 'PUT', 'DELETE'])
    }
    if (route === 'issues') {
      if (method !== 'GET') throw methodNotAllowed(['GET'])
      return sendJson(res, 200, service.issues())
    }
    m = ISSUE_ACTION.exec(route) ?? ISSUE.exec(route)
    if (m) {
      const id = m[1]
      if (!FEED_ID.test(id)) throw new ConsoleError(400, 'bad-request', '期号的编号只含字母、数字、_ 和 -（如 2023-08-22）。')
      if (m[2] === 'draft') {
        if (method !== 'POST') throw methodNotAllowed(['POST'])
        return sendJson(res, 201, service.openIssue(id))
      }
      if (m[2] === 'notify') {
        if (method !== 'POST' && method !== 'GET') throw methodNotAllowed(['GET', 'POST'])
        return notify(req, res, id)
      }
      if (method !== 'DELETE') throw methodNotAllowed(['DELETE'])
      await service.removeIssue(id, await jsonBody(req, SMALL_BODY_LIMIT))
      res.writeHead(204, { 'cache-control': 'no-store' }).end()
      return
    }
    throw new ConsoleError(404, 'not-found', '没有这个接口。')
  }

  return {
    async handle (req, res, pathname) {
      try {
        if (pathname === '/newsroom') {
          res.writeHead(301, { location: '/newsroom/' }).end()
          return
        }
        const rest = pathname.slice('/newsroom/'.length)
        if (rest === 'api' || rest.startsWith('api/')) return await api(req, res, rest.slice('api/'.length))
        serveConsoleFile(req, res, config.console.staticDir, rest)
      } catch (e) {
        const err = e instanceof ConsoleError ? e : new ConsoleError(500, 'internal', MESSAGES.internal)
        if (!(e instanceof ConsoleError)) log.error('console request failed', { method: req.method, path: pathname, error: (e as Error).stack ?? String(e) })
        if (res.headersSent) {
          res.destroy()
          return
        }
        sendConsoleError(res, err)
        // A refused body may still be arriving; reading it to the end lets the answer reach the client.
        if (!req.complete) req.resume()
      }
    }
  }
}
