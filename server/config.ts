/**
 * The server's configuration, from the environment only. Every problem is collected and reported at
 * once, so a misconfigured deployment fails at start with one readable list instead of at the first
 * request. The WeChat secret stays here and in the WeChat client; nothing of it reaches a response.
 */
import path from 'node:path'
import { DEFAULT_TEMPLATE_FIELDS, parseTemplateFields, type TemplateField } from './template'

/** Where the feed is read from when an issue is notified. */
export type FeedLocation = { kind: 'dir', dir: string } | { kind: 'url', url: string }

/** Everything the WeChat client needs; absent when notifications are off. */
export interface WechatConfig {
  appId: string
  secret: string
  templateId: string
  /** No trailing slash. */
  apiBase: string
  fields: TemplateField[]
  miniprogramState: 'formal' | 'trial' | 'developer'
  lang: string
  /** Per HTTP call to WeChat. */
  timeoutMs: number
}

/** Tuning of the outbox dispatcher (see dispatcher.ts). */
export interface DispatchConfig {
  /** Sends in flight at once. */
  concurrency: number
  /** Pause of each worker after each send, to spread load. */
  sendIntervalMs: number
  /** First retry delay after "system busy" or a send that never left; doubles per attempt. */
  backoffMs: number
  maxBackoffMs: number
  /** Attempts per message before it is marked failed. */
  maxAttempts: number
  /** How long all sending stops after 45009 (daily quota reached). */
  rateLimitPauseMs: number
}

/** The parsed configuration. */
export interface Config {
  host: string
  port: number
  databasePath: string
  /** Null: notifications are off (no WeChat credentials); the server still answers health checks. */
  wechat: WechatConfig | null
  /** Null: admin endpoints refuse every request. */
  adminToken: string | null
  feed: FeedLocation | null
  /** How often the feed is read to learn of new issues (see publications.ts); 0: only when needed. */
  feedCheckSeconds: number
  /**
   * Reverse proxies in front of the server (0: none). The client address is the one this many hops
   * back along X-Forwarded-For; with 0 the header is ignored.
   */
  trustProxy: number
  rateLimit: { burst: number, perMinute: number }
  /**
   * Login-code exchanges with WeChat (`jscode2session`): per client address (only codes WeChat refuses
   * count) and for the whole server. Each bucket holds a minute's worth.
   */
  codeExchange: { perAddressPerMinute: number, perMinute: number }
  bodyLimitBytes: number
  dispatch: DispatchConfig
  console: ConsoleConfig
}

/** The newsroom console (server/console/): on when ADMIN_TOKEN is set; publishes only into a FEED_DIR. */
export interface ConsoleConfig {
  /** Drafts' uploaded files, page images and photos, one folder per draft (their records are in the database). */
  draftsDir: string
  /** The console page's built files (index.html, JS, CSS). */
  staticDir: string
  /** A session's fixed lifetime from login. */
  sessionHours: number
  /** Login attempts per client address: a bucket of this many, refilling over a minute. */
  loginPerMinute: number
}

/** Thrown by `loadConfig` with every problem found. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** The default database file, beside this module (server/data/ is git-ignored). */
export const DEFAULT_DATABASE_PATH = path.join(__dirname, 'data', 'notifications.sqlite')

/** Where the console page is built (by `npm run build:console`, which `npm start` and `npm test` run). */
export const DEFAULT_CONSOLE_DIR = path.join(__dirname, '..', 'dist', 'console')

/**
 * Reads the configuration from `env`. Notifications are on when WECHAT_APPID, WECHAT_SECRET and
 * WECHAT_TEMPLATE_ID are all set, off when none is; some but not all is an error, as is a feed
 * missing while notifications are on. Throws ConfigError.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = []
  const str = (name: string): string | undefined => {
    const v = env[name]?.trim()
    return v ? v : undefined
  }
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name)
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (!/^\d+$/.test(raw) || n < min || n > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`)
      return fallback
    }
    return n
  }
  const hops = (name: string): number => {
    const raw = str(name)
    if (raw === undefined) return 0
    if (!/^\d+$/.test(raw) || Number(raw) > 10) {
      problems.push(`${name} is the number of reverse proxies in front of the server (0: none), got ${JSON.stringify(raw)}`)
      return 0
    }
    return Number(raw)
  }

  const appId = str('WECHAT_APPID')
  const secret = str('WECHAT_SECRET')
  const templateId = str('WECHAT_TEMPLATE_ID')
  const given = [appId, secret, templateId].filter((v) => v !== undefined).length
  let wechat: WechatConfig | null = null
  if (given > 0 && given < 3) {
    problems.push(`set all of WECHAT_APPID, WECHAT_SECRET and WECHAT_TEMPLATE_ID to turn notifications on, or none of them to turn them off (missing: ${[['WECHAT_APPID', appId], ['WECHAT_SECRET', secret], ['WECHAT_TEMPLATE_ID', templateId]].filter(([, v]) => v === undefined).map(([n]) => n).join(', ')})`)
  }
  const apiBase = (str('WECHAT_API_BASE') ?? 'https://api.weixin.qq.com').replace(/\/+$/, '')
  if (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(apiBase)) problems.push(`WECHAT_API_BASE must be an http(s) URL, got ${JSON.stringify(apiBase)}`)
  let fields: TemplateField[] = []
  try {
    fields = parseTemplateFields(str('WECHAT_TEMPLATE_FIELDS') ?? DEFAULT_TEMPLATE_FIELDS)
  } catch (e) {
    problems.push(`WECHAT_TEMPLATE_FIELDS ${(e as Error).message}`)
  }
  const state = str('WECHAT_MINIPROGRAM_STATE') ?? 'formal'
  if (state !== 'formal' && state !== 'trial' && state !== 'developer') problems.push(`WECHAT_MINIPROGRAM_STATE must be formal, trial or developer, got ${JSON.stringify(state)}`)
  const timeoutMs = int('WECHAT_TIMEOUT_MS', 10_000, 100, 120_000)
  if (appId && secret && templateId) {
    wechat = { appId, secret, templateId, apiBase, fields, miniprogramState: state as WechatConfig['miniprogramState'], lang: 'zh_CN', timeoutMs }
  }

  const adminToken = str('ADMIN_TOKEN') ?? null
  if (adminToken !== null && adminToken.length < 16) problems.push('ADMIN_TOKEN must be at least 16 characters (e.g. `openssl rand -hex 24`)')

  const feedDir = str('FEED_DIR')
  const feedUrl = str('FEED_URL')
  let feed: FeedLocation | null = null
  if (feedDir && feedUrl) problems.push('set FEED_DIR or FEED_URL, not both')
  else if (feedDir) feed = { kind: 'dir', dir: path.resolve(feedDir) }
  else if (feedUrl) {
    if (!/^https?:\/\/\S+$/.test(feedUrl)) problems.push(`FEED_URL must be an http(s) URL, got ${JSON.stringify(feedUrl)}`)
    else feed = { kind: 'url', url: feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/` }
  }
  if (wechat && !feed && !(feedDir && feedUrl)) problems.push('notifications are on, so FEED_DIR or FEED_URL must say where the feed is')

  const databasePath = path.resolve(str('DATABASE_PATH') ?? DEFAULT_DATABASE_PATH)
  const config: Config = {
    host: str('HOST') ?? '127.0.0.1',
    port: int('PORT', 8787, 0, 65535),
    databasePath,
    wechat,
    adminToken,
    feed,
    feedCheckSeconds: int('FEED_CHECK_SECONDS', 60, 0, 86_400),
    trustProxy: hops('TRUST_PROXY'),
    rateLimit: { burst: int('RATE_LIMIT_BURST', 10, 1, 10_000), perMinute: int('RATE_LIMIT_PER_MINUTE', 30, 1, 100_000) },
    codeExchange: { perAddressPerMinute: int('CODE_EXCHANGE_PER_ADDRESS_PER_MINUTE', 10, 1, 10_000), perMinute: int('CODE_EXCHANGE_PER_MINUTE', 300, 1, 100_000) },
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 4096, 256, 1_048_576),
    dispatch: {
      concurrency: int('SEND_CONCURRENCY', 4, 1, 64),
      sendIntervalMs: int('SEND_INTERVAL_MS', 0, 0, 60_000),
      backoffMs: int('SEND_BACKOFF_MS', 2_000, 1, 3_600_000),
      maxBackoffMs: int('SEND_MAX_BACKOFF_MS', 300_000, 1, 86_400_000),
      maxAttempts: int('SEND_MAX_ATTEMPTS', 6, 1, 100),
      rateLimitPauseMs: int('RATE_LIMIT_PAUSE_MS', 3_600_000, 1, 86_400_000)
    },
    console: {
      // Beside the database by default: both are the server's state and are backed up together.
      draftsDir: path.resolve(str('DRAFTS_DIR') ?? path.join(path.dirname(databasePath), 'drafts')),
      staticDir: path.resolve(str('CONSOLE_DIR') ?? DEFAULT_CONSOLE_DIR),
      sessionHours: int('CONSOLE_SESSION_HOURS', 12, 1, 168),
      loginPerMinute: int('LOGIN_ATTEMPTS_PER_MINUTE', 5, 1, 1000)
    }
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}
