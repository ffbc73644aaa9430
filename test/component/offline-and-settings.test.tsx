import { render, screen, fireEvent, waitFor } from '@testing-library/react'
import { FeedError } from '@/core/feed-client'
import { createFeedCache } from '@/core/feed-cache'
import { OfflineNotice } from '@/features/issue/offline-notice'
import { StorageSettings } from '@/features/settings/storage-settings'
import { IssueScreen } from '@/features/issue/issue-screen'
import { createMemoryStorage } from '../support/memory-storage'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'
import { renderWithServices } from './render-with-services'

const savedAt = Date.now() - 5 * 60 * 1000

test('no notice while the copy on screen is current', () => {
  const { container } = render(<OfflineNotice entry={{ status: 'ready', value: 1, origin: 'network', savedAt }} onRetry={jest.fn()} />)
  expect(container.textContent).toBe('')
})

test('a saved copy whose refresh failed says so, with its time, and retries on tap', () => {
  const retry = jest.fn()
  render(<OfflineNotice entry={{ status: 'ready', value: 1, origin: 'cache', savedAt, refreshError: new FeedError('offline', 'x') }} onRetry={retry} />)
  const notice = screen.getByRole('status')
  expect(notice.textContent).toMatch(/^网络未连接，正在显示 (今天|昨天) \d\d:\d\d 保存的版本 · 点此重试$/)
  fireEvent.click(notice)
  expect(retry).toHaveBeenCalledTimes(1)
})

test('the issue page shows the cached issue with the notice when the network is down', async () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage })
  cache.writeIndex(makeIndex(), savedAt)
  cache.writeIssue(makeIssue(), savedAt)
  const down = async () => { throw new FeedError('offline', '网络未连接') }
  renderWithServices(<IssueScreen onOpenArticle={jest.fn()} onNavigate={jest.fn()} onSwitchIssue={jest.fn()} onOpenLatest={jest.fn()} />, { fetchIndex: down, fetchIssue: down }, { cache })
  await screen.findByText('总第763期')
  await waitFor(() => expect(screen.getAllByRole('status')[0].textContent).toContain('网络未连接'))
})

test('offline, an issue that was evicted shows the favourites kept from it, and says that is all there is', async () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage, keptArticles: () => [{ issueId: '2023-08-22', articleId: 'a3' }] })
  cache.writeIndex(makeIndex(), savedAt)
  cache.writeIssue(makeIssue(), savedAt)
  cache.clearIssue('2023-08-22')
  const down = async () => { throw new FeedError('offline', '网络未连接') }
  const { container } = renderWithServices(<IssueScreen issueId='2023-08-22' onOpenArticle={jest.fn()} onNavigate={jest.fn()} onSwitchIssue={jest.fn()} onOpenLatest={jest.fn()} />, { fetchIndex: down, fetchIssue: down }, { cache })
  await screen.findByText('总第763期')
  await waitFor(() => expect(screen.getAllByRole('status')[0].textContent).toBe('网络未连接，本期只保存了你收藏的文章 · 点此重试'))
  expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['02版 综合'])
  expect(Array.from(container.querySelectorAll('.article-item__title')).map((n) => n.textContent)).toEqual(['推动关心下一代工作创新发展'])
})

test('settings show what the offline copy takes and clear it after confirmation', async () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage })
  cache.writeIndex(makeIndex())
  cache.writeIssue(makeIssue())
  cache.writeIssue(makeIssue('2023-08-18', { number: 762, yearNumber: 62 }))
  let answer = false
  const confirmClear = jest.fn(async () => answer)
  renderWithServices(<StorageSettings confirmClear={confirmClear} />, { fetchIndex: async () => makeIndex(), fetchIssue: async () => makeIssue() }, { cache })
  expect(screen.getByText(/^已保存 2 期，占用 0\.\d\d MB（上限 8\.0 MB）$/)).toBeTruthy()
  expect(screen.getByText(/8月22日 星期二$/)).toBeTruthy()

  fireEvent.click(screen.getByText('清除缓存'))
  await waitFor(() => expect(confirmClear).toHaveBeenCalledTimes(1))
  expect(cache.issueIds().length).toBe(2)

  answer = true
  fireEvent.click(screen.getByText('清除缓存'))
  await screen.findByText(/^已保存 0 期/)
  expect(cache.issueIds()).toEqual([])
  expect(storage.keys()).toEqual(['gxqb/cache/meta'])
})
