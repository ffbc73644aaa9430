/**
 * WeChat's server API, as far as this server uses it: the access token (`GET /cgi-bin/token`, cached,
 * refreshed before it expires, one fetch shared by every caller), the login-code exchange
 * (`/sns/jscode2session`) and `subscribeMessage.send`, whose answers are classified into what the
 * dispatcher should do next. The app secret and access tokens appear only in request URLs here; no
 * error message or log line built here contains them.
 */
import type { WechatConfig } from './config'
import type { Logger } from './log'
import { request, RequestError } from './http-client'
import type { MessageData } from './template'

/** Answers to `subscribeMessage.send` that mean the access token was not accepted. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001])

/** What the dispatcher should do with a message after one send. */
export type SendOutcome =
  /** WeChat accepted it. */
  | { kind: 'sent' }
  /** Not delivered; a later attempt may succeed (system busy, token still refused, the call never left). */
  | { kind: 'retry', errcode: number | null, errmsg: string }
  /** 45009: the daily quota is used up; stop sending for a while, deliver later. */
  | { kind: 'rate-limited', errcode: number, errmsg: string }
  /** 43101: the reader refused or holds no subscription credit. */
  | { kind: 'dropped', errcode: number, errmsg: string }
  /** Not delivered, never to be retried. `refund`: the reader's credit is still good (the fault was ours). */
  | { kind: 'failed', errcode: number | null, errmsg: string, refund: boolean }
  /** The request went out and no answer came back: it may have been delivered. */
  | { kind: 'unknown', errmsg: string }

/** One subscription message. */
export interface OutgoingMessage {
  touser: string
  templateId: string
  page: string
  data: MessageData
}

/** Result of exchanging a login code. */
export type CodeExchange =
  | { ok: true, openid: string }
  /** The code is invalid, expired or used (40029, 40163, …): the client must log in again. */
  | { ok: false, reason: 'invalid-code', errcode: number, errmsg: string }
  /** WeChat is busy or unreachable: try again later. */
  | { ok: false, reason: 'unavailable', errcode: number | null, errmsg: string }

/**
 * A token or code-exchange call that WeChat refused or that failed. `retryAt` (epoch ms), on a token
 * failure: no new token is asked for before then.
 */
export class WechatError extends Error {
  constructor(message: string, readonly errcode: number | null, readonly retryAt?: number) {
    super(message)
    this.name = 'WechatError'
  }
}

/** What the dispatcher needs from WeChat; WechatClient is the implementation. */
export interface MessageSender {
  /**
   * The longest one `send` can take: every call it may make (token, send, and after a token refusal a
   * second token and a second send) running into its timeout. A graceful stop waits this long.
   */
  readonly maxSendMs: number
  /**
   * Resolves with a usable access token or rejects (nothing was sent) with a WechatError whose
   * `retryAt` says when a new token will next be asked for.
   */
  accessToken(): Promise<string>
  /** Never rejects: every failure is an outcome. */
  send(message: OutgoingMessage): Promise<SendOutcome>
}

interface CachedToken {
  token: string
  /** When to fetch a new one: before expiry, so no send races the expiry. */
  refreshAt: number
  expiresAt: number
}

/** One call's result: WeChat's errcode, or a failure before or after the request went out in full. */
export type SendAnswer = { errcode: number, errmsg: string } | { failed: true, maybeProcessed: boolean, errmsg: string }

const INVALID_CODE = new Set([40029, 40163, 40226])

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body)
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

function describe(json: Record<string, unknown>): { errcode: number, errmsg: string } {
  return { errcode: typeof json.errcode === 'number' ? json.errcode : -2, errmsg: typeof json.errmsg === 'string' ? json.errmsg.slice(0, 200) : '' }
}

/** HTTP calls one `send` can make at most: token, send, and after a token refusal token and send again. */
export const CALLS_PER_SEND = 4

/** How long to wait after a failed token fetch before the next: `baseMs`, doubling per failure, at most `maxMs`. */
export interface RefreshBackoff {
  baseMs: number
  maxMs: number
}

/** The WeChat API client. One per process, so every send shares the token cache. */
export class WechatClient implements MessageSender {
  /** Token fetches made, for the health endpoint and tests. */
  tokenFetches = 0
  private cached: CachedToken | undefined
  private inflight: Promise<string> | undefined
  /** Failed token fetches in a row, and when the next may be made: shared by every caller. */
  private refreshFailures = 0
  private refreshRetryAt = 0
  private lastRefreshError: WechatError | undefined

  constructor(
    private readonly config: WechatConfig,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
    private readonly refreshBackoff: RefreshBackoff = { baseMs: 2_000, maxMs: 300_000 }
  ) {}

  get maxSendMs(): number {
    return CALLS_PER_SEND * this.config.timeoutMs
  }

  /**
   * A token valid for a while yet. Within the refresh margin (a fifth of the lifetime, at most five
   * minutes) a new one is fetched; concurrent callers share that one fetch. If the fetch fails, no
   * caller fetches again until a backoff has passed (doubling per failure in a row): meanwhile the
   * cached token is used while it has not expired, and without one callers are refused at once.
   * Without this, every send in the margin would start its own slow refresh while WeChat is failing.
   */
  accessToken(): Promise<string> {
    const c = this.cached
    const now = this.now()
    if (c && now < c.refreshAt) return Promise.resolve(c.token)
    if (this.inflight) return this.inflight
    if (now < this.refreshRetryAt) {
      if (c && now < c.expiresAt) return Promise.resolve(c.token)
      const last = this.lastRefreshError
      return Promise.reject(new WechatError(last?.message ?? 'no access token', last?.errcode ?? null, this.refreshRetryAt))
    }
    this.inflight = this.fetchToken()
      .then((token) => {
        this.refreshFailures = 0
        this.refreshRetryAt = 0
        return token
      }, (e: unknown) => {
        this.refreshFailures++
        const delay = Math.min(this.refreshBackoff.maxMs, this.refreshBackoff.baseMs * 2 ** Math.min(30, this.refreshFailures - 1))
        this.refreshRetryAt = this.now() + delay
        const error = e instanceof WechatError ? e : new WechatError((e as Error).message, null)
        this.lastRefreshError = error
        const still = this.cached
        if (still && this.now() < still.expiresAt) {
          this.log.warn('access token refresh failed; using the current one until it expires', { error: error.message, retryInMs: delay })
          return still.token
        }
        throw new WechatError(error.message, error.errcode, this.refreshRetryAt)
      })
      .finally(() => { this.inflight = undefined })
    return this.inflight
  }

  /** Forgets `token` if it is the cached one (a send reported it invalid); a newer one is kept. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined
  }

  /** Exchanges a `wx.login` code for the reader's openid. */
  async exchangeCode(code: string): Promise<CodeExchange> {
    const q = new URLSearchParams({ appid: this.config.appId, secret: this.config.secret, js_code: code, grant_type: 'authorization_code' })
    let json: Record<string, unknown> | undefined
    try {
      const res = await request(`${this.config.apiBase}/sns/jscode2session?${q}`, { timeoutMs: this.config.timeoutMs, maxBytes: 16_384 })
      json = parse(res.body)
    } catch (e) {
      return { ok: false, reason: 'unavailable', errcode: null, errmsg: (e as Error).message }
    }
    if (!json) return { ok: false, reason: 'unavailable', errcode: null, errmsg: 'WeChat answered with something other than JSON' }
    if (typeof json.openid === 'string' && json.openid.length > 0 && json.openid.length <= 128 && !json.errcode) return { ok: true, openid: json.openid }
    const { errcode, errmsg } = describe(json)
    return INVALID_CODE.has(errcode) ? { ok: false, reason: 'invalid-code', errcode, errmsg } : { ok: false, reason: 'unavailable', errcode, errmsg }
  }

  /**
   * Sends one message. A token error refreshes the token and retries once; a second one is a retry
   * outcome for later. Never rejects.
   */
  async send(message: OutgoingMessage): Promise<SendOutcome> {
    let token: string
    try {
      token = await this.accessToken()
    } catch (e) {
      return { kind: 'retry', errcode: e instanceof WechatError ? e.errcode : null, errmsg: `no access token: ${(e as Error).message}` }
    }
    let answer = await this.post(token, message)
    if ('errcode' in answer && TOKEN_ERRCODES.has(answer.errcode)) {
      this.log.warn('access token refused; fetching a new one and sending once more', { errcode: answer.errcode })
      this.invalidate(token)
      try {
        token = await this.accessToken()
      } catch (e) {
        return { kind: 'retry', errcode: answer.errcode, errmsg: `no access token: ${(e as Error).message}` }
      }
      answer = await this.post(token, message)
      // Refused again: this token is no better, so the next attempt starts with a fresh one.
      if ('errcode' in answer && TOKEN_ERRCODES.has(answer.errcode)) this.invalidate(token)
    }
    return classify(answer)
  }

  private async fetchToken(): Promise<string> {
    this.tokenFetches++
    const startedAt = this.now()
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: this.config.appId, secret: this.config.secret })
    let json: Record<string, unknown> | undefined
    try {
      const res = await request(`${this.config.apiBase}/cgi-bin/token?${q}`, { timeoutMs: this.config.timeoutMs, maxBytes: 16_384 })
      json = parse(res.body)
    } catch (e) {
      throw new WechatError(`access token request failed: ${(e as Error).message}`, null)
    }
    if (!json) throw new WechatError('access token request: WeChat answered with something other than JSON', null)
    const token = json.access_token
    const expiresIn = json.expires_in
    if (typeof token !== 'string' || token.length === 0 || typeof expiresIn !== 'number' || !(expiresIn > 0)) {
      const { errcode, errmsg } = describe(json)
      throw new WechatError(`access token refused: ${errcode} ${errmsg}`, errcode)
    }
    const lifetime = expiresIn * 1000
    // Counted from when the request was made, so network time only ever shortens what is assumed.
    this.cached = { token, expiresAt: startedAt + lifetime, refreshAt: startedAt + lifetime - Math.min(300_000, lifetime / 5) }
    return token
  }

  private async post(token: string, message: OutgoingMessage): Promise<SendAnswer> {
    const body = {
      touser: message.touser,
      template_id: message.templateId,
      page: message.page,
      data: message.data,
      miniprogram_state: this.config.miniprogramState,
      lang: this.config.lang
    }
    try {
      const res = await request(`${this.config.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, { json: body, timeoutMs: this.config.timeoutMs, maxBytes: 16_384 })
      const json = parse(res.body)
      if (json && typeof json.errcode === 'number') return describe(json)
      return { failed: true, maybeProcessed: true, errmsg: `HTTP ${res.status} without an errcode` }
    } catch (e) {
      return { failed: true, maybeProcessed: e instanceof RequestError ? e.maybeProcessed : true, errmsg: (e as Error).message }
    }
  }
}

/** Maps one answer of `subscribeMessage.send` to what happens next. */
export function classify(answer: SendAnswer): SendOutcome {
  if ('failed' in answer) {
    return answer.maybeProcessed
      ? { kind: 'unknown', errmsg: `sent, but no answer: ${answer.errmsg}` }
      : { kind: 'retry', errcode: null, errmsg: `not sent: ${answer.errmsg}` }
  }
  const { errcode, errmsg } = answer
  if (errcode === 0) return { kind: 'sent' }
  if (errcode === -1 || TOKEN_ERRCODES.has(errcode)) return { kind: 'retry', errcode, errmsg }
  if (errcode === 45009) return { kind: 'rate-limited', errcode, errmsg }
  if (errcode === 43101) return { kind: 'dropped', errcode, errmsg }
  // 40003: the openid is not a reader of this app, so there is no credit to give back.
  return { kind: 'failed', errcode, errmsg, refund: errcode !== 40003 }
}
