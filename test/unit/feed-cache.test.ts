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
  storage.data.set('gxqb/cache/v1/issue/2023-08-22', text)
  expect(cache.readIssue('2023-08-22')).toBeUndefined()
  expect(storage.data.has('gxqb/cache/v1/issue/2023-08-22')).toBe(false)
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

test('pinned issues (favourites) are evicted after everything else, never to make room for others', () => {
  const storage = createMemoryStorage()
  const pins = new Set(['2023-08-01'])
  const cache = createFeedCache({ storage, now, budgetBytes: 100 * 1024, pinned: () => pins })
  for (const id of ['2023-08-01', '2023-08-04', '2023-08-08']) cache.writeIssue(issueOfSize(id, 30))
  cache.writeIssue(issueOfSize('2023-08-11', 30))
  cache.writeIssue(issueOfSize('2023-08-15', 30))
  expect(cache.issueIds().sort()).toEqual(['2023-08-01', '2023-08-11', '2023-08-15'])
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
  const pins = createFeedCache({ storage: full, now, pinned: () => ['2023-08-01'] })
  expect(pins.writeIssue(issueOfSize('2023-08-04', 30))).toBe(false)
  expect(pins.readIssue('2023-08-01')?.value.id).toBe('2023-08-01')
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
