/**
 * The key-value storage port the cache needs. The mini-program implements it over wx storage
 * (1 MB per key, 10 MB in all), H5 over localStorage; tests over an in-memory store with the same
 * limits. Values are strings: the cache serialises, so it can measure and detect corruption itself.
 */
export interface KeyValueStorage {
  /** The stored string, or undefined when absent (or unreadable). */
  get(key: string): string | undefined
  /** Stores a string; throws StorageFullError when the platform refuses it for size, another Error otherwise. */
  set(key: string, value: string): void
  remove(key: string): void
  keys(): string[]
}

/** The platform refused a write: over the per-key or total quota. */
export class StorageFullError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'StorageFullError'
  }
}

/** Bytes of a string as UTF-8: the conservative measure for quota accounting (CJK = 3 bytes). */
export function utf8Length(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++ } else n += 3
  }
  return n
}
