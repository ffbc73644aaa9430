import { createFeedClient, FeedError } from '@/core/feed-client'
import { nodeHttpGet } from '../support/node-http-get'
import { startFeedServer, json, type FeedServer } from '../support/feed-server'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'

let server: FeedServer
beforeEach(async () => {
  server = await startFeedServer({ 'index.json': json(makeIndex()), 'issues/2023-08-22.json': json(makeIssue()) })
})
afterEach(() => server.close())

const client = (timeoutMs = 2000) => createFeedClient({ baseUrl: server.url, get: nodeHttpGet, timeoutMs })

async function failure(p: Promise<unknown>): Promise<FeedError> {
  try {
    await p
  } catch (e) {
    if (e instanceof FeedError) return e
    throw e
  }
  throw new Error('expected a FeedError')
}

test('fetches and validates the index, then the issue it lists', async () => {
  const c = client()
  const index = await c.fetchIndex()
  expect(index.issues.map((s) => s.id)).toEqual(['2023-08-22'])
  const issue = await c.fetchIssue(index, '2023-08-22')
  expect(issue.articles.map((a) => a.id)).toEqual(['a1', 'a2', 'a3'])
  expect(server.hits).toEqual(['index.json', 'issues/2023-08-22.json'])
})

test('resolves relative assets against the base URL and leaves https alone', () => {
  const c = client()
  expect(c.assetUrl('images/x.png')).toBe(`${server.url}images/x.png`)
  expect(c.assetUrl('https://cdn.example.com/x.png')).toBe('https://cdn.example.com/x.png')
})

test('an unreachable server is offline', async () => {
  const c = createFeedClient({ baseUrl: 'http://127.0.0.1:9/', get: nodeHttpGet, timeoutMs: 2000 })
  expect((await failure(c.fetchIndex())).kind).toBe('offline')
})

test('a slow server times out', async () => {
  server.set('index.json', { ...json(makeIndex()), delayMs: 1000 })
  const e = await failure(client(100).fetchIndex())
  expect(e.kind).toBe('timeout')
})

test('HTTP 500 is a server error carrying its status', async () => {
  server.set('index.json', { status: 500, body: 'oops' })
  const e = await failure(client().fetchIndex())
  expect([e.kind, e.detail.status]).toEqual(['http', 500])
})

test('an HTML page served with 200 is invalid content, not data', async () => {
  server.set('index.json', { body: '<!DOCTYPE html><html><body>系统维护中</body></html>', contentType: 'text/html' })
  expect((await failure(client().fetchIndex())).kind).toBe('invalid-content')
})

test('truncated JSON is invalid content', async () => {
  server.set('index.json', { body: JSON.stringify(makeIndex()).slice(0, 60) })
  expect((await failure(client().fetchIndex())).kind).toBe('invalid-content')
})

test('a schema violation names the offending field', async () => {
  const bad = makeIssue()
  ;(bad.articles[0] as { title: unknown }).title = null
  server.set('issues/2023-08-22.json', json(bad))
  const c = client()
  const e = await failure(c.fetchIssue(await c.fetchIndex(), '2023-08-22'))
  expect(e.kind).toBe('schema')
  expect(e.message).toContain('/articles/0/title')
})

test('an issue the index does not list is not found, without a request', async () => {
  const c = client()
  const index = await c.fetchIndex()
  const e = await failure(c.fetchIssue(index, '1999-01-01'))
  expect(e.kind).toBe('not-found')
  expect(server.hits).toEqual(['index.json'])
})

test('an issue file that disagrees with the index is rejected', async () => {
  server.set('issues/2023-08-22.json', json(makeIssue('2023-08-18')))
  const c = client()
  expect((await failure(c.fetchIssue(await c.fetchIndex(), '2023-08-22'))).kind).toBe('schema')
})

test('a missing issue file is not found', async () => {
  server.set('issues/2023-08-22.json', undefined)
  const c = client()
  expect((await failure(c.fetchIssue(await c.fetchIndex(), '2023-08-22'))).kind).toBe('not-found')
})
