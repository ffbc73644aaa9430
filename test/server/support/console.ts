// Talking to the newsroom console's API as its page does: same-origin requests with the session cookie.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { ADMIN_TOKEN } from './server-process'

/** An answer: status, headers, the JSON body (or {} when it is not JSON) and the raw bytes. */
export interface ConsoleAnswer {
  status: number
  headers: Headers
  json: any
  bytes: Buffer
}

/** Options of one call. `origin: null` sends none; default is the server's own origin. */
export interface CallOptions {
  cookie?: string
  origin?: string | null
  body?: unknown
  headers?: Record<string, string>
}

/** Calls `base + pathname`; objects are sent as JSON, FormData as multipart. */
export async function call(base: string, method: string, pathname: string, options: CallOptions = {}): Promise<ConsoleAnswer> {
  const headers: Record<string, string> = { ...options.headers }
  const origin = options.origin === undefined ? base : options.origin
  if (origin !== null) headers.origin = origin
  if (options.cookie) headers.cookie = options.cookie
  let body: BodyInit | undefined
  if (options.body instanceof FormData || typeof options.body === 'string' || Buffer.isBuffer(options.body)) body = options.body as BodyInit
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body)
    headers['content-type'] = 'application/json'
  }
  const r = await fetch(`${base}${pathname}`, { method, headers, body, redirect: 'manual' })
  const bytes = Buffer.from(await r.arrayBuffer())
  let json: any = {}
  try { json = JSON.parse(bytes.toString('utf8')) } catch { json = {} }
  return { status: r.status, headers: r.headers, json, bytes }
}

/** Logs in with the admin token; returns the `nr_session=…` cookie pair. */
export async function login(base: string, token = ADMIN_TOKEN): Promise<string> {
  const r = await call(base, 'POST', '/newsroom/api/login', { body: { token } })
  if (r.status !== 204) throw new Error(`login answered ${r.status} ${JSON.stringify(r.json)}`)
  return cookieOf(r)
}

/** The `name=value` of the answer's Set-Cookie. */
export function cookieOf(r: ConsoleAnswer): string {
  return (r.headers.get('set-cookie') ?? '').split(';')[0]
}

/** A multipart body of files, as the page's file input sends it. */
export function filesForm(files: Array<{ name: string, data: Buffer | string }>): FormData {
  const form = new FormData()
  for (const f of files) form.append('files', new Blob([new Uint8Array(typeof f.data === 'string' ? Buffer.from(f.data) : f.data)]), f.name)
  return form
}

/** A file from disk for {@link filesForm}. */
export const file = (p: string, name = path.basename(p)) => ({ name, data: readFileSync(p) })

/** Every file under `dir` with its bytes (base64), by relative path; missing folder: empty. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (d: string) => {
    let names: string[]
    try { names = readdirSync(d) } catch { return }
    for (const name of names) {
      const f = path.join(d, name)
      if (statSync(f).isDirectory()) walk(f)
      else out.set(path.relative(dir, f), readFileSync(f).toString('base64'))
    }
  }
  walk(dir)
  return out
}

/** The sample issue's text with another date and number: issue 764 of a week later. */
export function issue764(sampleText: string): string {
  return sampleText
    .replace('2023年8月22日 星期二 农历癸卯年七月初七', '2023年8月29日 星期二 农历癸卯年七月十四')
    .replace('总第763期 2023年第63期', '总第764期 2023年第64期')
    .replace('以党建引领网格化服务管理', '高新区召开新学期教育工作会议')
}
