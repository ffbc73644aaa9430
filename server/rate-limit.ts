/**
 * Per-key token buckets in memory (the key is the client address). Each bucket holds up to `burst`
 * tokens and refills at `perMinute`; a request takes one. The table is capped: past `maxKeys` the
 * least recently seen key is forgotten, which can only ever give that client a fresh, full bucket.
 */

/** Result of `take`. */
export type Take = { ok: true } | { ok: false, retryAfterSeconds: number }

/** Options of the limiter. */
export interface RateLimitOptions {
  burst: number
  perMinute: number
  maxKeys?: number
}

interface Bucket {
  tokens: number
  at: number
}

/** A token-bucket rate limiter. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>()
  private readonly perMs: number
  private readonly maxKeys: number

  constructor(private readonly options: RateLimitOptions, private readonly now: () => number = Date.now) {
    this.perMs = options.perMinute / 60_000
    this.maxKeys = options.maxKeys ?? 10_000
  }

  /** Takes one token for `key`, or says how many whole seconds until one is there. */
  take(key: string): Take {
    const now = this.now()
    const old = this.buckets.get(key)
    const tokens = old ? Math.min(this.options.burst, old.tokens + (now - old.at) * this.perMs) : this.options.burst
    // Re-inserting keeps the Map in least-recently-seen order, so eviction takes the first key.
    this.buckets.delete(key)
    if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string)
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now })
      return { ok: true }
    }
    this.buckets.set(key, { tokens, at: now })
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) }
  }

  /** Gives back the token a request took (it turned out not to count), up to a full bucket. */
  refund(key: string): void {
    const b = this.buckets.get(key)
    if (b) b.tokens = Math.min(this.options.burst, b.tokens + 1)
  }
}
