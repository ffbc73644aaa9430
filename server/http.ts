/**
 * Incoming HTTP plumbing on node:http: JSON answers, bounded JSON bodies, the client address and the
 * admin bearer check. Errors are thrown as HttpError and turned into `{ "error": … }` answers by the
 * router, so every refusal has a status and a sentence.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** A refusal with an HTTP status. `details` is added to the JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details: Record<string, unknown> = {}
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/** Writes a JSON answer. Answers are never cached: they describe state that changes. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers
  })
  res.end(text)
}

/**
 * Reads a JSON body of at most `limit` bytes: 415 unless the content type is JSON, 413 when larger
 * (by Content-Length before reading, or by counting while reading), 400 when it does not parse.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json') return Promise.reject(new HttpError(415, 'the body must be JSON (Content-Type: application/json)'))
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new HttpError(413, `the body must be at most ${limit} bytes`, { connection: 'close' }))
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    req.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > limit) {
        refused = true
        reject(new HttpError(413, `the body must be at most ${limit} bytes`, { connection: 'close' }))
      } else chunks.push(chunk)
    })
    req.on('end', () => {
      if (refused) return
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch {
        reject(new HttpError(400, 'the body is not valid JSON'))
      }
    })
    req.on('error', (e) => { if (!refused) reject(new HttpError(400, `the body could not be read: ${e.message}`)) })
  })
}

/** The X-Forwarded-For entries, oldest first (the client's claim first, the nearest proxy's last). */
export function forwardedFor(req: IncomingMessage): string[] {
  const header = req.headers['x-forwarded-for']
  return (Array.isArray(header) ? header.join(',') : header ?? '').split(',').map((s) => s.trim()).filter(Boolean)
}

/**
 * The client's address, `trustedHops` proxies back: with 0 the socket's peer; with N the N-th
 * X-Forwarded-For entry from the end (each trusted proxy appended the address it saw; anything before
 * those is whatever the client claimed). A request with fewer entries than trusted proxies did not come
 * through them all, so its header is the client's own writing: the socket's peer is used instead.
 */
export function clientAddress(req: IncomingMessage, trustedHops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown'
  if (trustedHops === 0) return peer
  const entries = forwardedFor(req)
  return entries.length >= trustedHops ? entries[entries.length - trustedHops] : peer
}

const digest = (s: string) => createHash('sha256').update(s).digest()

/**
 * Whether a secret someone sent equals the configured one, in constant time over SHA-256 digests, so
 * neither its content nor its length leaks through timing. Used by the admin bearer check and the
 * console's login.
 */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected))
}

/**
 * Checks `Authorization: Bearer <token>`: 401 without it, 403 with a wrong one or when the server has
 * no admin token. Compared in constant time over digests, so neither content nor length leaks.
 */
export function requireAdmin(req: IncomingMessage, adminToken: string | null): void {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')
  if (!m) throw new HttpError(401, 'this endpoint needs Authorization: Bearer <ADMIN_TOKEN>', { 'www-authenticate': 'Bearer realm="admin"' })
  if (adminToken === null) throw new HttpError(403, 'admin endpoints are disabled: ADMIN_TOKEN is not set on the server')
  if (!sameSecret(m[1], adminToken)) throw new HttpError(403, 'wrong admin token')
}

/**
 * Gives a request `ms` to arrive in full, then drops its connection. node:http's `requestTimeout` is one
 * value for the whole server, and the console's uploads need minutes on a slow line; the public
 * endpoints take a few hundred bytes and must not let a slow client hold a socket that long.
 */
export function limitRequestTime(req: IncomingMessage, res: ServerResponse, ms: number): void {
  if (req.complete) return
  const timer = setTimeout(() => {
    if (!req.complete) req.socket.destroy()
  }, ms)
  timer.unref()
  const clear = () => clearTimeout(timer)
  req.once('end', clear)
  res.once('close', clear)
}
