import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { ServicesProvider } from '@/features/issue/issue-context'
import { createIssueStore, type FeedSource } from '@/features/issue/issue-store'

/** Renders a feature with a fresh issue store reading from `source`. */
export function renderWithServices(ui: ReactElement, source: FeedSource) {
  const issueStore = createIssueStore({ source })
  const result = render(<ServicesProvider services={{ issueStore, assetUrl: (src) => `https://feed.test/${src}` }}>{ui}</ServicesProvider>)
  return { ...result, issueStore }
}
