/**
 * The newsroom's command, run after the feed is built:
 *
 *   npm run server -- notify <issue-id | latest> [--wait] [--timeout <seconds>]
 *   npm run server -- status <issue-id>
 *
 * It asks the running server (SERVER_URL, default http://127.0.0.1:$PORT) over its admin endpoint
 * rather than sending itself, so exactly one process ever dispatches from the database.
 */
import { request } from './http-client'

/** Usage text, printed on a bad command line. */
export const NOTIFY_USAGE = `usage:
  npm run server -- notify <issue-id | latest> [--wait] [--timeout <seconds>]
  npm run server -- status <issue-id>
env: ADMIN_TOKEN (required), SERVER_URL (default http://127.0.0.1:$PORT, PORT default 8787)`

interface StatusBody {
  issueId: string
  counts: Record<string, number>
  done: boolean
  pausedUntil?: string | null
  problems?: { openid: string, state: string, errcode: number | null, errmsg: string | null }[]
}

function summary(s: StatusBody): string {
  const c = s.counts
  const line = `issue ${s.issueId}: ${c.total} messages: ${c.sent} sent, ${c.pending + c.sending} in progress, ${c.failed} failed, ${c.dropped} dropped, ${c.unknown} unknown`
  const paused = s.pausedUntil ? `\nsending paused until ${s.pausedUntil} (WeChat quota or token trouble)` : ''
  const problems = (s.problems ?? []).map((p) => `\n  ${p.state}: ${p.openid} ${p.errcode ?? ''} ${p.errmsg ?? ''}`).join('')
  return line + paused + problems
}

/**
 * Runs `notify` or `status` with `args` (after the subcommand name); resolves with the exit code.
 * Writes progress to stdout and errors to stderr.
 */
export async function runNotifyCli(command: 'notify' | 'status', args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const token = env.ADMIN_TOKEN?.trim()
  const base = (env.SERVER_URL?.trim() || `http://127.0.0.1:${env.PORT?.trim() || 8787}`).replace(/\/+$/, '')
  const wait = args.includes('--wait')
  const t = args.indexOf('--timeout')
  const timeoutS = t >= 0 ? Number(args[t + 1]) : 600
  const positional = args.filter((a, i) => !a.startsWith('--') && !(t >= 0 && i === t + 1))
  const id = positional[0]
  if (!token || !id || positional.length > 1 || !(timeoutS > 0)) {
    process.stderr.write(`${!token ? 'ADMIN_TOKEN is not set\n' : ''}${NOTIFY_USAGE}\n`)
    return 2
  }
  const call = async (method: 'GET' | 'POST', issueId: string) => {
    const res = await request(`${base}/api/issues/${encodeURIComponent(issueId)}/notify`, { method, timeoutMs: 30_000, headers: { authorization: `Bearer ${token}` } })
    let body: Record<string, unknown> = {}
    try {
      body = JSON.parse(res.body) as Record<string, unknown>
    } catch {
      body = { error: res.body.slice(0, 200) }
    }
    return { status: res.status, body }
  }
  let r: { status: number, body: Record<string, unknown> }
  try {
    r = await call(command === 'notify' ? 'POST' : 'GET', id)
  } catch (e) {
    process.stderr.write(`cannot reach the server at ${base}: ${(e as Error).message}\n`)
    return 1
  }
  if (r.status >= 400) {
    process.stderr.write(`${base}: ${r.status} ${String(r.body.error ?? '')}\n`)
    return 1
  }
  const issueId = String(r.body.issueId)
  if (command === 'notify') {
    process.stdout.write(r.body.created ? `queued ${String(r.body.queued)} messages for issue ${issueId}\n` : `issue ${issueId} was already notified; nothing new queued\n`)
    r = { status: 200, body: r.body.status as Record<string, unknown> }
  }
  let status = r.body as unknown as StatusBody
  const deadline = Date.now() + timeoutS * 1000
  let unreachable = false
  while (wait && !status.done && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    let next: { status: number, body: Record<string, unknown> }
    try {
      next = await call('GET', issueId)
    } catch (e) {
      // The server may be restarting: keep asking until the deadline, and say so once.
      if (!unreachable) process.stderr.write(`cannot reach the server at ${base} (${(e as Error).message}); still waiting\n`)
      unreachable = true
      continue
    }
    unreachable = false
    if (next.status >= 400) {
      // An answer, not a network failure: say what the server said, and what was last known.
      process.stderr.write(`${base}: while waiting for issue ${issueId} the server answered ${next.status} ${String(next.body.error ?? '')}\n`)
      process.stdout.write(`last known: ${summary(status)}\n`)
      return 1
    }
    status = next.body as unknown as StatusBody
  }
  process.stdout.write(`${summary(status)}\n`)
  if (wait && !status.done && unreachable) process.stderr.write(`cannot reach the server at ${base}; gave up waiting after ${timeoutS} s\n`)
  return wait && !status.done ? 1 : 0
}
