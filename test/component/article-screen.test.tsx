import { act, screen, fireEvent } from '@testing-library/react'
import { ArticleScreen } from '@/features/article/article-screen'
import { FeedError } from '@/core/feed-client'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'
import { renderWithServices } from './render-with-services'

const issue = makeIssue()
const source = { fetchIndex: async () => makeIndex([issue]), fetchIssue: async () => issue }

function renderArticle(articleId: string | undefined, handlers = { onReplace: jest.fn(), onBackToIssue: jest.fn(), onOpenLatest: jest.fn() }, issueId: string | undefined = issue.id) {
  const r = renderWithServices(<ArticleScreen issueId={issueId} articleId={articleId} {...handlers} />, source)
  return { ...r, ...handlers }
}

test('shows kicker, title, dateline, credits as people with roles, and every paragraph', async () => {
  const { container } = renderArticle('a1')
  await screen.findByText('以党建引领网格化服务管理')
  expect(screen.getByText('济宁高新区')).toBeTruthy()
  expect(screen.getByText('本报济宁讯')).toBeTruthy()
  expect(screen.getByText('记者 胡碧源 · 通讯员 王安冉')).toBeTruthy()
  expect(Array.from(container.querySelectorAll('.article__paragraph')).map((p) => p.textContent)).toEqual(['正文a1第一段。', '正文a1第二段。'])
  expect(screen.getByText(/^(2023年)?8月22日 星期二 · 01版 要闻$/)).toBeTruthy()
  expect(screen.getByText('1 / 3')).toBeTruthy()
})

test('a photo item shows its image, caption, photographer credit and the placeholder label', async () => {
  const { container } = renderArticle('a2')
  await screen.findByText('图片说明。')
  expect(screen.getByText('记者 杨国庆 摄')).toBeTruthy()
  expect(screen.getByText('示意占位图 · 原图未随稿件提供')).toBeTruthy()
  expect(container.querySelector('.figure__image')?.getAttribute('src')).toBe('https://feed.test/images/2023-08-22/a2-1.png')
})

test('previous and next move within the issue, across pages', async () => {
  const { onReplace } = renderArticle('a2')
  fireEvent.click(await screen.findByText('下一篇：推动关心下一代工作创新发展'))
  expect(onReplace).toHaveBeenLastCalledWith('/pages/article/index?issue=2023-08-22&article=a3')
  fireEvent.click(screen.getByText('上一篇：以党建引领网格化服务管理'))
  expect(onReplace).toHaveBeenLastCalledWith('/pages/article/index?issue=2023-08-22&article=a1')
})

test('the first and last articles say so instead of offering a neighbour', async () => {
  renderArticle('a3')
  await screen.findByText('已是最后一篇')
  expect(screen.queryByText(/^下一篇/)).toBeNull()
})

test('feed text is shown as text, never interpreted as markup', async () => {
  const hostile = makeIssue()
  hostile.articles[0].paragraphs = ['<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>']
  hostile.articles[0].title = '<b>粗体</b>'
  const { container } = renderWithServices(<ArticleScreen issueId={hostile.id} articleId='a1' onReplace={jest.fn()} onBackToIssue={jest.fn()} onOpenLatest={jest.fn()} />, { fetchIndex: async () => makeIndex([hostile]), fetchIssue: async () => hostile })
  await screen.findByText('<b>粗体</b>')
  expect(container.querySelector('script, b, img[src="x"]')).toBeNull()
  expect(container.querySelector('.article__paragraph')?.textContent).toBe(hostile.articles[0].paragraphs[0])
  expect((window as { __pwned?: number }).__pwned).toBeUndefined()
})

test('an unknown article says so and leads back to the issue', async () => {
  const { onBackToIssue } = renderArticle('a99')
  await screen.findByText('没有找到这篇文章')
  fireEvent.click(screen.getByText('回到本期'))
  expect(onBackToIssue).toHaveBeenCalledWith('/pages/issue/index?id=2023-08-22')
})

test('a link without ids leads to the latest issue', async () => {
  const { onOpenLatest } = renderArticle(undefined, undefined, undefined)
  await screen.findByText('链接不完整')
  fireEvent.click(screen.getByText('看最新一期'))
  expect(onOpenLatest).toHaveBeenCalledTimes(1)
})

test('a link into an issue that is gone says so and leads to the latest issue', async () => {
  const onOpenLatest = jest.fn()
  renderWithServices(<ArticleScreen issueId='2020-01-01' articleId='a1' onReplace={jest.fn()} onBackToIssue={jest.fn()} onOpenLatest={onOpenLatest} />, {
    fetchIndex: async () => makeIndex([issue]),
    fetchIssue: async () => { throw new FeedError('not-found', '目录中没有这一期') }
  })
  await screen.findByText('没有找到这一期')
  fireEvent.click(screen.getByText('看最新一期'))
  expect(onOpenLatest).toHaveBeenCalledTimes(1)
})

test('in single-page mode the article is complete but offers no navigation', async () => {
  const { container } = renderWithServices(<ArticleScreen issueId={issue.id} articleId='a1' singlePage onReplace={jest.fn()} onBackToIssue={jest.fn()} onOpenLatest={jest.fn()} />, source)
  await screen.findByText('记者 胡碧源 · 通讯员 王安冉')
  expect(container.querySelectorAll('.article__paragraph').length).toBe(2)
  expect(screen.queryByText('返回本期目录')).toBeNull()
  expect(screen.queryByText(/^下一篇/)).toBeNull()
})

test('the share control copies the link in a browser', async () => {
  const onCopy = jest.fn()
  const { ShareControl } = await import('@/components/share-control')
  renderWithServices(<ArticleScreen issueId={issue.id} articleId='a1' onReplace={jest.fn()} onBackToIssue={jest.fn()} onOpenLatest={jest.fn()} shareControl={<ShareControl mode='copy' onCopy={onCopy} />} />, source)
  fireEvent.click(await screen.findByText('复制链接'))
  expect(onCopy).toHaveBeenCalledTimes(1)
})

test('a reader in an article of an older issue hears of a new one found on return, and is led to it', async () => {
  const clock = { t: 1_000_000 }
  const newer = makeIssue('2023-08-25', { number: 764, yearNumber: 64 })
  let index = makeIndex([issue])
  const feed = { fetchIndex: async () => index, fetchIssue: async (_i: unknown, id: string) => (id === newer.id ? newer : issue) }
  const handlers = { onReplace: jest.fn(), onBackToIssue: jest.fn(), onOpenLatest: jest.fn() }
  const { issueStore } = renderWithServices(<ArticleScreen issueId={issue.id} articleId='a1' {...handlers} />, feed, { now: () => clock.t })
  await screen.findByText('以党建引领网格化服务管理')
  expect(screen.queryByText(/有新一期/)).toBeNull()
  index = makeIndex([newer, issue])
  clock.t += 61_000
  await act(() => issueStore.getState().checkForNewIssue())
  fireEvent.click(await screen.findByText(/^有新一期：(2023年)?8月25日 总第764期 · 点此阅读$/))
  expect(handlers.onOpenLatest).toHaveBeenCalledTimes(1)
  expect(screen.getByText('以党建引领网格化服务管理')).toBeTruthy()
})
