import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { ServicesProvider, type AppServices } from '@/features/issue/issue-context'
import { createIssueStore, type FeedSource } from '@/features/issue/issue-store'
import { createLibraryStore } from '@/features/library/library-store'
import { createPrefsStore } from '@/features/prefs/prefs-store'
import { createSubscribeStore } from '@/features/subscribe/subscribe-store'
import type { FeedCache } from '@/core/feed-cache'
import type { PageViewStore } from '@/features/page-view/page-view-store'
import { createMemoryStorage } from '../support/memory-storage'
import { phoneSubscriptions } from '../support/phone-subscriptions'

/** Renders a feature with fresh stores: issues read from `source`, preferences and library in memory. */
export function renderWithServices(ui: ReactElement, source: FeedSource, extra: { cache?: FeedCache, pageView?: PageViewStore, storage?: ReturnType<typeof createMemoryStorage>, now?: () => number } = {}) {
  const storage = extra.storage ?? createMemoryStorage()
  const services: AppServices = {
    issueStore: createIssueStore({ source, cache: extra.cache, now: extra.now }),
    prefsStore: createPrefsStore(storage),
    libraryStore: createLibraryStore(storage),
    // As in the browser edition: subscribing needs WeChat (the flow itself is tested against the real server).
    subscribeStore: createSubscribeStore({
      port: { ...phoneSubscriptions(() => '').port, supported: false },
      post: async () => ({ status: 503, body: '' }),
      apiBase: 'http://127.0.0.1:9/',
      templateId: '',
      storage
    }),
    assetUrl: (src) => `https://feed.test/${src}`,
    cache: extra.cache,
    pageView: extra.pageView
  }
  const wrap = (el: ReactElement) => <ServicesProvider services={services}>{el}</ServicesProvider>
  const result = render(wrap(ui))
  // Re-rendering keeps the same services, as a page whose props change does.
  return { ...result, rerender: (next: ReactElement) => result.rerender(wrap(next)), ...services, storage }
}
