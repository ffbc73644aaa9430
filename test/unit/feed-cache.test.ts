import { createFeedCache, contentHash, CACHE_SCHEMA } from '@/core/feed-cache'
import { StorageFullError } from '@/core/storage'
import { createMemoryStorage } from '../support/memory-storage'
import { makeArticle, makeIndex, makeIssue } from '../fixtures/feed-fixtures'

/** An issue of roughly `kb` kilobytes once serialised. */
function issueOfSize(id: string, kb: number) {
  const issue = makeIssue(id)
  issue.articles[0] = makeArticle('a1', 'p1', { paragraphs: ['报'.repeat(Math.max(1, Math.floor(kb * 1024 / 3)))] })
  return issue
}

const utf8 = (text: string | undefined) => Buffer.byteLength(text ?? '', 'utf8')

let clock = 1_000
const now = () => ++clock

test('round-trips the index and issues with when they were saved', () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage, now })
  const issue = makeIssue()
  expect(cache.writeIndex(makeIndex([issue]), 500)).toBe(true)
  expect(cache.writeIssue(issue, 600)).toBe(true)
  const again = createFeedCache({ storage, now })
  expect(again.readIndex()?.value.issues[0].id).toBe('2023-08-22')
  const hit = again.readIssue('2023-08-22')
  expect([hit?.savedAt, hit?.hash]).toEqual([600, contentHash(issue)])
  expect(hit?.value).toEqual(issue)
})

test.each([
  ['unparseable text', '{"v":1,"savedAt":1,'],
  ['a valid envelope around invalid data', JSON.stringify({ v: 1, savedAt: 1, hash: 'x', data: { version: 1, id: '2023-08-22' } })],
  ['an envelope of another version', JSON.stringify({ v: 7, savedAt: 1, hash: 'x', data: makeIssue() })],
  ['an issue stored under another id', JSON.stringify({ v: 1, savedAt: 1, hash: 'x', data: makeIssue('2023-08-18') })]
])('a corrupt entry (%s) reads as absent and is removed', (_name, text) => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage, now })
  cache.writeIssue(makeIssue())
  storage.data.set('gxqb/cache/v2/issue/2023-08-22', text)
  expect(cache.readIssue('2023-08-22')).toBeUndefined()
  expect(storage.data.has('gxqb/cache/v2/issue/2023-08-22')).toBe(false)
  expect(cache.issueIds()).toEqual([])
})

test('evicts the least recently read issues first to stay within the budget', () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage, now, budgetBytes: 100 * 1024 })
  for (const id of ['2023-08-01', '2023-08-04', '2023-08-08']) expect(cache.writeIssue(issueOfSize(id, 30))).toBe(true)
  cache.readIssue('2023-08-01') // read again: now the most recent
  expect(cache.writeIssue(issueOfSize('2023-08-11', 30))).toBe(true)
  expect(cache.issueIds().sort()).toEqual(['2023-08-01', '2023-08-08', '2023-08-11'])
  expect(cache.usage().bytes).toBeLessThanOrEqual(100 * 1024)
  expect(storage.bytes()).toBeLessThanOrEqual(100 * 1024)
})

test('issues holding favourites are evicted like any other, least recently read first, so they never stop new issues being cached', () => {
  const storage = createMemoryStorage()
  const kept = [{ issueId: '2023-08-01', articleId: 'a3' }, { issueId: '2023-08-04', articleId: 'a3' }, { issueId: '2023-08-08', articleId: 'a3' }]
  const cache = createFeedCache({ storage, now, budgetBytes: 100 * 1024, keptArticles: () => kept })
  // Every issue in the budget holds a favourite; each new issue is still cached.
  for (const id of ['2023-08-01', '2023-08-04', '2023-08-08', '2023-08-11', '2023-08-15']) expect(cache.writeIssue(issueOfSize(id, 30))).toBe(true)
  expect(cache.issueIds().sort()).toEqual(['2023-08-08', '2023-08-11', '2023-08-15'])
  expect(cache.usage().bytes).toBeLessThanOrEqual(100 * 1024)
  expect(storage.bytes()).toBeLessThanOrEqual(100 * 1024)
})

test('a favourite\'s article is kept on its own, so it opens offline after its issue is evicted', () => {
  const storage = createMemoryStorage()
  const kept = [{ issueId: '2023-08-01', articleId: 'a3' }]
  const cache = createFeedCache({ storage, now, budgetBytes: 100 * 1024, keptArticles: () => kept })
  for (const id of ['2023-08-01', '2023-08-04', '2023-08-08', '2023-08-11']) cache.writeIssue(issueOfSize(id, 30))
  expect(cache.issueIds()).not.toContain('2023-08-01')
  const again = createFeedCache({ storage, now, budgetBytes: 100 * 1024, keptArticles: () => kept })
  const hit = again.readIssue('2023-08-01')
  expect(hit?.partial).toBe(true)
  expect(hit?.value.articles.map((a) => a.id)).toEqual(['a3'])
  expect(hit?.value.articles[0]).toEqual(issueOfSize('2023-08-01', 30).articles[2])
  expect(hit?.value.pages).toEqual([{ id: 'p2', name: '02版 综合', articleIds: ['a3'] }])
  // Small: the article alone, not the 30 KB issue.
  expect(again.usage().bytes).toBeLessThan(100 * 1024)
  const own = storage.keys().find((k) => k.includes('/kept/2023-08-01'))
  expect(utf8(storage.get(own as string))).toBeLessThan(2 * 1024)
})

test('a favourite added or removed later is kept or let go with the next sync', () => {
  const storage = createMemoryStorage()
  let kept: Array<{ issueId: string, articleId: string }> = []
  const cache = createFeedCache({ storage, now, keptArticles: () => kept })
  const issue = makeIssue()
  cache.writeIssue(issue)
  kept = [{ issueId: issue.id, articleId: 'a1' }]
  cache.syncKept()
  cache.clearIssue(issue.id)
  expect(cache.readIssue(issue.id)?.value.articles.map((a) => a.id)).toEqual(['a1'])
  // The issue is not cached: the article comes from what the reader has on screen.
  kept = [{ issueId: issue.id, articleId: 'a1' }, { issueId: '2023-08-18', articleId: 'a2' }]
  cache.syncKept((id) => (id === '2023-08-18' ? makeIssue('2023-08-18') : undefined))
  expect(cache.readIssue('2023-08-18')?.value.articles.map((a) => a.id)).toEqual(['a2'])
  kept = []
  cache.syncKept()
  expect(cache.readIssue(issue.id)).toBeUndefined()
  expect(storage.keys().filter((k) => k.includes('/kept/'))).toEqual([])
})

test('however many favourites there are, the issue being read is cached', () => {
  const storage = createMemoryStorage()
  // 200 favourites of about 3 KB each in 200 issues: more than the whole 100 KB budget.
  const ids = Array.from({ length: 200 }, (_, i) => `2020-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`)
  const kept = ids.map((issueId) => ({ issueId, articleId: 'a3' }))
  const cache = createFeedCache({ storage, now, budgetBytes: 100 * 1024, keptArticles: () => kept })
  const withBigA3 = (id: string) => makeIssue(id, { articles: [...makeIssue(id).articles.slice(0, 2), makeArticle('a3', 'p2', { paragraphs: ['报'.repeat(1000)] })] })
  cache.syncKept(withBigA3)
  expect(cache.usage().bytes).toBeLessThanOrEqual(100 * 1024)
  expect(cache.writeIssue(issueOfSize('2023-08-22', 40))).toBe(true)
  expect(cache.readIssue('2023-08-22')?.partial).toBeFalsy()
  expect(storage.bytes()).toBeLessThanOrEqual(100 * 1024)
})

test('clearing the cache keeps the favourites\' own copies', () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage, now, keptArticles: () => [{ issueId: '2023-08-22', articleId: 'a1' }] })
  cache.writeIndex(makeIndex())
  cache.writeIssue(makeIssue())
  cache.clear()
  expect(cache.issueIds()).toEqual([])
  expect(cache.readIndex()).toBeUndefined()
  expect(cache.readIssue('2023-08-22')).toMatchObject({ partial: true, value: { articles: [{ id: 'a1' }] } })
})

test('the version 1 layout is migrated: cached issues stay readable under the new keys', () => {
  const storage = createMemoryStorage()
  const issue = makeIssue()
  const envelope = (data: unknown) => JSON.stringify({ v: 1, savedAt: 600, hash: contentHash(data), data })
  storage.set('gxqb/cache/v1/index', envelope(makeIndex([issue])))
  storage.set('gxqb/cache/v1/issue/2023-08-22', envelope(issue))
  storage.set('gxqb/cache/meta', JSON.stringify({ schema: 1, lastRead: { '2023-08-22': 5 }, sizes: { 'gxqb/cache/v1/index': 10, 'gxqb/cache/v1/issue/2023-08-22': 10 } }))
  storage.set('gxqb/prefs', '{"textSize":3}')
  const cache = createFeedCache({ storage, now })
  expect(CACHE_SCHEMA).toBe(2)
  expect(cache.readIssue('2023-08-22')?.value).toEqual(issue)
  expect(cache.readIndex()?.savedAt).toBe(600)
  expect(storage.keys().filter((k) => k.includes('/v1/'))).toEqual([])
  expect(storage.get('gxqb/prefs')).toBe('{"textSize":3}')
  expect(JSON.parse(storage.get('gxqb/cache/meta') as string).schema).toBe(2)
})

test('an issue over the per-key limit is not cached, and nothing else is lost for it', () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage, now })
  cache.writeIssue(makeIssue('2023-08-18'))
  expect(cache.writeIssue(issueOfSize('2023-08-22', 1100))).toBe(false)
  expect(cache.issueIds()).toEqual(['2023-08-18'])
})

test('when the platform refuses a write (quota exceeded), old issues make room; if none can, the write is dropped cleanly', () => {
  // The platform's quota is tighter than the cache's budget, as on H5 or with other data stored.
  const storage = createMemoryStorage({ total: 80 * 1024 })
  const cache = createFeedCache({ storage, now })
  expect(cache.writeIssue(issueOfSize('2023-08-01', 30))).toBe(true)
  expect(cache.writeIssue(issueOfSize('2023-08-04', 30))).toBe(true)
  expect(cache.writeIssue(issueOfSize('2023-08-08', 30))).toBe(true)
  expect(cache.issueIds().sort()).toEqual(['2023-08-04', '2023-08-08'])

  const full = createMemoryStorage({ total: 40 * 1024 })
  const lonely = createFeedCache({ storage: full, now })
  expect(lonely.writeIssue(issueOfSize('2023-08-01', 30))).toBe(true)
  const again = createFeedCache({ storage: full, now, budgetBytes: 60 * 1024 })
  expect(again.writeIssue(issueOfSize('2023-08-04', 70))).toBe(false)
  expect(again.readIssue('2023-08-01')?.value.id).toBe('2023-08-01')
})

test('a storage that fails every write (not for space) loses nothing already cached', () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage, now })
  cache.writeIndex(makeIndex())
  cache.writeIssue(makeIssue())
  const broken = { ...storage, set: () => { throw new Error('setStorageSync:fail internal error') } }
  const reopened = createFeedCache({ storage: broken, now })
  expect(reopened.writeIssue(makeIssue('2023-08-18'))).toBe(false)
  expect(reopened.writeIndex(makeIndex([makeIssue('2023-08-18')]))).toBe(false)
  expect(reopened.readIssue('2023-08-22')?.value.id).toBe('2023-08-22')
  expect(reopened.readIndex()?.value.issues[0].id).toBe('2023-08-22')
})

test('a storage that always says "full" costs at most one entry\'s worth of evictions', () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage, now })
  for (const id of ['2023-08-01', '2023-08-04', '2023-08-08']) cache.writeIssue(issueOfSize(id, 30))
  const full = { ...storage, set: () => { throw new StorageFullError('setStorageSync:fail exceed storage max size 10MB') } }
  const reopened = createFeedCache({ storage: full, now })
  expect(reopened.writeIssue(issueOfSize('2023-08-11', 30))).toBe(false)
  expect(reopened.issueIds().sort()).toEqual(['2023-08-04', '2023-08-08'])
})

test('an unknown cache layout (older or newer schema) is cleared, leaving other app data alone', () => {
  const storage = createMemoryStorage()
  storage.set('gxqb/cache/meta', JSON.stringify({ schema: 99, lastRead: {}, sizes: {} }))
  storage.set('gxqb/cache/v9/issue/x', 'whatever')
  storage.set('gxqb/prefs', '{"textSize":3}')
  const cache = createFeedCache({ storage, now })
  expect(storage.keys().sort()).toEqual(['gxqb/cache/meta', 'gxqb/prefs'])
  expect(JSON.parse(storage.get('gxqb/cache/meta') as string).schema).toBe(CACHE_SCHEMA)
  expect(cache.usage().issues).toEqual([])
})

test('lost bookkeeping is rebuilt from the entries', () => {
  const storage = createMemoryStorage()
  createFeedCache({ storage, now }).writeIssue(makeIssue())
  storage.remove('gxqb/cache/meta')
  const cache = createFeedCache({ storage, now })
  // Without meta the layout is unknown and cleared: a cache is a copy, so this is safe.
  expect(cache.issueIds()).toEqual([])
  storage.set('gxqb/cache/meta', '{not json')
  expect(createFeedCache({ storage, now }).usage().issues).toEqual([])
})

test('usage counts what is stored and clear empties it', () => {
  const storage = createMemoryStorage()
  const cache = createFeedCache({ storage, now })
  cache.writeIndex(makeIndex())
  cache.writeIssue(makeIssue())
  const usage = cache.usage()
  expect(usage.issues.map((i) => i.id)).toEqual(['2023-08-22'])
  expect(Math.abs(usage.bytes - storage.bytes())).toBeLessThan(64)
  cache.clear()
  expect(cache.usage().issues).toEqual([])
  expect(storage.keys()).toEqual(['gxqb/cache/meta'])
})
