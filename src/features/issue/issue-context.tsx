import { createContext, useContext, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import { useStore } from 'zustand'
import type { FeedClient } from '@/core/feed-client'
import type { FeedCache } from '@/core/feed-cache'
import type { IssueState, IssueStore } from './issue-store'
import type { PrefsState, PrefsStore } from '@/features/prefs/prefs-store'
import type { LibraryState, LibraryStore } from '@/features/library/library-store'
import type { SubscribeStore } from '@/features/subscribe/subscribe-store'
import type { PageViewStore } from '@/features/page-view/page-view-store'

export interface AppServices {
  issueStore: IssueStore
  prefsStore: PrefsStore
  libraryStore: LibraryStore
  subscribeStore: SubscribeStore
  /** Only for turning feed asset paths into URLs. */
  assetUrl: FeedClient['assetUrl']
  /** The offline copy of the feed, for settings and search. */
  cache?: FeedCache
  /** The 版面 / 目录 choice and the page-image cache; without it the issue page shows 目录 only. */
  pageView?: PageViewStore
}

const ServicesContext = createContext<AppServices | null>(null)

/**
 * Supplies the stores to a page and wraps it in the reading root, which carries the theme and the
 * reader's text size as CSS variables. The app wires the real stores, tests their own.
 */
export function ServicesProvider({ services, children }: { services: AppServices, children: ReactNode }) {
  return (
    <ServicesContext.Provider value={services}>
      <ReadingRoot>{children}</ReadingRoot>
    </ServicesContext.Provider>
  )
}

function ReadingRoot({ children }: { children: ReactNode }) {
  const size = usePrefs((s) => s.textSize)
  return <View className={`reading size-${size}`}>{children}</View>
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext)
  if (!services) throw new Error('useServices needs a ServicesProvider above it')
  return services
}

/** Reads the issue store through a selector; re-renders only when the selected value changes. */
export function useIssueState<T>(selector: (state: IssueState) => T): T {
  return useStore(useServices().issueStore, selector)
}

/** Reads the reader's preferences through a selector. */
export function usePrefs<T>(selector: (state: PrefsState) => T): T {
  return useStore(useServices().prefsStore, selector)
}

/** Reads favourites and history through a selector. */
export function useLibrary<T>(selector: (state: LibraryState) => T): T {
  return useStore(useServices().libraryStore, selector)
}
