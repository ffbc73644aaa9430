import { StorageFullError, utf8Length, type KeyValueStorage } from '@/core/storage'

export interface MemoryStorageOptions {
  /** Per-key limit in bytes (WeChat: 1 MB). */
  perKey?: number
  /** Total limit in bytes (WeChat: 10 MB). */
  total?: number
}

/**
 * Storage in memory that refuses writes the way wx storage does: over 1 MB for one key, or over
 * 10 MB in all. `data` is exposed so tests can corrupt entries or inspect them.
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): KeyValueStorage & { data: Map<string, string>, bytes(): number } {
  const perKey = options.perKey ?? 1024 * 1024
  const total = options.total ?? 10 * 1024 * 1024
  const data = new Map<string, string>()
  const size = (k: string, v: string) => utf8Length(k) + utf8Length(v)
  const bytes = () => [...data].reduce((n, [k, v]) => n + size(k, v), 0)
  return {
    data,
    bytes,
    get: (key) => data.get(key),
    set(key, value) {
      if (size(key, value) > perKey) throw new StorageFullError(`setStorageSync:fail entry size limit reached (${key})`)
      const old = data.get(key)
      if (bytes() - (old === undefined ? 0 : size(key, old)) + size(key, value) > total) throw new StorageFullError('setStorageSync:fail exceed storage max size 10MB')
      data.set(key, value)
    },
    remove: (key) => { data.delete(key) },
    keys: () => [...data.keys()]
  }
}
