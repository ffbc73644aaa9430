import { createPrefsStore, DEFAULT_TEXT_SIZE, PREFS_KEY, TEXT_SIZES } from '@/features/prefs/prefs-store'
import { createLibraryStore, isFavourite, HISTORY_LIMIT, LIBRARY_KEY } from '@/features/library/library-store'
import { createFeedCache } from '@/core/feed-cache'
import { FeedError } from '@/core/feed-client'
import { createIssueStore } from '@/features/issue/issue-store'
import { makeArticle, makeIssue } from '../fixtures/feed-fixtures'
import { createMemoryStorage } from '../support/memory-storage'

describe('preferences', () => {
  test('four text sizes, the largest an elder step of at least 22 px body text', () => {
    expect(TEXT_SIZES.length).toBeGreaterThanOrEqual(4)
    expect(TEXT_SIZES[TEXT_SIZES.length - 1].bodyPx).toBeGreaterThanOrEqual(22)
  })

  test('the text size is remembered across launches', () => {
    const storage = createMemoryStorage()
    createPrefsStore(storage).getState().setTextSize(4)
    expect(createPrefsStore(storage).getState().textSize).toBe(4)
  })

  test('out-of-range sizes are refused, keeping a valid one', () => {
    const store = createPrefsStore(createMemoryStorage())
    store.getState().setTextSize(9)
    expect(store.getState().textSize).toBe(DEFAULT_TEXT_SIZE)
  })

  test.each([
    ['garbage', '{not json'],
    ['a wrong value', JSON.stringify({ state: { textSize: 'huge' }, version: 1 })],
    ['another version', JSON.stringify({ state: { textSize: 3, extra: 1 }, version: 0 })]
  ])('stored %s falls back to what validates or the default', (name, raw) => {
    const storage = createMemoryStorage()
    storage.set(PREFS_KEY, raw)
    expect(createPrefsStore(storage).getState().textSize).toBe(name === 'another version' ? 3 : DEFAULT_TEXT_SIZE)
  })

  test('a storage that refuses writes still applies the choice now', () => {
    const storage = createMemoryStorage({ total: 10 })
    const store = createPrefsStore(storage)
    store.getState().setTextSize(3)
    expect(store.getState().textSize).toBe(3)
    expect(storage.keys()).toEqual([])
  })
})

describe('favourites and history', () => {
  const ref = (articleId: string, issueId = '2023-08-22') => ({ issueId, articleId, title: `标题${articleId}`, date: issueId, pageName: '01版 要闻' })

  test('favourites toggle and are remembered', () => {
    const storage = createMemoryStorage()
    const store = createLibraryStore(storage, () => 42)
    expect(store.getState().toggleFavourite(ref('a1'))).toBe(true)
    const again = createLibraryStore(storage)
    expect(isFavourite(again.getState(), '2023-08-22', 'a1')).toBe(true)
    expect(again.getState().favourites[0].at).toBe(42)
    expect(again.getState().toggleFavourite(ref('a1'))).toBe(false)
    expect(createLibraryStore(storage).getState().favourites).toEqual([])
  })

  test('history lists each article once, newest first, bounded', () => {
    let t = 0
    const store = createLibraryStore(createMemoryStorage(), () => ++t)
    store.getState().recordRead(ref('a1'))
    store.getState().recordRead(ref('a2'))
    store.getState().recordRead(ref('a1'))
    expect(store.getState().history.map((h) => h.articleId)).toEqual(['a1', 'a2'])
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) store.getState().recordRead(ref(`x${i}`))
    expect(store.getState().history.length).toBe(HISTORY_LIMIT)
    store.getState().clearHistory()
    expect(store.getState().history).toEqual([])
  })

  test('stored entries that do not validate are dropped, the rest kept', () => {
    const storage = createMemoryStorage()
    storage.set(LIBRARY_KEY, JSON.stringify({ version: 1, state: { favourites: [{ ...ref('a1'), at: 1 }, { issueId: 5 }, null], history: 'nope' } }))
    const store = createLibraryStore(storage)
    expect(store.getState().favourites.map((f) => f.articleId)).toEqual(['a1'])
    expect(store.getState().history).toEqual([])
  })

  test('a favourite stays readable offline when its issue is evicted, and its issue does not block newer ones', async () => {
    const storage = createMemoryStorage()
    const library = createLibraryStore(storage)
    library.getState().toggleFavourite(ref('a1', '2023-08-01'))
    const cache = createFeedCache({ storage, budgetBytes: 100 * 1024, keptArticles: () => library.getState().favourites })
    const big = (id: string) => makeIssue(id, { articles: [makeArticle('a1', 'p1', { paragraphs: ['报'.repeat(10000)] }), ...makeIssue(id).articles.slice(1)] })
    for (const id of ['2023-08-01', '2023-08-04', '2023-08-08', '2023-08-11', '2023-08-15']) expect(cache.writeIssue(big(id))).toBe(true)
    expect(cache.issueIds()).not.toContain('2023-08-01')
    // Offline, the store shows the favourite from its own copy, and says the issue is not all there.
    const offline = async () => { throw new FeedError('offline', '网络未连接') }
    const store = createIssueStore({ source: { fetchIndex: offline, fetchIssue: offline }, cache })
    await store.getState().loadIssue('2023-08-01')
    const entry = store.getState().issues['2023-08-01']
    expect(entry?.status).toBe('ready')
    expect(entry?.status === 'ready' && entry.partial).toBe(true)
    expect(entry?.status === 'ready' && entry.value.articles.map((a) => a.id)).toEqual(['a1'])
  })
})

describe('WeChat\'s own font size', () => {
  test.each([
    [undefined, 2],
    [12, 1],
    [16, 2],
    [17, 2],
    [20, 3],
    [22, 4],
    [28, 4]
  ])('a reader who has not chosen starts at the step matching WeChat\'s %s px', (px, step) => {
    expect(createPrefsStore(createMemoryStorage(), { systemFontPx: () => px }).getState().textSize).toBe(step)
  })

  test('the reader\'s own choice wins over WeChat\'s setting, and is remembered', () => {
    const storage = createMemoryStorage()
    createPrefsStore(storage, { systemFontPx: () => 24 }).getState().setTextSize(2)
    expect(createPrefsStore(storage, { systemFontPx: () => 24 }).getState().textSize).toBe(2)
  })

  test('without a choice, a change in WeChat\'s setting is followed at the next launch', () => {
    const storage = createMemoryStorage()
    expect(createPrefsStore(storage, { systemFontPx: () => 24 }).getState().textSize).toBe(4)
    expect(createPrefsStore(storage, { systemFontPx: () => 16 }).getState().textSize).toBe(2)
  })

  test('a failing system read leaves the default', () => {
    const store = createPrefsStore(createMemoryStorage(), { systemFontPx: () => { throw new Error('no such API') } })
    expect(store.getState().textSize).toBe(DEFAULT_TEXT_SIZE)
  })
})
