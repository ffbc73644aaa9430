import { validateIndex, validateIssue, type FeedIndex, type Issue, type Validation } from './feed'
import { StorageFullError, utf8Length, type KeyValueStorage } from './storage'

/** WeChat allows 10 MB per mini-program; the cache keeps 2 MB free for everything else. */
export const DEFAULT_CACHE_BUDGET = 8 * 1024 * 1024
/** WeChat's limit for one key. */
export const PER_KEY_LIMIT = 1024 * 1024
/**
 * Favourites' own copies may take at most this share of the budget, so that however many favourites
 * there are, the issue being read always finds room (an issue is at most PER_KEY_LIMIT).
 */
export const KEPT_SHARE = 0.5
/** Layout version of the cache's keys and entries; bump with a migration when either changes. */
export const CACHE_SCHEMA = 2

const ROOT = 'gxqb/cache/'
const META_KEY = `${ROOT}meta`
const INDEX_KEY = `${ROOT}v2/index`
const ISSUE_PREFIX = `${ROOT}v2/issue/`
/** A favourite's articles of one issue, on their own: `kept/<issue id>`. */
const KEPT_PREFIX = `${ROOT}v2/kept/`

export interface Cached<T> {
  value: T
  /** When this copy was fetched (ms since epoch). */
  savedAt: number
  /** Content hash, to tell whether a fresh copy differs. */
  hash: string
  /** Set when only part of the issue is kept: the favourites' articles, their issue having been evicted. */
  partial?: boolean
}

/** An article the reader keeps (a favourite). */
export interface KeptArticle {
  issueId: string
  articleId: string
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
  /** Issue id → the favourites' article ids its kept copy holds (so a sync need not read the copies). */
  kept?: Record<string, string[]>
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
  /**
   * A cached issue, marked as just read; a corrupt entry is dropped and reported as absent. When the
   * issue itself was evicted but favourites of it are kept, those articles alone (`partial`).
   */
  readIssue(id: string): Cached<Issue> | undefined
  /** The whole issue without marking it read (for search, which must not change what is evicted). */
  peekIssue(id: string): Cached<Issue> | undefined
  /**
   * Stores an issue within the budget, evicting the least recently read other issues first (those
   * holding favourites too: their favourites are kept on their own). Also refreshes the kept copy of
   * its favourites. Never throws: false when it could not be stored, and then nothing already cached
   * was lost except what eviction chose to make room.
   */
  writeIssue(issue: Issue, savedAt?: number): boolean
  /**
   * Brings the kept copies in line with the favourites (`keptArticles`): copies each new favourite's
   * article from the cached issue, or from `lookup` (what is on screen), and drops copies no longer
   * wanted. Kept copies together stay within KEPT_SHARE of the budget; a favourite beyond that is
   * simply not kept offline.
   */
  syncKept(lookup?: (issueId: string) => Issue | undefined): void
  /** Removes one issue's whole copy (its kept favourites stay). */
  clearIssue(id: string): void
  /** Ids of the issues cached whole. */
  issueIds(): string[]
  usage(): CacheUsage
  /**
   * Removes the cached index and issues. The favourites' own copies stay (settings promise that
   * favourites are not affected), as do the reader's settings and library, which live elsewhere.
   */
  clear(): void
}

export interface FeedCacheOptions {
  storage: KeyValueStorage
  budgetBytes?: number
  /** The reader's favourites, whose articles are kept on their own so they always open offline. */
  keptArticles?: () => Iterable<KeptArticle>
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
const MIGRATIONS: Record<number, (storage: KeyValueStorage, meta: Meta) => Meta> = {
  // 1 → 2: keys move from v1/ to v2/ (v2 adds kept/ for favourites' own copies); entries are unchanged.
  // Each old key is removed before its new one is written, so a full cache never needs twice the room.
  1: (storage, meta) => {
    const sizes: Record<string, number> = {}
    for (const key of storage.keys()) {
      if (!key.startsWith(`${ROOT}v1/`)) continue
      const text = storage.get(key)
      const next = `${ROOT}v2/${key.slice(`${ROOT}v1/`.length)}`
      storage.remove(key)
      if (text === undefined) continue
      try {
        storage.set(next, text)
        sizes[next] = utf8Length(next) + utf8Length(text)
      } catch {
        // Not moved: the entry is a copy of the feed and will be fetched again.
      }
    }
    return { ...meta, sizes, kept: {} }
  }
}

function migrate(storage: KeyValueStorage, meta: Meta | undefined): Meta {
  let schema = meta?.schema ?? 0
  let current = meta
  while (current && schema < CACHE_SCHEMA && MIGRATIONS[schema]) {
    current = MIGRATIONS[schema](storage, current)
    schema++
  }
  if (current && schema === CACHE_SCHEMA) return { ...current, schema }
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
    if (key.startsWith(KEPT_PREFIX)) delete meta.kept?.[key.slice(KEPT_PREFIX.length)]
    saveMeta()
  }

  function total(): number {
    return Object.values(meta.sizes).reduce((a, b) => a + b, 0) + utf8Length(JSON.stringify(meta))
  }

  /** Whole issues other than `keep`, least recently read first. Kept copies are never evicted. */
  function evictionOrder(keep: string): string[] {
    return wholeIssueIds()
      .filter((id) => id !== keep)
      .sort((a, b) => (meta.lastRead[a] ?? 0) - (meta.lastRead[b] ?? 0))
  }

  function wholeIssueIds(): string[] {
    return Object.keys(meta.sizes).filter((k) => k.startsWith(ISSUE_PREFIX)).map((k) => k.slice(ISSUE_PREFIX.length))
  }

  function keptBytes(): number {
    return Object.keys(meta.sizes).filter((k) => k.startsWith(KEPT_PREFIX)).reduce((a, k) => a + meta.sizes[k], 0)
  }

  /** A cached issue (whole, or the kept copy) whose id is the one asked for; anything else is dropped. */
  function readIssueEntry(prefix: string, id: string): Cached<Issue> | undefined {
    const hit = read(prefix + id, validateIssue)
    if (hit && hit.value.id !== id) {
      drop(prefix + id)
      return undefined
    }
    return hit
  }

  function write(key: string, data: unknown, savedAt: number, keepId: string, limit = budget): boolean {
    const text = JSON.stringify({ v: 1, savedAt, hash: contentHash(data), data } satisfies Envelope<unknown>)
    const size = utf8Length(key) + utf8Length(text)
    if (size > PER_KEY_LIMIT || size > budget) return false
    if (key.startsWith(KEPT_PREFIX) && keptBytes() - (meta.sizes[key] ?? 0) + size > limit) return false
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

  /** Favourites grouped by issue: issue id → article ids. */
  function keptByIssue(): Map<string, Set<string>> {
    const byIssue = new Map<string, Set<string>>()
    for (const { issueId, articleId } of options.keptArticles?.() ?? []) {
      if (!byIssue.has(issueId)) byIssue.set(issueId, new Set())
      byIssue.get(issueId)?.add(articleId)
    }
    return byIssue
  }

  /** The issue cut down to `articleIds` (those it has), still a valid issue; undefined when none is in it. */
  function cutDown(issue: Issue, articleIds: Set<string>): Issue | undefined {
    const articles = issue.articles.filter((a) => articleIds.has(a.id))
    if (articles.length === 0) return undefined
    const pages = issue.pages
      .map((p) => ({ ...p, articleIds: p.articleIds.filter((id) => articleIds.has(id)) }))
      .filter((p) => p.articleIds.length > 0)
    return { ...issue, pages, articles }
  }

  /** Writes (or drops) the kept copy of one issue's favourites from `issue`; keeps the old copy when refused. */
  function keep(issueId: string, wanted: Set<string> | undefined, issue: Issue | undefined, savedAt: number): void {
    const key = KEPT_PREFIX + issueId
    if (!wanted || wanted.size === 0) {
      if (meta.sizes[key] !== undefined || storage.get(key) !== undefined) drop(key)
      return
    }
    const part = issue && cutDown(issue, wanted)
    if (part && write(key, part, savedAt, issueId, budget * KEPT_SHARE)) {
      meta.kept = { ...meta.kept, [issueId]: part.articles.map((a) => a.id) }
      saveMeta()
    }
  }

  return {
    readIndex: () => read(INDEX_KEY, validateIndex),
    writeIndex: (index, savedAt = now()) => write(INDEX_KEY, index, savedAt, ''),
    readIssue(id) {
      const whole = readIssueEntry(ISSUE_PREFIX, id)
      const kept = whole ? undefined : readIssueEntry(KEPT_PREFIX, id)
      const hit = whole ?? (kept && { ...kept, partial: true })
      if (hit) {
        meta.lastRead[id] = now()
        saveMeta()
      }
      return hit
    },
    peekIssue: (id) => readIssueEntry(ISSUE_PREFIX, id),
    writeIssue(issue, savedAt = now()) {
      const ok = write(ISSUE_PREFIX + issue.id, issue, savedAt, issue.id)
      if (ok) {
        meta.lastRead[issue.id] = meta.lastRead[issue.id] ?? now()
        saveMeta()
      }
      // The favourites' copy follows the newest content, whether or not the whole issue fitted.
      const wanted = keptByIssue().get(issue.id)
      if (wanted) keep(issue.id, wanted, issue, savedAt)
      return ok
    },
    syncKept(lookup) {
      const wanted = keptByIssue()
      for (const key of Object.keys(meta.sizes)) {
        if (key.startsWith(KEPT_PREFIX) && !wanted.has(key.slice(KEPT_PREFIX.length))) drop(key)
      }
      for (const [issueId, articleIds] of wanted) {
        // What the copy holds, from the bookkeeping; the copy itself is read only when that is missing.
        const recorded = meta.sizes[KEPT_PREFIX + issueId] !== undefined ? meta.kept?.[issueId] : []
        const has = new Set(recorded ?? readIssueEntry(KEPT_PREFIX, issueId)?.value.articles.map((a) => a.id) ?? [])
        if (has.size === articleIds.size && [...articleIds].every((id) => has.has(id))) continue
        const whole = readIssueEntry(ISSUE_PREFIX, issueId)
        const source = whole?.value ?? lookup?.(issueId)
        const current = source ? undefined : readIssueEntry(KEPT_PREFIX, issueId)
        if (source) keep(issueId, articleIds, source, whole?.savedAt ?? now())
        // Without the issue at hand, what is kept already still serves those favourites still wanted.
        else if (current) keep(issueId, articleIds, current.value, current.savedAt)
      }
    },
    clearIssue(id) {
      if (meta.sizes[ISSUE_PREFIX + id] !== undefined || storage.get(ISSUE_PREFIX + id) !== undefined) drop(ISSUE_PREFIX + id)
    },
    issueIds: wholeIssueIds,
    usage() {
      const issues = wholeIssueIds().map((id) => ({ id, bytes: meta.sizes[ISSUE_PREFIX + id], lastReadAt: meta.lastRead[id] ?? 0 }))
      return { bytes: total(), budget, issues }
    },
    clear() {
      const sizes: Record<string, number> = {}
      for (const key of storage.keys()) {
        if (key.startsWith(KEPT_PREFIX) && meta.sizes[key] !== undefined) sizes[key] = meta.sizes[key]
        else if (key.startsWith(ROOT) && key !== META_KEY) storage.remove(key)
      }
      meta = { schema: CACHE_SCHEMA, lastRead: {}, sizes, kept: meta.kept }
      saveMeta()
    }
  }
}
