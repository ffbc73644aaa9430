import { createStore, type StoreApi } from 'zustand/vanilla'
import { FeedError, type FeedClient } from '@/core/feed-client'
import type { FeedIndex, Issue } from '@/core/feed'

/** What the store reads from: the feed client, or a caching layer in front of it. */
export type FeedSource = Pick<FeedClient, 'fetchIndex' | 'fetchIssue'>

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready', value: T }
  | { status: 'error', error: FeedError }

export interface IssueState {
  index: Loadable<FeedIndex> | null
  issues: Record<string, Loadable<Issue> | undefined>
  /** Loads index.json once; `force` fetches again. Never rejects: failures land in state. */
  loadIndex(options?: { force?: boolean }): Promise<FeedIndex | null>
  /** Loads one issue (and the index first if needed). Never rejects: failures land in state. */
  loadIssue(id: string, options?: { force?: boolean }): Promise<Issue | null>
}

export type IssueStore = StoreApi<IssueState>

/** Any thrown value as a FeedError, so the UI has one kind of error to explain. */
export function toFeedError(e: unknown): FeedError {
  if (e instanceof FeedError) return e
  return new FeedError('invalid-content', e instanceof Error ? e.message : String(e))
}

/** A fresh store per app (and per test). Concurrent loads of the same thing share one request. */
export function createIssueStore(source: FeedSource): IssueStore {
  const inflight = new Map<string, Promise<unknown>>()

  function once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const running = inflight.get(key) as Promise<T> | undefined
    if (running) return running
    const p = run().finally(() => inflight.delete(key))
    inflight.set(key, p)
    return p
  }

  return createStore<IssueState>()((set, get) => ({
    index: null,
    issues: {},

    loadIndex(options = {}) {
      const current = get().index
      if (current?.status === 'ready' && !options.force) return Promise.resolve(current.value)
      return once('index', async () => {
        // Keep showing what we have while refreshing; only a first load shows a spinner.
        if (get().index?.status !== 'ready') set({ index: { status: 'loading' } })
        try {
          const value = await source.fetchIndex()
          set({ index: { status: 'ready', value } })
          return value
        } catch (e) {
          if (get().index?.status !== 'ready') set({ index: { status: 'error', error: toFeedError(e) } })
          return null
        }
      })
    },

    loadIssue(id, options = {}) {
      const current = get().issues[id]
      if (current?.status === 'ready' && !options.force) return Promise.resolve(current.value)
      return once(`issue:${id}`, async () => {
        const setEntry = (entry: Loadable<Issue>) => set({ issues: { ...get().issues, [id]: entry } })
        if (get().issues[id]?.status !== 'ready') setEntry({ status: 'loading' })
        const index = await get().loadIndex({ force: options.force })
        if (!index) {
          const indexState = get().index
          setEntry({ status: 'error', error: indexState?.status === 'error' ? indexState.error : new FeedError('offline', '目录加载失败') })
          return null
        }
        try {
          const value = await source.fetchIssue(index, id)
          setEntry({ status: 'ready', value })
          return value
        } catch (e) {
          if (get().issues[id]?.status !== 'ready') setEntry({ status: 'error', error: toFeedError(e) })
          return null
        }
      })
    }
  }))
}

/** The newest issue's id, or undefined while the index is not ready or empty. */
export function latestIssueId(state: IssueState): string | undefined {
  return state.index?.status === 'ready' ? state.index.value.issues[0]?.id : undefined
}
