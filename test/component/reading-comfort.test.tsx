import { screen, fireEvent, waitFor } from '@testing-library/react'
import { ArticleScreen } from '@/features/article/article-screen'
import { MineScreen } from '@/features/library/mine-screen'
import { SearchScreen } from '@/features/search/search-screen'
import { createFeedCache } from '@/core/feed-cache'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'
import { createMemoryStorage } from '../support/memory-storage'
import { renderWithServices } from './render-with-services'

const issue = makeIssue()
const source = { fetchIndex: async () => makeIndex([issue]), fetchIssue: async () => issue }
/** Taro's Input renders its <input> after mounting; wait for it. */
const inputOf = (container: HTMLElement) => waitFor(() => {
  const el = container.querySelector('input')
  if (!el) throw new Error('input not rendered yet')
  return el
})
const articleProps = { onReplace: jest.fn(), onBackToIssue: jest.fn(), onOpenLatest: jest.fn() }

test('the text size applies to the page at once and is remembered', async () => {
  const storage = createMemoryStorage()
  const first = renderWithServices(<ArticleScreen issueId={issue.id} articleId='a1' {...articleProps} />, source, { storage })
  await screen.findByText('以党建引领网格化服务管理')
  expect(first.container.querySelector('.reading')?.className).toBe('reading size-2')
  fireEvent.click(screen.getByText('长辈模式'))
  await waitFor(() => expect(first.container.querySelector('.reading')?.className).toBe('reading size-4'))
  expect(screen.getByRole('radio', { checked: true }).textContent).toBe('长辈模式')
  first.unmount()

  const second = renderWithServices(<MineScreen onNavigate={jest.fn()} />, source, { storage })
  expect(second.container.querySelector('.reading')?.className).toBe('reading size-4')
})

test('reading an article records it; favouriting lists it on 我的, and unfavouriting removes it', async () => {
  const storage = createMemoryStorage()
  const article = renderWithServices(<ArticleScreen issueId={issue.id} articleId='a3' {...articleProps} />, source, { storage })
  fireEvent.click(await screen.findByText('☆ 收藏'))
  await screen.findByText('★ 已收藏')
  article.unmount()

  const navigate = jest.fn()
  const mine = renderWithServices(<MineScreen onNavigate={navigate} />, source, { storage })
  expect(screen.getByText('我的收藏（1）')).toBeTruthy()
  const entries = Array.from(mine.container.querySelectorAll('.mine__title')).map((n) => n.textContent)
  expect(entries).toEqual(['推动关心下一代工作创新发展', '推动关心下一代工作创新发展'])
  fireEvent.click(mine.container.querySelectorAll('.mine__item')[0])
  expect(navigate).toHaveBeenCalledWith('/pages/article/index?issue=2023-08-22&article=a3')
  fireEvent.click(screen.getByText('清空'))
  await screen.findByText('还没有阅读记录。')
  mine.unmount()

  renderWithServices(<ArticleScreen issueId={issue.id} articleId='a3' {...articleProps} />, source, { storage })
  fireEvent.click(await screen.findByText('★ 已收藏'))
  await screen.findByText('☆ 收藏')
})

test('search finds saved issues\' articles and marks the words; results open the article', async () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage })
  cache.writeIssue(issue)
  cache.writeIssue(makeIssue('2023-08-18', { number: 762, yearNumber: 62 }))
  const open = jest.fn()
  const { container } = renderWithServices(<SearchScreen onOpenArticle={open} />, source, { cache, storage })
  expect(screen.getByText('在手机上保存的 2 期报纸中查找')).toBeTruthy()
  const input = await inputOf(container)
  fireEvent.input(input, { target: { value: '下一代' } })
  fireEvent.click(screen.getByText('搜索'))
  await screen.findByText('找到 2 篇')
  const marks = Array.from(container.querySelectorAll('.search__mark')).map((m) => m.textContent)
  expect(marks.length).toBeGreaterThan(0)
  expect(new Set(marks)).toEqual(new Set(['下一代']))
  const metas = Array.from(container.querySelectorAll('.search__meta')).map((m) => m.textContent)
  expect(metas.map((m) => m?.replace(/^\d{4}年/, ''))).toEqual(['8月22日 星期二 · 02版 综合', '8月18日 星期五 · 02版 综合'])
  fireEvent.click(container.querySelectorAll('.search__hit-item')[0])
  expect(open).toHaveBeenCalledWith('/pages/article/index?issue=2023-08-22&article=a3')
  // Searching does not count as reading: eviction order is unchanged.
  expect(cache.usage().issues.map((i) => i.lastReadAt)).toEqual(createFeedCache({ storage }).usage().issues.map((i) => i.lastReadAt))
})

test('a search with no result says so', async () => {
  const { container } = renderWithServices(<SearchScreen onOpenArticle={jest.fn()} />, source)
  fireEvent.input(await inputOf(container), { target: { value: '没有这个词' } })
  fireEvent.click(screen.getByText('搜索'))
  await screen.findByText('没有找到，换个词试试')
})
