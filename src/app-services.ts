import { createFeedClient } from '@/core/feed-client'
import { createFeedCache } from '@/core/feed-cache'
import { withRetry } from '@/core/retry'
import { httpGet, httpPostJson } from '@/platform/request'
import { platformStorage } from '@/platform/storage'
import { weChatFontSizePx } from '@/platform/system'
import { subscribePort } from '@/platform/subscribe'
import { createIssueStore } from '@/features/issue/issue-store'
import { createLibraryStore } from '@/features/library/library-store'
import { createPrefsStore } from '@/features/prefs/prefs-store'
import { createSubscribeStore } from '@/features/subscribe/subscribe-store'
import { createPageViewStore } from '@/features/page-view/page-view-store'
import { createPageImageCache } from '@/core/page-view/page-image-cache'
import { pageImageFiles } from '@/platform/page-image-files'

/**
 * The composition root: the one place where platform adapters are wired into the pure client, the
 * cache and the stores. Pages hand these to features through context, so tests can hand in their own.
 */
export const feedClient = createFeedClient({
  baseUrl: FEED_BASE_URL,
  // Weak mobile networks: 8 s per attempt, two retries with backoff (≈0.6 s, 1.2 s).
  get: withRetry(httpGet, { retries: 2, baseDelayMs: 600 }),
  timeoutMs: 8000
})
export const prefsStore = createPrefsStore(platformStorage, { systemFontPx: weChatFontSizePx })
export const libraryStore = createLibraryStore(platformStorage)
// Favourites' articles are kept on their own (small), so they open offline even after their issue,
// like any other, has been evicted to make room for the issue being read.
export const feedCache = createFeedCache({ storage: platformStorage, keptArticles: () => libraryStore.getState().favourites })
export const issueStore = createIssueStore({ source: feedClient, cache: feedCache })
const issueOnScreen = (id: string) => {
  const entry = issueStore.getState().issues[id]
  return entry?.status === 'ready' && !entry.partial ? entry.value : undefined
}
feedCache.syncKept(issueOnScreen)
libraryStore.subscribe((state, previous) => {
  if (state.favourites !== previous.favourites) feedCache.syncKept(issueOnScreen)
})

export const subscribeStore = createSubscribeStore({ port: subscribePort, post: httpPostJson, apiBase: NOTIFY_API_BASE, templateId: SUBSCRIBE_TEMPLATE_ID, storage: platformStorage })

const imageFiles = pageImageFiles()
// Page images have their own budget (PAGE_IMAGE_BUDGET_BYTES), apart from the feed's 8 MB.
export const pageViewStore = createPageViewStore(platformStorage, imageFiles ? createPageImageCache({ files: imageFiles, storage: platformStorage }) : undefined)

export const services = { issueStore, prefsStore, libraryStore, subscribeStore, assetUrl: feedClient.assetUrl, cache: feedCache, pageView: pageViewStore }
