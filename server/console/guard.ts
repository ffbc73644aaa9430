/**
 * What stands between a request and the console: the session cookie, and the refusal of cross-site
 * requests. SameSite=Strict already keeps the cookie off requests other sites start; the origin check
 * is the second lock, for browsers or proxies that get SameSite wrong.
 */
import type { IncomingMessage } from 'node:http'
import { CONSOLE_BASE, SESSION_COOKIE } from '../../newsroom/console/core/api'

/** The value of cookie `name`, or undefined. */
export function readCookie (req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/** The session id the request carries. */
export function sessionIdOf (req: IncomingMessage): string | undefined {
  return readCookie(req, SESSION_COOKIE)
}

const first = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h ?? '').split(',')[0].trim().toLowerCase()

/** Whether the request reached the first proxy (or this server) over https. */
export function cameOverHttps (req: IncomingMessage): boolean {
  return Boolean((req.socket as { encrypted?: boolean }).encrypted) || first(req.headers['x-forwarded-proto']) === 'https'
}

/**
 * Whether a state-changing request comes from the console's own page: its `Origin` names the host the
 * request was sent to (`Host`, or behind trusted proxies `X-Forwarded-Host`, which they set to the host
 * the browser used), or the browser says `Sec-Fetch-Site: same-origin`. A request without either is
 * refused: every browser sends `Origin` on a POST, PUT or DELETE, and the page only sends those.
 */
export function isSameOrigin (req: IncomingMessage, trustProxy: number): boolean {
  if (first(req.headers['sec-fetch-site']) === 'same-origin') return true
  const origin = first(req.headers.origin)
  if (!origin || origin === 'null') return false
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    return false
  }
  const hosts = [first(req.headers.host)]
  if (trustProxy > 0) hosts.push(first(req.headers['x-forwarded-host']))
  return hosts.some((h) => h !== '' && h === originHost)
}

const cookiePath = CONSOLE_BASE.replace(/\/$/, '')

/** The Set-Cookie of a new session: HttpOnly, SameSite=Strict, the console's path, its lifetime; Secure over https. */
export function sessionCookie (id: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=${cookiePath}; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`
}

/** The Set-Cookie that removes the session cookie. */
export function clearedCookie (secure: boolean): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=${cookiePath}; Max-Age=0${secure ? '; Secure' : ''}`
}
