import { TransportError, type HttpGet } from './http'

export interface RetryOptions {
  /** Extra attempts after the first. */
  retries: number
  /** Delay before the first retry; doubles each time, with ±25% jitter. */
  baseDelayMs: number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Wraps a GET with retries and exponential backoff for the failures a weak mobile network produces
 * (no connection, timeout, 5xx, 429). A 4xx or a response with bad content is final: retrying cannot help.
 */
export function withRetry(get: HttpGet, options: RetryOptions): HttpGet {
  const sleep = options.sleep ?? defaultSleep
  const random = options.random ?? Math.random
  return async (url, opts) => {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= options.retries
      const delay = options.baseDelayMs * 2 ** attempt * (0.75 + random() * 0.5)
      try {
        const res = await get(url, opts)
        if (last || !(res.status >= 500 || res.status === 429)) return res
      } catch (e) {
        if (last || !(e instanceof TransportError)) throw e
      }
      await sleep(delay)
    }
  }
}
