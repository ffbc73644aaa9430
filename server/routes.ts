/**
 * The endpoints:
 *   GET  /healthz                     liveness and whether notifications are on
 *   POST /api/subscriptions           public, rate-limited: { code, templateId, result } from the app
 *   POST /api/reminders               public, rate-limited: { token } → the reader's remaining reminders
 *   POST /api/issues/<id>/notify      admin: queue one message per credited reader (id or `latest`)
 *   GET  /api/issues/<id>/notify      admin: progress of that issue's messages
 *   /newsroom/…                       the newsroom console, page and API (console/routes.ts)
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Config } from './config'
import type { Db } from './db'
import type { Dispatcher } from './dispatcher'
import { FEED_ID } from '../src/core/feed'
import { createConsole } from './console/routes'
import { clientAddress, forwardedFor, HttpError, limitRequestTime, readJsonBody, requireAdmin, sendJson } from './http'
import { maskOpenid, type Logger } from './log'
import type { CampaignStatus, Outbox } from './outbox'
import { RateLimiter } from './rate-limit'
import type { Publications } from './publications'
import { issueReaderToken, READER_TOKEN, readerState, recordSubscription, SUBSCRIBE_RESULTS, type SubscribeResult } from './subscribers'
import { queueIssueNotification } from './notify-issue'
import type { WechatClient } from './wechat-client'

/** What the handlers work with. `wechat` and `dispatcher` are absent when notifications are off. */
export interface RouteDeps {
  config: Config
  db: Db
  outbox: Outbox
  limits: Limits
  wechat?: WechatClient
  dispatcher?: Dispatcher
  /** Present with notifications on: when each issue was published. */
  publications?: Publications
  log: Logger
}

/** The rate limits, each a token bucket per key. */
export interface Limits {
  /** `POST /api/subscriptions` per client address, whatever the request turns out to be. */
  subscriptions: RateLimiter
  /** Login codes sent to WeChat per client address; only codes WeChat refuses stay counted. */
  exchangePerAddress: RateLimiter
  /** Login codes sent to WeChat by the whole server (one key), so no flood can spend the AppID's quota. */
  exchangeAll: RateLimiter
  /** `POST /api/reminders` per client address (the same settings as subscriptions, its own buckets). */
  reminders: RateLimiter
}

/** The rate limits for `config`. */
export function createLimits(config: Config): Limits {
  const { perAddressPerMinute, perMinute } = config.codeExchange
  return {
    subscriptions: new RateLimiter(config.rateLimit),
    exchangePerAddress: new RateLimiter({ burst: perAddressPerMinute, perMinute: perAddressPerMinute }),
    exchangeAll: new RateLimiter({ burst: perMinute, perMinute, maxKeys: 1 }),
    reminders: new RateLimiter(config.rateLimit)
  }
}

const CODE = /^[A-Za-z0-9_-]{1,128}$/
const ISSUE_NOTIFY = /^\/api\/issues\/([^/]+)\/notify$/

interface FieldProblem {
  field: string
  message: string
}

/** Checks the app's subscription report; returns the problems, or the values when there are none. */
export function validateSubscription(body: unknown, templateId: string): { ok: true, code: string, result: SubscribeResult } | { ok: false, problems: FieldProblem[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, problems: [{ field: '', message: 'must be a JSON object { code, templateId, result }' }] }
  const b = body as Record<string, unknown>
  const problems: FieldProblem[] = []
  if (typeof b.code !== 'string' || !CODE.test(b.code)) problems.push({ field: 'code', message: 'must be the wx.login code: 1 to 128 letters, digits, _ or -' })
  if (b.templateId !== templateId) problems.push({ field: 'templateId', message: 'is not the template this server sends' })
  if (typeof b.result !== 'string' || !(SUBSCRIBE_RESULTS as readonly string[]).includes(b.result)) problems.push({ field: 'result', message: `must be one of ${SUBSCRIBE_RESULTS.join(', ')}` })
  return problems.length ? { ok: false, problems } : { ok: true, code: b.code as string, result: b.result as SubscribeResult }
}

function methodNotAllowed(allowed: string[]): HttpError {
  return new HttpError(405, `use ${allowed.join(' or ')}`, { allow: allowed.join(', ') })
}

function tooMany(taken: { retryAfterSeconds: number }, message: string): HttpError {
  return new HttpError(429, message, { 'retry-after': String(taken.retryAfterSeconds) })
}

/**
 * Exchanges a login code for the reader's openid within the exchange bounds: per address first (so
 * one address that is already refused cannot drain the server-wide bucket), then server-wide.
 */
async function exchange(deps: RouteDeps, wechat: WechatClient, address: string, code: string): Promise<string> {
  const mine = deps.limits.exchangePerAddress.take(address)
  if (!mine.ok) throw tooMany(mine, 'too many unrecognised login codes from this address; try again later')
  const all = deps.limits.exchangeAll.take('all')
  if (!all.ok) {
    deps.log.warn('login-code exchanges are at CODE_EXCHANGE_PER_MINUTE; refusing until the bucket refills', { retryAfterSeconds: all.retryAfterSeconds })
    throw tooMany(all, 'the server is checking too many login codes right now; try again later')
  }
  const exchanged = await wechat.exchangeCode(code)
  // Only a code WeChat refused counts against the address: a reader's own codes, or WeChat being
  // unreachable, must not lock them out.
  if (exchanged.ok || exchanged.reason === 'unavailable') deps.limits.exchangePerAddress.refund(address)
  if (exchanged.ok) return exchanged.openid
  if (exchanged.reason === 'invalid-code') throw new HttpError(400, 'the login code is invalid, expired or already used; call wx.login again', {}, { problems: [{ field: 'code', message: `WeChat refused it (${exchanged.errcode})` }] })
  deps.log.warn('code exchange failed', { errcode: exchanged.errcode, errmsg: exchanged.errmsg })
  throw new HttpError(503, 'WeChat could not be reached; try again later', { 'retry-after': '5' })
}

async function subscribe(deps: RouteDeps, address: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const arrivedAt = Date.now()
  const taken = deps.limits.subscriptions.take(address)
  if (!taken.ok) throw tooMany(taken, 'too many requests; try again later')
  const { wechat } = deps
  if (!wechat || !deps.config.wechat) throw new HttpError(503, 'notifications are not configured on this server')
  const v = validateSubscription(await readJsonBody(req, deps.config.bodyLimitBytes), deps.config.wechat.templateId)
  if (!v.ok) throw new HttpError(400, 'invalid subscription', {}, { problems: v.problems })
  const openid = await exchange(deps, wechat, address, v.code)
  // Learn of any issue published by now before granting, so the credit is not spent on an issue the
  // reader already has (publications.ts). A feed that cannot be read does not cost the reader the
  // subscription WeChat has already granted; the periodic check has most likely seen the issue.
  if (v.result === 'accept') await deps.publications?.tryObserve('subscription', arrivedAt)
  const state = recordSubscription(deps.db, openid, v.result)
  const readerToken = issueReaderToken(deps.db, openid)
  deps.log.info('subscription', { openid: maskOpenid(openid), result: v.result, credits: state.credits })
  sendJson(res, 200, { result: state.status, credits: state.credits, readerToken })
}

/**
 * The reminders a reader still holds. The app proves who it asks for with the token it was handed when
 * the reader subscribed (random, stored hashed), not with an openid, which a client could guess or
 * copy: one reader cannot read another's count. A wx.login code would do too, but would cost a
 * `jscode2session` call on every look.
 */
async function reminders(deps: RouteDeps, address: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const taken = deps.limits.reminders.take(address)
  if (!taken.ok) throw tooMany(taken, 'too many requests; try again later')
  const body = await readJsonBody(req, deps.config.bodyLimitBytes)
  const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).token : undefined
  if (typeof token !== 'string' || !READER_TOKEN.test(token)) throw new HttpError(400, 'invalid request', {}, { problems: [{ field: 'token', message: 'must be the readerToken this server answered a subscription with' }] })
  const state = readerState(deps.db, token)
  if (!state) throw new HttpError(401, 'this server does not know that reader token; subscribe again')
  sendJson(res, 200, { result: state.status, credits: state.credits })
}

async function notify(deps: RouteDeps, rawId: string, res: ServerResponse): Promise<void> {
  const q = await queueIssueNotification(deps, rawId)
  sendJson(res, q.created ? 202 : 200, { issueId: q.issueId, created: q.created, queued: q.queued, data: q.data, status: publicStatus(q.status) })
}

/**
 * An issue's progress as the admin endpoint shows it: openids masked as the logs mask them, so the
 * status output can be matched against log lines without handing out readers' identities.
 */
function publicStatus(s: CampaignStatus): CampaignStatus {
  return { ...s, problems: s.problems.map((p) => ({ ...p, openid: maskOpenid(p.openid) })) }
}

function status(deps: RouteDeps, id: string, res: ServerResponse): void {
  const s = deps.outbox.status(id)
  if (!s) throw new HttpError(404, `issue ${id} has not been notified`)
  sendJson(res, 200, { ...publicStatus(s), pausedUntil: deps.dispatcher?.pausedUntil?.toISOString() ?? null })
}

/** How long any request other than a console upload has to arrive in full. */
export const PUBLIC_REQUEST_MS = 15_000

/** The request handler: routes, and answers every error as JSON. */
export function createHandler(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const hops = deps.config.trustProxy
  let warned = false
  /** The client address for rate limits; says once when the proxy setting looks wrong for the traffic. */
  const addressOf = (req: IncomingMessage): string => {
    if (!warned) {
      const entries = forwardedFor(req).length
      if (hops === 0 && entries > 0) {
        warned = true
        deps.log.warn('requests arrive with X-Forwarded-For but TRUST_PROXY=0: every client behind that proxy shares one rate-limit bucket; set TRUST_PROXY to the number of proxies in front of this server', { peer: req.socket.remoteAddress })
      } else if (hops > 0 && entries < hops) {
        warned = true
        deps.log.warn(`a request arrived with ${entries} X-Forwarded-For entries but TRUST_PROXY=${hops}: it did not come through every trusted proxy, so its own address is used`, { peer: req.socket.remoteAddress })
      }
    }
    return clientAddress(req, hops)
  }
  const newsroom = createConsole({ ...deps, addressOf })
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost')
    const method = req.method ?? 'GET'
    if (pathname === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(['GET'])
      return sendJson(res, 200, { ok: true, notifications: Boolean(deps.dispatcher), tokenFetches: deps.wechat?.tokenFetches ?? 0 })
    }
    if (pathname === '/api/subscriptions') {
      if (method !== 'POST') throw methodNotAllowed(['POST'])
      return subscribe(deps, addressOf(req), req, res)
    }
    if (pathname === '/api/reminders') {
      if (method !== 'POST') throw methodNotAllowed(['POST'])
      return reminders(deps, addressOf(req), req, res)
    }
    if (pathname === '/newsroom' || pathname.startsWith('/newsroom/')) return newsroom.handle(req, res, pathname)
    const m = ISSUE_NOTIFY.exec(pathname)
    if (m) {
      requireAdmin(req, deps.config.adminToken)
      const id = m[1]
      if (!FEED_ID.test(id)) throw new HttpError(400, 'an issue id is letters, digits, _ and - (e.g. 2023-08-22), or latest')
      if (method === 'POST') return notify(deps, id, res)
      if (method === 'GET') return status(deps, id, res)
      throw methodNotAllowed(['GET', 'POST'])
    }
    throw new HttpError(404, 'no such endpoint')
  }
  return (req, res) => {
    // Only an upload to the console may take longer than a public request to arrive (see app.ts).
    const upload = req.method === 'POST' && (req.url ?? '').split('?')[0] === '/newsroom/api/drafts'
    if (!upload) limitRequestTime(req, res, PUBLIC_REQUEST_MS)
    route(req, res).catch((e: unknown) => {
      const err = e instanceof HttpError ? e : new HttpError(500, 'internal error')
      if (!(e instanceof HttpError)) deps.log.error('request failed', { method: req.method, url: req.url, error: (e as Error).stack ?? String(e) })
      if (res.headersSent) {
        res.destroy()
        return
      }
      sendJson(res, err.status, { error: err.message, ...err.details }, err.headers)
      // A refused body may still be arriving; reading it to the end lets the answer reach the client.
      if (!req.complete) req.resume()
    })
  }
}
