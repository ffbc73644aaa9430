import { createStore, type StoreApi } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'
import { persistStorage } from '@/core/persisted'
import type { KeyValueStorage } from '@/core/storage'
import type { PageImageCache } from '@/core/page-view/page-image-cache'

/** How the issue page shows a 版: as the printed page (版面) or as the article list (目录). */
export type IssueViewMode = 'page' | 'list'

export const PAGE_VIEW_KEY = 'gxqb/page-view'

export interface PageViewState {
  /** The reader's remembered choice; 目录 until they pick 版面. */
  mode: IssueViewMode
  /** The 版 on screen in the page view (what sharing from the issue page shares), if any. */
  shown?: { issueId: string, pageId: string, pageName: string }
  setMode(mode: IssueViewMode): void
  setShown(shown: PageViewState['shown']): void
}

export type PageViewStore = StoreApi<PageViewState> & {
  /** The offline copy of page images; undefined where the platform keeps no files. */
  images?: PageImageCache
}

/**
 * The page view's state: the remembered 版面 / 目录 choice (persisted, versioned; anything unreadable
 * falls back to 目录) and the 版 on screen, plus the page-image cache the view reads through.
 */
export function createPageViewStore(storage: KeyValueStorage, images?: PageImageCache): PageViewStore {
  const store = createStore<PageViewState>()(persist((set) => ({
    mode: 'list',
    shown: undefined,
    setMode: (mode) => set({ mode: mode === 'page' ? 'page' : 'list' }),
    setShown: (shown) => set({ shown })
  }), {
    name: PAGE_VIEW_KEY,
    version: 1,
    storage: createJSONStorage(() => persistStorage(storage)),
    partialize: (s) => ({ mode: s.mode }),
    merge: (persisted, current) => ({ ...current, mode: (persisted as { mode?: unknown } | undefined)?.mode === 'page' ? 'page' : 'list' })
  }))
  return Object.assign(store, { images })
}
