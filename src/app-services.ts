import { createFeedClient } from '@/core/feed-client'
import { httpGet } from '@/platform/request'
import { createIssueStore } from '@/features/issue/issue-store'

/**
 * The composition root: the one place where platform adapters are wired into the pure client and the
 * stores. Pages and features get these through context (see features/issue/issue-context.tsx), so
 * tests can hand in their own.
 */
export const feedClient = createFeedClient({ baseUrl: FEED_BASE_URL, get: httpGet })
export const issueStore = createIssueStore(feedClient)
