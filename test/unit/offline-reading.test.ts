import { createFeedClient } from '@/core/feed-client'
import { createFeedCache } from '@/core/feed-cache'
import { withRetry } from '@/core/retry'
import type { KeyValueStorage } from '@/core/storage'
import { createIssueStore, type IssueStore } from '@/features/issue/issue-store'
import { nodeHttpGet } from '../support/node-http-get'
import { startFeedServer, json, type FeedServer, type Route } from '../support/feed-server'
import { createMemoryStorage } from '../support/memory-storage'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'

const ID = '2023-08-22'
let server: FeedServer
beforeEach(async () => {
  server = await startFeedServer({ 'index.json': json(makeIndex()), [`issues/${ID}.json`]: json(makeIssue()) })
})
afterEach(() => server.close())

/** A launch of the app: a new store and cache over the phone's (surviving) storage. */
function launch(storage: KeyValueStorage, baseUrl = server.url, timeoutMs = 1000): IssueStore {
  const get = withRetry(nodeHttpGet, { retries: 1, baseDelayMs: 10 })
  return createIssueStore({ source: createFeedClient({ baseUrl, get, timeoutMs }), cache: createFeedCache({ storage }) })
}

async function readOnce(storage: KeyValueStorage): Promise<void> {
  const store = launch(storage)
  expect((await store.getState().loadIssue(ID))?.id).toBe(ID)
}

const truncated = JSON.stringify(makeIssue()).slice(0, 200)
const schemaViolation = JSON.stringify({ ...makeIssue(), pages: 'p1' })

describe('a cached issue stays readable whatever goes wrong on the next launch', () => {
  test.each<[string, Route | 'offline', string]>([
    ['offline', 'offline', 'offline'],
    ['timeout', { ...json(makeIssue()), delayMs: 1500 }, 'timeout'],
    ['HTTP 500', { status: 500, body: 'Internal Server Error' }, 'http'],
    ['truncated JSON', { body: truncated }, 'invalid-content'],
    ['HTML served with 200', { body: '<!DOCTYPE html><html><body>网站维护中</body></html>', contentType: 'text/html' }, 'invalid-content'],
    ['schema violation', { body: schemaViolation }, 'schema']
  ])('%s', async (_name, fault, kind) => {
    const storage = createMemoryStorage()
    await readOnce(storage)
    const good = storage.get(`gxqb/cache/v2/issue/${ID}`)

    let baseUrl = server.url
    if (fault === 'offline') baseUrl = 'http://127.0.0.1:9/'
    else server.set(`issues/${ID}.json`, fault)
    const store = launch(storage, baseUrl)
    const issue = await store.getState().loadIssue(ID)

    expect(issue?.articles.length).toBe(3)
    const entry = store.getState().issues[ID]
    expect(entry?.status).toBe('ready')
    if (entry?.status === 'ready') {
      expect(entry.origin).toBe('cache')
      expect(entry.refreshError?.kind).toBe(kind)
    }
    // The good copy was not overwritten by what failed.
    expect(storage.get(`gxqb/cache/v2/issue/${ID}`)).toBe(good)
  })

  test('storage quota exceeded: the fresh copy is still shown, and what was cached stays', async () => {
    const storage = createMemoryStorage({ total: 6 * 1024 })
    await readOnce(storage) // index and issue fit
    const before = storage.get(`gxqb/cache/v2/issue/${ID}`)
    const bigger = makeIssue()
    bigger.articles[0].paragraphs.push('字'.repeat(3000))
    server.set(`issues/${ID}.json`, json(bigger))
    const store = launch(storage)
    const issue = await store.getState().loadIssue(ID)
    expect(issue?.articles[0].paragraphs.length).toBe(3)
    expect(store.getState().issues[ID]?.status).toBe('ready')
    expect(storage.get(`gxqb/cache/v2/issue/${ID}`)).toBe(before)
  })

  test('a corrupt cached entry is dropped and fetched again', async () => {
    const storage = createMemoryStorage()
    await readOnce(storage)
    storage.set(`gxqb/cache/v2/issue/${ID}`, '{"v":1,"savedAt":1,"hash":"x","data":{"versio')
    server.hits.length = 0
    const store = launch(storage)
    const issue = await store.getState().loadIssue(ID)
    expect(issue?.id).toBe(ID)
    expect(server.hits).toContain(`issues/${ID}.json`)
    expect(JSON.parse(storage.get(`gxqb/cache/v2/issue/${ID}`) as string).data.id).toBe(ID)
  })
})

test('stale-while-revalidate: the cached copy shows at once, then updates in place when the feed changed', async () => {
  const storage = createMemoryStorage()
  await readOnce(storage)
  const changed = makeIssue()
  changed.articles[0].title = '更正后的标题'
  server.set(`issues/${ID}.json`, { ...json(changed), delayMs: 300 })
  const store = launch(storage)
  const loading = store.getState().loadIssue(ID)
  await new Promise((r) => setTimeout(r, 50))
  const early = store.getState().issues[ID]
  expect(early?.status === 'ready' && [early.origin, early.value.articles[0].title]).toEqual(['cache', '以党建引领网格化服务管理'])
  await loading
  const late = store.getState().issues[ID]
  expect(late?.status === 'ready' && [late.origin, late.value.articles[0].title, late.refreshError]).toEqual(['network', '更正后的标题', undefined])
  // The next launch starts from the updated copy.
  expect(launch(storage).getState().issues[ID]).toBeUndefined()
  expect(createFeedCache({ storage }).readIssue(ID)?.value.articles[0].title).toBe('更正后的标题')
})

test('an unchanged feed keeps the same object on screen (no re-render)', async () => {
  const storage = createMemoryStorage()
  await readOnce(storage)
  const store = launch(storage)
  const p = store.getState().loadIssue(ID)
  const shown = store.getState().issues[ID]
  await p
  const after = store.getState().issues[ID]
  expect(shown?.status === 'ready' && after?.status === 'ready' && after.value === shown.value).toBe(true)
})

test('pull-down refresh fetches the index and the issue again', async () => {
  const storage = createMemoryStorage()
  const store = launch(storage)
  await store.getState().loadIssue(ID)
  server.hits.length = 0
  await store.getState().refresh()
  expect(server.hits).toEqual(['index.json', `issues/${ID}.json`])
})

test('with nothing cached and no network, the reader gets an error to retry', async () => {
  const store = launch(createMemoryStorage(), 'http://127.0.0.1:9/')
  expect(await store.getState().loadIssue(ID)).toBeNull()
  const entry = store.getState().issues[ID]
  expect(entry?.status === 'error' && entry.error.kind).toBe('offline')
})
