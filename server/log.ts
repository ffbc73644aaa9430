/**
 * One-line logs: `<ISO time> <level> <message> key=value …`. Access tokens, the app secret and the
 * admin token are never passed here; openids go through `maskOpenid` because they identify readers.
 */
/** Extra facts of a log line, written as key=value. */
export type LogFields = Record<string, string | number | boolean | null | undefined>

/** The logger every module receives; tests run the server as a child process and read these lines. */
export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
}

function line(level: string, message: string, fields?: LogFields): string {
  const tail = fields
    ? Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' && /[\s"=]/.test(v) ? JSON.stringify(v) : String(v)}`)
      .join(' ')
    : ''
  return `${new Date().toISOString()} ${level} ${message}${tail ? ` ${tail}` : ''}`
}

/** Logs info to stdout and warnings and errors to stderr. */
export function createLogger(): Logger {
  return {
    info: (m, f) => { process.stdout.write(`${line('info', m, f)}\n`) },
    warn: (m, f) => { process.stderr.write(`${line('warn', m, f)}\n`) },
    error: (m, f) => { process.stderr.write(`${line('error', m, f)}\n`) }
  }
}

/** Keeps the first four and last two characters of an openid: enough to match log lines, not to identify. */
export function maskOpenid(openid: string): string {
  return openid.length <= 8 ? '…' : `${openid.slice(0, 4)}…${openid.slice(-2)}`
}
