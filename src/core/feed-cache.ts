import { validateIndex, validateIssue, type FeedIndex, type Issue, type Validation } from './feed'
import { StorageFullError, utf8Length, type KeyValueStorage } from './storage'

/** WeChat allows 10 MB per mini-program; the cache keeps 2 MB free for everything else. */
export const DEFAULT_CACHE_BUDGET = 8 * 1024 * 1024
/** WeChat's limit for one key. */
export const PER_KEY_LIMIT = 1024 * 1024
/** Layout version of the cache's keys and entries; bump with a migration when either changes. */
export const CACHE_SCHEMA = 1

const ROOT = 'gxqb/cache/'
const META_KEY = `${ROOT}meta`
const INDEX_KEY = `${ROOT}v1/index`
const ISSUE_PREFIX = `${ROOT}v1/issue/`

export interface Cached<T> {
  value: T
  /** When this copy was fetched (ms since epoch). */
  savedAt: number
  /** Content hash, to tell whether a fresh copy differs. */
  hash: string
}

interface Envelope<T> {
  v: number
  savedAt: number
  hash: string
  data: T
}

interface Meta {
  schema: number
  /** Issue id → last time it was opened. */
  lastRead: Record<string, number>
  /** Storage key → bytes it takes. */
  sizes: Record<string, number>
}

export interface CacheUsage {
  bytes: number
  budget: number
  issues: Array<{ id: string, bytes: number, lastReadAt: number }>
}

export interface FeedCache {
  readIndex(): Cached<FeedIndex> | undefined
  /** Stores the index; false when storage refused it (the old copy, if any, is kept). */
  writeIndex(index: FeedIndex, savedAt?: number): boolean
  /** A cached issue, marked as just read; a corrupt entry is dropped and reported as absent. */
  readIssue(id: string): Cached<Issue> | undefined
  /** The same without marking it read (for search, which must not change what is evicted). */
  peekIssue(id: string): Cached<Issue> | undefined
  /**
   * Stores an issue within the budget, evicting the least recently read unpinned issues first.
   * Never throws: false when it could not be stored, and then nothing already cached was lost
   * except what eviction chose to make room.
   */
  writeIssue(issue: Issue, savedAt?: number): boolean
  /** Ids of the cached issues. */
  issueIds(): string[]
  usage(): CacheUsage
  /** Removes every cache entry (not the reader's settings or favourites, which live elsewhere). */
  clear(): void
}

export interface FeedCacheOptions {
  storage: KeyValueStorage
  budgetBytes?: number
  /** Issues that must stay: the one being read, favourites' issues. */
  pinned?: () => Iterable<string>
  now?: () => number
}

/** FNV-1a over the JSON text: cheap, stable, enough to tell "changed" from "same". */
export function contentHash(value: unknown): string {
  const s = JSON.stringify(value)
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return `${h.toString(16)}-${s.length}`
}

/**
 * Migrations from one cache schema to the next, keyed by the schema they start from. A layout with
 * no migration to the current schema (or from a newer app version) is dropped: the cache is a
 * copy of the feed, so losing it costs a download, never data.
 */
const MIGRATIONS: Record<number, (storage: KeyValueStorage) => void> = {}

function migrate(storage: KeyValueStorage, meta: Meta | undefined): Meta {
  let schema = meta?.schema ?? 0
  while (schema < CACHE_SCHEMA && MIGRATIONS[schema]) {
    MIGRATIONS[schema](storage)
    schema++
  }
  if (meta && schema === CACHE_SCHEMA) return { ...meta, schema }
  for (const key of storage.keys()) if (key.startsWith(ROOT)) storage.remove(key)
  return { schema: CACHE_SCHEMA, lastRead: {}, sizes: {} }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function readMeta(storage: KeyValueStorage): Meta | undefined {
  const m = parseJson(storage.get(META_KEY)) as Partial<Meta> | undefined
  if (!m || typeof m.schema !== 'number' || typeof m.lastRead !== 'object' || typeof m.sizes !== 'object' || !m.lastRead || !m.sizes) return undefined
  return m as Meta
}

/** Creates the cache over a storage, migrating or resetting an old layout first. */
export function createFeedCache(options: FeedCacheOptions): FeedCache {
  const { storage } = options
  const budget = options.budgetBytes ?? DEFAULT_CACHE_BUDGET
  const now = options.now ?? Date.now
  const existing = readMeta(storage)
  let meta = migrate(storage, existing)
  if (!existing || existing.schema !== meta.schema) saveMeta()
  // Sizes in meta may be stale if an earlier write died half-way: rebuild them from what is there.
  reconcile()

  function saveMeta(): void {
    try {
      storage.set(META_KEY, JSON.stringify(meta))
    } catch {
      // Meta is rebuilt from the entries themselves when missing; a refused write loses nothing.
    }
  }

  function reconcile(): void {
    const sizes: Record<string, number> = {}
    for (const key of storage.keys()) {
      if (key === META_KEY || !key.startsWith(ROOT)) continue
      sizes[key] = meta.sizes[key] ?? utf8Length(key) + utf8Length(storage.get(key) ?? '')
    }
    meta.sizes = sizes
  }

  function read<T>(key: string, validate: (v: unknown) => Validation<T>): Cached<T> | undefined {
    const env = parseJson(storage.get(key)) as Envelope<unknown> | undefined
    const result = env && env.v === 1 && typeof env.savedAt === 'number' && typeof env.hash === 'string' ? validate(env.data) : undefined
    if (!env || !result || !result.ok) {
      if (storage.get(key) !== undefined) drop(key)
      return undefined
    }
    return { value: result.value, savedAt: env.savedAt, hash: env.hash }
  }

  function drop(key: string): void {
    storage.remove(key)
    delete meta.sizes[key]
    if (key.startsWith(ISSUE_PREFIX)) delete meta.lastRead[key.slice(ISSUE_PREFIX.length)]
    saveMeta()
  }

  function total(): number {
    return Object.values(meta.sizes).reduce((a, b) => a + b, 0) + utf8Length(JSON.stringify(meta))
  }

  function evictionOrder(keep: string): string[] {
    const pinned = new Set(options.pinned?.() ?? [])
    return Object.keys(meta.sizes)
      .filter((k) => k.startsWith(ISSUE_PREFIX))
      .map((k) => k.slice(ISSUE_PREFIX.length))
      .filter((id) => id !== keep && !pinned.has(id))
      .sort((a, b) => (meta.lastRead[a] ?? 0) - (meta.lastRead[b] ?? 0))
  }

  function write(key: string, data: unknown, savedAt: number, keepId: string): boolean {
    const text = JSON.stringify({ v: 1, savedAt, hash: contentHash(data), data } satisfies Envelope<unknown>)
    const size = utf8Length(key) + utf8Length(text)
    if (size > PER_KEY_LIMIT || size > budget) return false
    const victims = evictionOrder(keepId)
    const previous = meta.sizes[key] ?? 0
    while (total() - previous + size > budget && victims.length > 0) drop(ISSUE_PREFIX + (victims.shift() as string))
    if (total() - previous + size > budget) return false
    let freed = 0
    for (;;) {
      try {
        storage.set(key, text)
        meta.sizes[key] = size
        saveMeta()
        return true
      } catch (e) {
        // The platform's own quota can be tighter than ours (other data, H5's localStorage): make
        // room and try again — but only while that can help. Once as much as the entry needs has
        // been freed, the refusal is not about space, and evicting more would lose copies for nothing.
        if (!(e instanceof StorageFullError) || victims.length === 0 || freed >= size) return false
        const victim = ISSUE_PREFIX + (victims.shift() as string)
        freed += meta.sizes[victim] ?? 0
        drop(victim)
      }
    }
  }

  return {
    readIndex: () => read(INDEX_KEY, validateIndex),
    writeIndex: (index, savedAt = now()) => write(INDEX_KEY, index, savedAt, ''),
    readIssue(id) {
      const hit = read(ISSUE_PREFIX + id, validateIssue)
      if (hit && hit.value.id !== id) {
        drop(ISSUE_PREFIX + id)
        return undefined
      }
      if (hit) {
        meta.lastRead[id] = now()
        saveMeta()
      }
      return hit
    },
    peekIssue(id) {
      const hit = read(ISSUE_PREFIX + id, validateIssue)
      return hit && hit.value.id === id ? hit : undefined
    },
    writeIssue(issue, savedAt = now()) {
      const ok = write(ISSUE_PREFIX + issue.id, issue, savedAt, issue.id)
      if (ok) {
        meta.lastRead[issue.id] = meta.lastRead[issue.id] ?? now()
        saveMeta()
      }
      return ok
    },
    issueIds: () => Object.keys(meta.sizes).filter((k) => k.startsWith(ISSUE_PREFIX)).map((k) => k.slice(ISSUE_PREFIX.length)),
    usage() {
      const issues = Object.keys(meta.sizes)
        .filter((k) => k.startsWith(ISSUE_PREFIX))
        .map((k) => ({ id: k.slice(ISSUE_PREFIX.length), bytes: meta.sizes[k], lastReadAt: meta.lastRead[k.slice(ISSUE_PREFIX.length)] ?? 0 }))
      return { bytes: total(), budget, issues }
    },
    clear() {
      for (const key of storage.keys()) if (key.startsWith(ROOT)) storage.remove(key)
      meta = { schema: CACHE_SCHEMA, lastRead: {}, sizes: {} }
      saveMeta()
    }
  }
}
