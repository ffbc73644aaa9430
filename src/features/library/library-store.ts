import { createStore, type StoreApi } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'
import { persistStorage } from '@/core/persisted'
import type { KeyValueStorage } from '@/core/storage'

/** What is kept of an article for the 我的 page: enough to list it and open it, offline too. */
export interface ArticleRef {
  issueId: string
  articleId: string
  title: string
  /** Issue date, YYYY-MM-DD. */
  date: string
  pageName: string
  /** When it was favourited or last read (ms since epoch). */
  at: number
}

export const HISTORY_LIMIT = 100
export const FAVOURITES_LIMIT = 500
export const LIBRARY_KEY = 'gxqb/library'

export interface LibraryState {
  favourites: ArticleRef[]
  history: ArticleRef[]
  /** Adds the article to favourites, or removes it when it is one; returns whether it is now a favourite. */
  toggleFavourite(ref: Omit<ArticleRef, 'at'>): boolean
  /** Records a reading at the top of the history (once per article, newest first, bounded). */
  recordRead(ref: Omit<ArticleRef, 'at'>): void
  clearHistory(): void
}

export type LibraryStore = StoreApi<LibraryState>

const same = (a: Pick<ArticleRef, 'issueId' | 'articleId'>, b: Pick<ArticleRef, 'issueId' | 'articleId'>) => a.issueId === b.issueId && a.articleId === b.articleId

function validRefs(value: unknown, limit: number): ArticleRef[] {
  if (!Array.isArray(value)) return []
  return value.filter((r): r is ArticleRef => !!r && typeof r === 'object' &&
    typeof r.issueId === 'string' && typeof r.articleId === 'string' && typeof r.title === 'string' &&
    typeof r.date === 'string' && typeof r.pageName === 'string' && typeof r.at === 'number').slice(0, limit)
}

export function isFavourite(state: LibraryState, issueId: string, articleId: string): boolean {
  return state.favourites.some((f) => same(f, { issueId, articleId }))
}

/**
 * Favourites (收藏) and reading history, kept on the phone. Persisted with a version; entries that
 * do not validate are dropped rather than crash the 我的 page.
 */
export function createLibraryStore(storage: KeyValueStorage, now: () => number = Date.now): LibraryStore {
  return createStore<LibraryState>()(persist((set, get) => ({
    favourites: [],
    history: [],
    toggleFavourite(ref) {
      const was = isFavourite(get(), ref.issueId, ref.articleId)
      set({ favourites: was ? get().favourites.filter((f) => !same(f, ref)) : [{ ...ref, at: now() }, ...get().favourites].slice(0, FAVOURITES_LIMIT) })
      return !was
    },
    recordRead(ref) {
      set({ history: [{ ...ref, at: now() }, ...get().history.filter((h) => !same(h, ref))].slice(0, HISTORY_LIMIT) })
    },
    clearHistory: () => set({ history: [] })
  }), {
    name: LIBRARY_KEY,
    version: 1,
    storage: createJSONStorage(() => persistStorage(storage)),
    partialize: (s) => ({ favourites: s.favourites, history: s.history }),
    migrate: (persisted) => {
      const p = (persisted ?? {}) as Partial<LibraryState>
      return { favourites: validRefs(p.favourites, FAVOURITES_LIMIT), history: validRefs(p.history, HISTORY_LIMIT) }
    },
    merge: (persisted, current) => {
      const p = (persisted ?? {}) as Partial<LibraryState>
      return { ...current, favourites: validRefs(p.favourites, FAVOURITES_LIMIT), history: validRefs(p.history, HISTORY_LIMIT) }
    }
  }))
}
