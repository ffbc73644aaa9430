import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import { IssueScreen } from '@/features/issue/issue-screen'
import { ServicesProvider } from '@/features/issue/issue-context'
import { createIssueStore } from '@/features/issue/issue-store'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'

test('renders masthead and tabs', async () => {
  const issue = makeIssue()
  const store = createIssueStore({ fetchIndex: async () => makeIndex([issue]), fetchIssue: async () => issue })
  const open = jest.fn()
  render(<ServicesProvider services={{ issueStore: store, assetUrl: (s) => `/feed/${s}` }}><IssueScreen onOpenArticle={open} /></ServicesProvider>)
  await waitFor(() => expect(screen.getByText('总第763期')).toBeTruthy())
  fireEvent.click(screen.getByText('以党建引领网格化服务管理'))
  expect(open).toHaveBeenCalled()
})
