/**
 * Outgoing HTTP(S) calls with a deadline and a size cap, telling apart the two ways a call can fail:
 * before the request was fully handed to the network (the other side cannot have acted on it, so a
 * retry is safe) and after (it may have acted on it). For `subscribeMessage.send` that difference is
 * the difference between "retry" and "never resend". A fresh connection per call keeps it simple to
 * reason about: no request is ever written onto a socket the other side has already closed.
 */
import http from 'node:http'
import https from 'node:https'

/** A failed call. `maybeProcessed` is true when the request had been sent in full before it failed. */
export class RequestError extends Error {
  constructor(message: string, readonly maybeProcessed: boolean) {
    super(message)
    this.name = 'RequestError'
  }
}

/** A complete answer of any status. */
export interface HttpResponse {
  status: number
  body: string
}

/** Options of `request`. */
export interface RequestOptions {
  method?: 'GET' | 'POST'
  /** Sent as application/json. */
  json?: unknown
  timeoutMs: number
  maxBytes?: number
  headers?: Record<string, string>
}

/** Makes one call; resolves with any status, rejects with RequestError. */
export function request(url: string, options: RequestOptions): Promise<HttpResponse> {
  const target = new URL(url)
  const lib = target.protocol === 'https:' ? https : http
  const body = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json))
  const maxBytes = options.maxBytes ?? 1_048_576
  return new Promise((resolve, reject) => {
    let sent = false
    let settled = false
    const fail = (message: string) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      req.destroy()
      reject(new RequestError(message, sent))
    }
    const req = lib.request(target, {
      method: options.method ?? (body ? 'POST' : 'GET'),
      agent: false,
      headers: { ...options.headers, ...(body ? { 'content-type': 'application/json', 'content-length': String(body.length) } : {}) }
    }, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > maxBytes) fail(`answer larger than ${maxBytes} bytes`)
        else chunks.push(chunk)
      })
      res.on('end', () => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') })
      })
      res.on('error', (e) => fail(`answer interrupted: ${e.message}`))
    })
    const timer = setTimeout(() => fail(`no answer within ${options.timeoutMs} ms`), options.timeoutMs)
    req.on('finish', () => { sent = true })
    req.on('error', (e) => fail(e.message))
    req.end(body)
  })
}
