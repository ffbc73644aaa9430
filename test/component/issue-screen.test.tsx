import { act, screen, fireEvent, waitFor, within } from '@testing-library/react'
import { IssueScreen } from '@/features/issue/issue-screen'
import { FeedError } from '@/core/feed-client'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'
import { renderWithServices } from './render-with-services'
import { latestOf } from '@/core/feed'
import { createPageViewStore } from '@/features/page-view/page-view-store'
import { createMemoryStorage } from '../support/memory-storage'

const issue = makeIssue()
const source = { fetchIndex: async () => makeIndex([issue]), fetchIssue: async () => issue }
const handlers = () => ({ onOpenArticle: jest.fn(), onNavigate: jest.fn(), onSwitchIssue: jest.fn(), onOpenLatest: jest.fn() })

test('shows the masthead, the page tabs and the first page\'s articles', async () => {
  const { container } = renderWithServices(<IssueScreen {...handlers()} />, source)
  await screen.findByText('总第763期')
  expect(screen.getByText('2023年第63期')).toBeTruthy()
  expect(screen.getByText('2023年8月22日 星期二 农历癸卯年七月初七')).toBeTruthy()
  expect(screen.getByText('最新一期')).toBeTruthy()
  const tabs = screen.getAllByRole('tab').map((t) => t.textContent)
  expect(tabs).toEqual(['01版 要闻', '02版 综合'])
  expect(screen.getByRole('tab', { selected: true }).textContent).toBe('01版 要闻')
  const titles = Array.from(container.querySelectorAll('.article-item__title')).map((n) => n.textContent)
  expect(titles).toEqual(['以党建引领网格化服务管理', '生态融合 精致城市'])
  expect(screen.getByText('济宁高新区')).toBeTruthy()
  expect(screen.getByText('记者 胡碧源')).toBeTruthy()
  expect(screen.getByText('记者 杨国庆 摄')).toBeTruthy()
  // The photo item has a thumbnail; the text-only one has none.
  const items = container.querySelectorAll('.article-item')
  expect(items[0].querySelector('.article-item__thumb')).toBeNull()
  expect(items[1].querySelector('.article-item__thumb')?.getAttribute('src')).toBe('https://feed.test/images/2023-08-22/a2-1.png')
})

test('a tab shows that page\'s articles; tapping one opens it with its ids', async () => {
  const open = jest.fn()
  const { container } = renderWithServices(<IssueScreen {...handlers()} onOpenArticle={open} />, source)
  fireEvent.click(await screen.findByText('02版 综合'))
  await waitFor(() => expect(screen.getByRole('tab', { selected: true }).textContent).toBe('02版 综合'))
  const titles = Array.from(container.querySelectorAll('.article-item__title')).map((n) => n.textContent)
  expect(titles).toEqual(['推动关心下一代工作创新发展'])
  expect(screen.getByText('济宁高新区关心下一代工作会议召开')).toBeTruthy()
  fireEvent.click(screen.getByText('推动关心下一代工作创新发展'))
  expect(open).toHaveBeenCalledWith('/pages/article/index?issue=2023-08-22&article=a3')
})

test('opens a given issue rather than the latest', async () => {
  const older = makeIssue('2023-08-18', { number: 762, yearNumber: 62 })
  const fetchIssue = jest.fn(async (_index: unknown, id: string) => (id === older.id ? older : issue))
  renderWithServices(<IssueScreen issueId='2023-08-18' {...handlers()} />, { fetchIndex: async () => makeIndex([issue, older]), fetchIssue })
  await screen.findByText('总第762期')
  expect(screen.queryByText(/^最新一期/)).toBeNull()
  expect(fetchIssue.mock.calls.map((c) => c[1])).toEqual(['2023-08-18'])
})

test('shows a loading state first', () => {
  renderWithServices(<IssueScreen {...handlers()} />, { fetchIndex: () => new Promise(() => {}), fetchIssue: async () => issue })
  expect(screen.getByText('正在加载…')).toBeTruthy()
})

test('a failed index shows what went wrong and retries on request', async () => {
  let fail = true
  const fetchIndex = jest.fn(async () => {
    if (fail) throw new FeedError('offline', '网络未连接')
    return makeIndex([issue])
  })
  renderWithServices(<IssueScreen {...handlers()} />, { fetchIndex, fetchIssue: async () => issue })
  const alert = await screen.findByRole('alert')
  expect(within(alert).getByText('网络未连接', { selector: '.status__title' })).toBeTruthy()
  fail = false
  fireEvent.click(within(alert).getByText('重试'))
  await screen.findByText('总第763期')
  expect(fetchIndex).toHaveBeenCalledTimes(2)
})

test('a failed issue shows a retry that refetches the issue', async () => {
  let calls = 0
  const fetchIssue = jest.fn(async () => {
    calls += 1
    if (calls === 1) throw new FeedError('schema', '本期数据格式有误：/articles/0/title is required')
    return issue
  })
  renderWithServices(<IssueScreen {...handlers()} />, { fetchIndex: async () => makeIndex([issue]), fetchIssue })
  await screen.findByText('报纸数据有误')
  expect(screen.getByText('本期数据格式有误：/articles/0/title is required')).toBeTruthy()
  fireEvent.click(screen.getByText('重试'))
  await screen.findByText('总第763期')
})

test('an empty feed says so', async () => {
  renderWithServices(<IssueScreen {...handlers()} />, { fetchIndex: async () => makeIndex([]), fetchIssue: async () => issue })
  await screen.findByText('还没有发布任何一期报纸')
})

test('the issue page names its neighbours and moves sideways to them; the archive opens on top', async () => {
  const older = makeIssue('2023-08-18', { number: 762, yearNumber: 62 })
  const newer = makeIssue('2023-08-25', { number: 764, yearNumber: 64 })
  const h = handlers()
  renderWithServices(<IssueScreen issueId='2023-08-22' {...h} />, { fetchIndex: async () => makeIndex([newer, issue, older]), fetchIssue: async () => issue })
  fireEvent.click(await screen.findByText('‹ 上一期 2023年8月18日'))
  expect(h.onSwitchIssue).toHaveBeenLastCalledWith('/pages/issue/index?id=2023-08-18')
  fireEvent.click(screen.getByText('下一期 2023年8月25日 ›'))
  expect(h.onSwitchIssue).toHaveBeenLastCalledWith('/pages/issue/index?id=2023-08-25')
  expect(h.onNavigate).not.toHaveBeenCalled()
  fireEvent.click(screen.getByText('往期'))
  expect(h.onNavigate).toHaveBeenLastCalledWith('/pages-more/archive/index')
  expect(h.onSwitchIssue).toHaveBeenCalledTimes(2)
})

test('the only issue says there is nothing older or newer', async () => {
  renderWithServices(<IssueScreen {...handlers()} />, source)
  await screen.findByText('没有更早的一期')
  expect(screen.getByText('已是最新一期')).toBeTruthy()
})

test('a link to an issue no longer in the index says so and leads to the latest', async () => {
  const h = handlers()
  renderWithServices(<IssueScreen issueId='2020-01-01' {...h} />, { fetchIndex: async () => makeIndex([issue]), fetchIssue: async (_i, id) => { throw new FeedError('not-found', `目录中没有这一期（${id}）`) } })
  await screen.findByText('没有找到这一期')
  fireEvent.click(screen.getByText('看最新一期'))
  expect(h.onOpenLatest).toHaveBeenCalledTimes(1)
})

test('in a browser the subscribe panel explains that reminders need WeChat', async () => {
  renderWithServices(<IssueScreen {...handlers()} />, source)
  await screen.findByText('总第763期')
  expect(screen.getByText('新刊提醒通过微信服务通知发送，请在微信小程序“高新区报”中订阅。')).toBeTruthy()
  expect(screen.queryByText('订阅新刊提醒')).toBeNull()
})

test('moving to another issue starts at its first 版, not at the 版 chosen in the previous one', async () => {
  const older = makeIssue('2023-08-18', { number: 762, yearNumber: 62 })
  const both = { fetchIndex: async () => makeIndex([issue, older]), fetchIssue: async (_index: unknown, id: string) => (id === older.id ? older : issue) }
  // The older issue was read before, so the move back to it shows it at once (no loading state between).
  const { rerender, container } = renderWithServices(<IssueScreen issueId='2023-08-18' {...handlers()} />, both)
  await screen.findByText('总第762期')
  rerender(<IssueScreen issueId='2023-08-22' {...handlers()} />)
  fireEvent.click(await screen.findByText('02版 综合'))
  await waitFor(() => expect(screen.getByRole('tab', { selected: true }).textContent).toBe('02版 综合'))
  rerender(<IssueScreen issueId='2023-08-18' {...handlers()} />)
  await screen.findByText('总第762期')
  expect(screen.getByRole('tab', { selected: true }).textContent).toBe('01版 要闻')
  expect(Array.from(container.querySelectorAll('.article-item__title')).map((n) => n.textContent)).toEqual(['以党建引领网格化服务管理', '生态融合 精致城市'])
})

describe('a new issue published while the app was away', () => {
  const newer = makeIssue('2023-08-25', { number: 764, yearNumber: 64 })
  const publishing = () => {
    let index = makeIndex([issue])
    return {
      source: { fetchIndex: async () => index, fetchIssue: async (_i: unknown, id: string) => (id === newer.id ? newer : issue) },
      publish: () => { index = makeIndex([newer, issue]) }
    }
  }

  test('the latest-issue view turns to it on return, quietly', async () => {
    const clock = { t: 1_000_000 }
    const feed = publishing()
    const { issueStore } = renderWithServices(<IssueScreen {...handlers()} />, feed.source, { now: () => clock.t })
    await screen.findByText('总第763期')
    feed.publish()
    clock.t += 61_000
    await act(() => issueStore.getState().checkForNewIssue())
    await screen.findByText('总第764期')
    expect(screen.queryByText(/有新一期/)).toBeNull()
    expect(screen.queryByText('正在加载…')).toBeNull()
  })

  test('a reader in an older issue stays there, with a notice that leads to the new one', async () => {
    const clock = { t: 1_000_000 }
    const feed = publishing()
    const h = handlers()
    const { issueStore } = renderWithServices(<IssueScreen issueId='2023-08-22' {...h} />, feed.source, { now: () => clock.t })
    await screen.findByText('总第763期')
    feed.publish()
    clock.t += 61_000
    await act(() => issueStore.getState().checkForNewIssue())
    const notice = await screen.findByText(/^有新一期：(2023年)?8月25日 总第764期 · 点此阅读$/)
    expect(screen.getByText('总第763期')).toBeTruthy()
    fireEvent.click(notice)
    expect(h.onOpenLatest).toHaveBeenCalledTimes(1)
  })
})

describe('the latest issue\'s list from the index alone, while the issue loads', () => {
  // The issue file held back until the test lets it through: what a slow second request looks like.
  function heldIssue() {
    let release: () => void = () => {}
    const released = new Promise<void>((r) => { release = r })
    const fetchIssue = jest.fn(async () => { await released; return issue })
    return { fetchIssue, release }
  }
  const withLatest = () => ({ ...makeIndex([issue]), latest: latestOf(issue) })

  // What each list item shows: its text, in order, and its thumbnail.
  const listed = (container: HTMLElement) => Array.from(container.querySelectorAll('.article-item')).map((item) => ({
    text: Array.from(item.querySelectorAll('.article-item__text > *')).map((n) => n.textContent),
    thumb: item.querySelector('.article-item__thumb')?.getAttribute('src')
  }))

  test('shows the masthead, tabs and first 版 list from the index, the same items as the issue will, and opens an article from them', async () => {
    const { fetchIssue, release } = heldIssue()
    const open = jest.fn()
    const { container } = renderWithServices(<IssueScreen {...handlers()} onOpenArticle={open} />, { fetchIndex: async () => withLatest(), fetchIssue })
    await screen.findByText('总第763期')
    expect(container.querySelector('.issue--preview')).not.toBeNull()
    expect(screen.getByText('2023年8月22日 星期二 农历癸卯年七月初七')).toBeTruthy()
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['01版 要闻', '02版 综合'])
    const fromIndex = listed(container)
    // Kicker, title, the byline's first credit; the photo item's photographer and thumbnail.
    expect(fromIndex).toEqual([
      { text: ['济宁高新区', '以党建引领网格化服务管理', '记者 胡碧源'], thumb: undefined },
      { text: ['生态融合 精致城市', '记者 杨国庆 摄'], thumb: 'https://feed.test/images/2023-08-22/a2-1.png' }
    ])
    fireEvent.click(screen.getByText('生态融合 精致城市'))
    expect(open).toHaveBeenCalledWith('/pages/article/index?issue=2023-08-22&article=a2')

    await act(async () => release())
    await waitFor(() => expect(container.querySelector('.issue--preview')).toBeNull())
    // The issue's own list: nothing moved.
    expect(listed(container)).toEqual(fromIndex)
  })

  test('a latest block that names another issue than the newest listed is ignored: the page waits for the issue', async () => {
    const older = makeIssue('2023-08-18', { number: 762, yearNumber: 62 })
    const { fetchIssue, release } = heldIssue()
    const index = { ...makeIndex([issue, older]), latest: latestOf(older) }
    const { container } = renderWithServices(<IssueScreen {...handlers()} />, { fetchIndex: async () => index, fetchIssue })
    await screen.findByText('正在加载…')
    await act(async () => { await new Promise((r) => setTimeout(r, 50)) })
    expect(container.querySelector('.article-item')).toBeNull()
    await act(async () => release())
    await screen.findByText('记者 胡碧源')
    expect(container.querySelector('.issue--preview')).toBeNull()
  })

  test('a link to an issue, or a reader who left the latest issue on 版面, gets no list from the index', async () => {
    const first = heldIssue()
    const a = renderWithServices(<IssueScreen issueId={issue.id} {...handlers()} />, { fetchIndex: async () => withLatest(), fetchIssue: first.fetchIssue })
    await waitFor(() => expect(first.fetchIssue).toHaveBeenCalled())
    expect(a.container.querySelector('.article-item')).toBeNull()
    expect(screen.getByText('正在加载…')).toBeTruthy()
    a.unmount()

    const second = heldIssue()
    const storage = createMemoryStorage()
    const pageView = createPageViewStore(storage)
    pageView.getState().setMode('page')
    const b = renderWithServices(<IssueScreen {...handlers()} />, { fetchIndex: async () => withLatest(), fetchIssue: second.fetchIssue }, { pageView, storage })
    await waitFor(() => expect(second.fetchIssue).toHaveBeenCalled())
    expect(b.container.querySelector('.article-item')).toBeNull()
    expect(screen.getByText('正在加载…')).toBeTruthy()
  })
})
