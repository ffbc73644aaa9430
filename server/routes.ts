/**
 * The endpoints:
 *   GET  /healthz                     liveness and whether notifications are on
 *   POST /api/subscriptions           public, rate-limited: { code, templateId, result } from the app
 *   POST /api/issues/<id>/notify      admin: queue one message per credited reader (id or `latest`)
 *   GET  /api/issues/<id>/notify      admin: progress of that issue's messages
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Config } from './config'
import type { Db } from './db'
import type { Dispatcher } from './dispatcher'
import { FeedSourceError, findIssue, LATEST } from './feed-source'
import { clientAddress, HttpError, readJsonBody, requireAdmin, sendJson } from './http'
import { maskOpenid, type Logger } from './log'
import type { Outbox } from './outbox'
import type { RateLimiter } from './rate-limit'
import { recordSubscription, SUBSCRIBE_RESULTS, type SubscribeResult } from './subscribers'
import { buildMessageData, issuePagePath, type IssueFacts } from './template'
import type { WechatClient } from './wechat-client'

/** What the handlers work with. `wechat` and `dispatcher` are absent when notifications are off. */
export interface RouteDeps {
  config: Config
  db: Db
  outbox: Outbox
  limiter: RateLimiter
  wechat?: WechatClient
  dispatcher?: Dispatcher
  log: Logger
}

const CODE = /^[A-Za-z0-9_-]{1,128}$/
const ISSUE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/
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

async function subscribe(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const taken = deps.limiter.take(clientAddress(req, deps.config.trustProxy))
  if (!taken.ok) throw new HttpError(429, 'too many requests; try again later', { 'retry-after': String(taken.retryAfterSeconds) })
  const { wechat } = deps
  if (!wechat || !deps.config.wechat) throw new HttpError(503, 'notifications are not configured on this server')
  const v = validateSubscription(await readJsonBody(req, deps.config.bodyLimitBytes), deps.config.wechat.templateId)
  if (!v.ok) throw new HttpError(400, 'invalid subscription', {}, { problems: v.problems })
  const exchanged = await wechat.exchangeCode(v.code)
  if (!exchanged.ok) {
    if (exchanged.reason === 'invalid-code') throw new HttpError(400, 'the login code is invalid, expired or already used; call wx.login again', {}, { problems: [{ field: 'code', message: `WeChat refused it (${exchanged.errcode})` }] })
    deps.log.warn('code exchange failed', { errcode: exchanged.errcode, errmsg: exchanged.errmsg })
    throw new HttpError(503, 'WeChat could not be reached; try again later', { 'retry-after': '5' })
  }
  const state = recordSubscription(deps.db, exchanged.openid, v.result)
  deps.log.info('subscription', { openid: maskOpenid(exchanged.openid), result: v.result, credits: state.credits })
  sendJson(res, 200, { result: state.status, credits: state.credits })
}

async function notify(deps: RouteDeps, rawId: string, res: ServerResponse): Promise<void> {
  const { config } = deps
  if (!deps.dispatcher || !config.wechat) throw new HttpError(503, 'notifications are not configured on this server')
  if (!config.feed) throw new HttpError(503, 'no feed configured (FEED_DIR or FEED_URL)')
  let issue: IssueFacts | undefined
  try {
    issue = await findIssue(config.feed, rawId, config.wechat.timeoutMs)
  } catch (e) {
    if (e instanceof FeedSourceError) throw new HttpError(502, e.message)
    throw e
  }
  if (!issue) throw new HttpError(404, rawId === LATEST ? 'the feed has no issues' : `the feed has no issue ${rawId}`)
  const data = buildMessageData(config.wechat.fields, issue)
  const result = deps.outbox.enqueue({ issueId: issue.id, templateId: config.wechat.templateId, page: issuePagePath(issue.id), data })
  deps.log.info(result.created ? 'issue queued for notification' : 'issue already notified; nothing new queued', { issue: issue.id, queued: result.queued })
  deps.dispatcher.kick()
  sendJson(res, result.created ? 202 : 200, { issueId: issue.id, created: result.created, queued: result.queued, data, status: deps.outbox.status(issue.id) })
}

function status(deps: RouteDeps, id: string, res: ServerResponse): void {
  const s = deps.outbox.status(id)
  if (!s) throw new HttpError(404, `issue ${id} has not been notified`)
  sendJson(res, 200, { ...s, pausedUntil: deps.dispatcher?.pausedUntil?.toISOString() ?? null })
}

/** The request handler: routes, and answers every error as JSON. */
export function createHandler(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost')
    const method = req.method ?? 'GET'
    if (pathname === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(['GET'])
      return sendJson(res, 200, { ok: true, notifications: Boolean(deps.dispatcher), tokenFetches: deps.wechat?.tokenFetches ?? 0 })
    }
    if (pathname === '/api/subscriptions') {
      if (method !== 'POST') throw methodNotAllowed(['POST'])
      return subscribe(deps, req, res)
    }
    const m = ISSUE_NOTIFY.exec(pathname)
    if (m) {
      requireAdmin(req, deps.config.adminToken)
      const id = m[1]
      if (!ISSUE_ID.test(id)) throw new HttpError(400, 'an issue id is letters, digits, _ and - (e.g. 2023-08-22), or latest')
      if (method === 'POST') return notify(deps, id, res)
      if (method === 'GET') return status(deps, id, res)
      throw methodNotAllowed(['GET', 'POST'])
    }
    throw new HttpError(404, 'no such endpoint')
  }
  return (req, res) => {
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
