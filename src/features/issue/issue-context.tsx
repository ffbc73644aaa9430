import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import type { FeedClient } from '@/core/feed-client'
import type { FeedCache } from '@/core/feed-cache'
import type { IssueState, IssueStore } from './issue-store'

export interface AppServices {
  issueStore: IssueStore
  /** Only for turning feed asset paths into URLs. */
  assetUrl: FeedClient['assetUrl']
  /** The offline copy of the feed, for the settings page. */
  cache?: FeedCache
}

const ServicesContext = createContext<AppServices | null>(null)

/** Supplies the stores to a page; the app wires the real ones, tests their own. */
export function ServicesProvider({ services, children }: { services: AppServices, children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>
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
