import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** One `subscribeMessage.send` call as the fake received it. */
export interface SendRecord {
  touser: string
  body: Record<string, unknown>
  token: string
  /** What the fake answered; 0 means delivered. */
  errcode: number
  /** Date.now() when received. */
  at: number
}

interface Forced {
  errcode: number
  errmsg: string
  times: number
  openid?: string
}

interface TokenState {
  expiresAt: number
  revoked: boolean
}

/** A local stand-in for api.weixin.qq.com that keeps WeChat's contract and records what it was sent. */
export interface FakeWechat {
  /** Base URL for WECHAT_API_BASE (no trailing slash). */
  url: string
  appId: string
  secret: string
  templateId: string
  /** expires_in of tokens issued from now on. */
  tokenTtlSeconds: number
  /** Delay before answering a token request (lets concurrent senders pile up behind one fetch). */
  tokenDelayMs: number
  /**
   * How the token endpoint fails, when it does: `hang` never answers (the caller's timeout ends it),
   * a number is answered as that errcode (e.g. -1, system busy).
   */
  tokenFailure?: 'hang' | number
  tokenFetches: number
  /** `jscode2session` calls received, whatever their answer. */
  codeExchanges: number
  /** When set, `jscode2session` answers this errcode (e.g. -1, system busy) instead of exchanging. */
  codeFailure?: number
  sends: SendRecord[]
  /** Sends answered with errcode 0, optionally for one reader. */
  delivered(openid?: string): SendRecord[]
  /** Every send to one reader, in order. */
  sendsTo(openid: string): SendRecord[]
  /** A fresh single-use wx.login code for `openid` (which becomes a known reader). */
  issueCode(openid: string): string
  /** The next `times` sends (to `openid`, or to anyone) get `errcode` instead of being delivered. */
  failNext(errcode: number, options?: { times?: number, openid?: string }): void
  /** Every token issued so far is no longer valid (40001). */
  revokeTokens(): void
  /** Every token issued so far has expired (42001). */
  expireTokens(): void
  /**
   * Called for each delivered message after it is recorded and before it is answered; the answer
   * waits for it. Crash tests kill the server from here.
   */
  onDelivered?: (record: SendRecord) => Promise<void> | void
  /**
   * Called for each send as it arrives, before WeChat would act on it. Answering 'discard' models a
   * connection lost before WeChat processed the request: nothing is recorded or delivered.
   */
  onReceived?: (touser: string) => Promise<'discard' | void> | 'discard' | void
  close(): Promise<void>
}

const TYPE_RULES: Record<string, (v: string) => boolean> = {
  thing: (v) => Array.from(v).length <= 20 && !/[\u0000-\u001f]/.test(v),
  number: (v) => /^\d{1,32}(\.\d+)?$/.test(v),
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  date: (v) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(v) || /^\d{4}-\d{2}-\d{2}$/.test(v)
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', () => resolve(''))
  })
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startFakeWechat(): Promise<FakeWechat> {
  const codes = new Map<string, { openid: string, used: boolean }>()
  const readers = new Set<string>()
  const tokens = new Map<string, TokenState>()
  const forced: Forced[] = []
  const sockets = new Set<Socket>()

  const fake: FakeWechat = {
    url: '',
    appId: 'wx0123456789abcdef',
    secret: 'fake-secret-0123456789abcdef012345',
    templateId: 'TPL-new-issue-0001',
    tokenTtlSeconds: 7200,
    tokenDelayMs: 0,
    tokenFetches: 0,
    codeExchanges: 0,
    sends: [],
    delivered: (openid) => fake.sends.filter((s) => s.errcode === 0 && (openid === undefined || s.touser === openid)),
    sendsTo: (openid) => fake.sends.filter((s) => s.touser === openid),
    issueCode(openid) {
      const code = `code_${randomBytes(9).toString('base64url')}`
      codes.set(code, { openid, used: false })
      readers.add(openid)
      return code
    },
    failNext(errcode, options = {}) {
      forced.push({ errcode, errmsg: `forced ${errcode}`, times: options.times ?? 1, openid: options.openid })
    },
    revokeTokens() {
      for (const t of tokens.values()) t.revoked = true
    },
    expireTokens() {
      for (const t of tokens.values()) t.expiresAt = 0
    },
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  }

  const json = (res: http.ServerResponse, body: unknown) => {
    if (res.destroyed) return
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

  async function send(req: http.IncomingMessage, res: http.ServerResponse, q: URLSearchParams): Promise<void> {
    const text = await readBody(req)
    const token = q.get('access_token') ?? ''
    let body: Record<string, unknown> = {}
    try {
      body = JSON.parse(text) as Record<string, unknown>
    } catch {
      return json(res, { errcode: 47001, errmsg: 'data format error' })
    }
    const touser = String(body.touser ?? '')
    if (fake.onReceived && (await fake.onReceived(touser)) === 'discard') {
      res.destroy()
      return
    }
    const record: SendRecord = { touser, body, token, errcode: 0, at: Date.now() }
    const answer = (errcode: number, errmsg: string) => {
      record.errcode = errcode
      fake.sends.push(record)
      json(res, { errcode, errmsg })
    }
    const i = forced.findIndex((f) => f.openid === undefined || f.openid === touser)
    if (i >= 0) {
      const f = forced[i]
      if (--f.times <= 0) forced.splice(i, 1)
      return answer(f.errcode, f.errmsg)
    }
    const t = tokens.get(token)
    if (!t || t.revoked) return answer(40001, 'invalid credential, access_token is invalid or not latest')
    if (Date.now() >= t.expiresAt) return answer(42001, 'access_token expired')
    if (body.template_id !== fake.templateId) return answer(40037, 'invalid template_id')
    if (!readers.has(touser)) return answer(40003, 'invalid openid')
    if (!['formal', 'trial', 'developer'].includes(String(body.miniprogram_state))) return answer(47003, 'argument invalid! miniprogram_state')
    if (typeof body.page !== 'string' || body.page.startsWith('/')) return answer(47003, 'argument invalid! page')
    const data = body.data as Record<string, { value?: unknown }> | undefined
    if (!data || typeof data !== 'object') return answer(47003, 'argument invalid! data')
    for (const [key, v] of Object.entries(data)) {
      const type = /^([a-z_]+?)\d+$/.exec(key)?.[1] ?? ''
      const rule = TYPE_RULES[type]
      if (!rule || typeof v?.value !== 'string' || !rule(v.value)) return answer(47003, `argument invalid! data.${key}.value invalid`)
    }
    record.errcode = 0
    fake.sends.push(record)
    if (fake.onDelivered) await fake.onDelivered(record)
    json(res, { errcode: 0, errmsg: 'ok', msgid: fake.sends.length })
  }

  function token(res: http.ServerResponse, q: URLSearchParams): void {
    fake.tokenFetches++
    if (fake.tokenFailure === 'hang') return
    if (typeof fake.tokenFailure === 'number') return json(res, { errcode: fake.tokenFailure, errmsg: `forced ${fake.tokenFailure}` })
    const answer = () => {
      if (q.get('grant_type') !== 'client_credential') return json(res, { errcode: 40002, errmsg: 'invalid grant_type' })
      if (q.get('appid') !== fake.appId) return json(res, { errcode: 40013, errmsg: 'invalid appid' })
      if (q.get('secret') !== fake.secret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret' })
      const value = `tok_${randomBytes(12).toString('hex')}`
      tokens.set(value, { expiresAt: Date.now() + fake.tokenTtlSeconds * 1000, revoked: false })
      json(res, { access_token: value, expires_in: fake.tokenTtlSeconds })
    }
    if (fake.tokenDelayMs > 0) setTimeout(answer, fake.tokenDelayMs)
    else answer()
  }

  function code2session(res: http.ServerResponse, q: URLSearchParams): void {
    fake.codeExchanges++
    if (fake.codeFailure !== undefined) return json(res, { errcode: fake.codeFailure, errmsg: `forced ${fake.codeFailure}` })
    if (q.get('appid') !== fake.appId || q.get('secret') !== fake.secret) return json(res, { errcode: 40013, errmsg: 'invalid appid' })
    if (q.get('grant_type') !== 'authorization_code') return json(res, { errcode: 40002, errmsg: 'invalid grant_type' })
    const entry = codes.get(q.get('js_code') ?? '')
    if (!entry) return json(res, { errcode: 40029, errmsg: 'invalid code' })
    if (entry.used) return json(res, { errcode: 40163, errmsg: 'code been used' })
    entry.used = true
    json(res, { openid: entry.openid, session_key: randomBytes(16).toString('base64') })
  }

  const server = http.createServer((req, res) => {
    req.on('error', () => undefined)
    res.on('error', () => undefined)
    const u = new URL(req.url ?? '/', 'http://x')
    if (req.method === 'GET' && u.pathname === '/cgi-bin/token') return token(res, u.searchParams)
    if (req.method === 'GET' && u.pathname === '/sns/jscode2session') return code2session(res, u.searchParams)
    if (req.method === 'POST' && u.pathname === '/cgi-bin/message/subscribe/send') {
      send(req, res, u.searchParams).catch(() => res.destroy())
      return
    }
    res.writeHead(404).end()
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return fake
}
