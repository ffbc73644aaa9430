import { createStore, type StoreApi } from 'zustand/vanilla'
import { FeedError, type FeedClient } from '@/core/feed-client'
import { contentHash, type FeedCache } from '@/core/feed-cache'
import type { FeedIndex, Issue } from '@/core/feed'

/** What the store reads from the network: the feed client. */
export type FeedSource = Pick<FeedClient, 'fetchIndex' | 'fetchIssue'>

export interface Ready<T> {
  status: 'ready'
  value: T
  /** Where the shown copy came from: the cache (possibly stale) or this session's fetch. */
  origin: 'cache' | 'network'
  /** When the shown copy was fetched (ms since epoch). */
  savedAt: number
  /** Set when a refresh failed while this copy stayed on screen. */
  refreshError?: FeedError
  /** Set when the copy shown is only part of it: the favourites kept offline after the issue was evicted. */
  partial?: boolean
}

export type Loadable<T> =
  | { status: 'loading' }
  | Ready<T>
  | { status: 'error', error: FeedError }

export interface IssueState {
  index: Loadable<FeedIndex> | null
  issues: Record<string, Loadable<Issue> | undefined>
  /**
   * Shows the cached index at once (if any), then fetches it unless this session already did;
   * `force` always fetches. Never rejects: failures land in state.
   */
  loadIndex(options?: { force?: boolean }): Promise<FeedIndex | null>
  /** The same stale-while-revalidate for one issue (loading the index first when needed). */
  loadIssue(id: string, options?: { force?: boolean }): Promise<Issue | null>
  /** Pull-down refresh: fetches the index and the given issue (or the latest) again. */
  refresh(issueId?: string): Promise<void>
  /**
   * Back in the foreground: fetches the index unless it was fetched in the last minute
   * (CHECK_INTERVAL_MS). When a newer issue has been published it is loaded first and then the index
   * moves on, so the latest-issue view turns to it already loaded; resolves with its id (else null).
   * A failed check changes nothing on screen. Never rejects.
   */
  checkForNewIssue(): Promise<string | null>
  /** The issue found by checkForNewIssue since the app started: readers of older issues are told. */
  newIssueId?: string
}

/** How often returning to the app may check the index. */
export const CHECK_INTERVAL_MS = 60_000

export type IssueStore = StoreApi<IssueState>

export interface IssueStoreDeps {
  source: FeedSource
  /** Optional: without it nothing survives a restart. */
  cache?: FeedCache
  now?: () => number
}

/** Any thrown value as a FeedError, so the UI has one kind of error to explain. */
export function toFeedError(e: unknown): FeedError {
  if (e instanceof FeedError) return e
  return new FeedError('invalid-content', e instanceof Error ? e.message : String(e))
}

/**
 * A fresh store per app (and per test). Data flows feed → client → cache → store: what the
 * network returns is validated by the client, written to the cache, then shown; a failed fetch
 * never replaces a good copy. Concurrent loads of the same thing share one request.
 */
export function createIssueStore({ source, cache, now = Date.now }: IssueStoreDeps): IssueStore {
  const inflight = new Map<string, Promise<unknown>>()
  /** Fetched from the network in this session (so not fetched again unless forced). */
  const fresh = new Set<string>()
  /** When the index was last asked of the network (ms since epoch), by any load or check. */
  let indexCheckedAt = -Infinity

  function once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const running = inflight.get(key) as Promise<T> | undefined
    if (running) return running
    const p = run().finally(() => inflight.delete(key))
    inflight.set(key, p)
    return p
  }

  /** The shared refresh logic for the index and each issue. */
  async function revalidate<T>(
    key: string,
    get: () => Loadable<T> | null | undefined,
    put: (entry: Loadable<T>) => void,
    readCache: () => { value: T, savedAt: number, hash: string, partial?: boolean } | undefined,
    fetch: () => Promise<T>,
    writeCache: (value: T, savedAt: number) => void
  ): Promise<T | null> {
    let shown = get()
    if (!shown || shown.status !== 'ready') {
      const hit = readCache()
      if (hit) put({ status: 'ready', value: hit.value, origin: 'cache', savedAt: hit.savedAt, ...(hit.partial ? { partial: true } : {}) })
      else put({ status: 'loading' })
      shown = get()
    }
    try {
      const value = await fetch()
      const current = get()
      const savedAt = now()
      writeCache(value, savedAt)
      fresh.add(key)
      // Same content: keep the object on screen (no re-render), just record that it is current.
      const same = current?.status === 'ready' && contentHash(current.value) === contentHash(value)
      put({ status: 'ready', value: same ? (current as Ready<T>).value : value, origin: 'network', savedAt })
      return value
    } catch (e) {
      const error = toFeedError(e)
      const current = get()
      if (current?.status === 'ready') {
        put({ ...current, refreshError: error })
        return current.value
      }
      put({ status: 'error', error })
      return null
    }
  }

  return createStore<IssueState>()((set, get) => ({
    index: null,
    issues: {},

    loadIndex(options = {}) {
      const current = get().index
      if (current?.status === 'ready' && fresh.has('index') && !options.force) return Promise.resolve(current.value)
      return once('index', () => revalidate<FeedIndex>(
        'index',
        () => get().index,
        (entry) => set({ index: entry }),
        () => cache?.readIndex(),
        () => { indexCheckedAt = now(); return source.fetchIndex() },
        (value, savedAt) => { cache?.writeIndex(value, savedAt) }
      ))
    },

    loadIssue(id, options = {}) {
      const current = get().issues[id]
      const key = `issue:${id}`
      if (current?.status === 'ready' && fresh.has(key) && !options.force) return Promise.resolve(current.value)
      return once(key, () => revalidate<Issue>(
        key,
        () => get().issues[id],
        (entry) => set({ issues: { ...get().issues, [id]: entry } }),
        () => cache?.readIssue(id),
        async () => {
          const index = await get().loadIndex()
          if (!index) {
            const s = get().index
            throw s?.status === 'error' ? s.error : new FeedError('offline', '目录加载失败')
          }
          return source.fetchIssue(index, id)
        },
        (value, savedAt) => { cache?.writeIssue(value, savedAt) }
      ))
    },

    async refresh(issueId) {
      await get().loadIndex({ force: true })
      const id = issueId ?? latestIssueId(get())
      if (id) await get().loadIssue(id, { force: true })
    },

    checkForNewIssue() {
      if (now() - indexCheckedAt < CHECK_INTERVAL_MS || inflight.has('index')) return Promise.resolve(null)
      indexCheckedAt = now()
      return once('check', async () => {
        let index: FeedIndex
        try {
          index = await source.fetchIndex()
        } catch {
          return null
        }
        const shown = get().index
        const known = shown?.status === 'ready' ? new Set(shown.value.issues.map((i) => i.id)) : undefined
        const latest = index.issues[0]?.id
        // New only against an index already shown (a first load is the page's own business), and only
        // an issue that index did not list (an older one coming back to the top is not news).
        const found = latest && known && !known.has(latest) ? latest : null
        const savedAt = now()
        cache?.writeIndex(index, savedAt)
        fresh.add('index')
        if (found) {
          // The new issue first, so the view that follows the index never shows it half-loaded.
          try {
            const issue = await source.fetchIssue(index, found)
            cache?.writeIssue(issue, savedAt)
            fresh.add(`issue:${found}`)
            set({ issues: { ...get().issues, [found]: { status: 'ready', value: issue, origin: 'network', savedAt } } })
          } catch {
            // The issue page loads it (with its own retry) once the index names it.
          }
        }
        const current = get().index
        const same = current?.status === 'ready' && contentHash(current.value) === contentHash(index)
        set({
          index: { status: 'ready', value: same ? (current as Ready<FeedIndex>).value : index, origin: 'network', savedAt },
          ...(found ? { newIssueId: found } : {})
        })
        return found
      })
    }
  }))
}

/** The newest issue's id, or undefined while the index is not ready or empty. */
export function latestIssueId(state: IssueState): string | undefined {
  return state.index?.status === 'ready' ? state.index.value.issues[0]?.id : undefined
}
