import { createFeedClient } from '@/core/feed-client'
import { createIssueStore, latestIssueId } from '@/features/issue/issue-store'
import { nodeHttpGet } from '../support/node-http-get'
import { startFeedServer, json, type FeedServer } from '../support/feed-server'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'

let server: FeedServer
beforeEach(async () => {
  server = await startFeedServer({ 'index.json': json(makeIndex()), 'issues/2023-08-22.json': json(makeIssue()) })
})
afterEach(() => server.close())

const newStore = () => createIssueStore({ source: createFeedClient({ baseUrl: server.url, get: nodeHttpGet, timeoutMs: 2000 }) })

test('loading an issue loads the index first and keeps both', async () => {
  const store = newStore()
  const issue = await store.getState().loadIssue('2023-08-22')
  expect(issue?.number).toBe(763)
  const state = store.getState()
  expect(latestIssueId(state)).toBe('2023-08-22')
  expect(state.issues['2023-08-22']?.status).toBe('ready')
})

test('concurrent loads share one request each', async () => {
  const store = newStore()
  await Promise.all([store.getState().loadIssue('2023-08-22'), store.getState().loadIssue('2023-08-22'), store.getState().loadIndex()])
  expect(server.hits).toEqual(['index.json', 'issues/2023-08-22.json'])
})

test('a loaded issue is not fetched again unless forced', async () => {
  const store = newStore()
  await store.getState().loadIssue('2023-08-22')
  await store.getState().loadIssue('2023-08-22')
  expect(server.hits.length).toBe(2)
  // Forcing an issue refetches the issue; the index fetched in this session stays.
  await store.getState().loadIssue('2023-08-22', { force: true })
  expect(server.hits).toEqual(['index.json', 'issues/2023-08-22.json', 'issues/2023-08-22.json'])
})

test('a failure lands in state as a typed error, and a retry recovers', async () => {
  server.set('index.json', { status: 503, body: 'busy' })
  const store = newStore()
  expect(await store.getState().loadIssue('2023-08-22')).toBeNull()
  const entry = store.getState().issues['2023-08-22']
  expect(entry?.status === 'error' && entry.error.kind).toBe('http')
  expect(store.getState().index?.status).toBe('error')

  server.set('index.json', json(makeIndex()))
  expect((await store.getState().loadIssue('2023-08-22', { force: true }))?.id).toBe('2023-08-22')
  expect(store.getState().issues['2023-08-22']?.status).toBe('ready')
})

test('a failed refresh keeps what was already shown', async () => {
  const store = newStore()
  await store.getState().loadIssue('2023-08-22')
  server.set('issues/2023-08-22.json', { body: '<html>维护中</html>' })
  await store.getState().loadIssue('2023-08-22', { force: true })
  const entry = store.getState().issues['2023-08-22']
  expect(entry?.status === 'ready' && entry.value.articles.length).toBe(3)
})

test('an empty index has no latest issue', async () => {
  server.set('index.json', json(makeIndex([])))
  const store = newStore()
  await store.getState().loadIndex()
  expect(latestIssueId(store.getState())).toBeUndefined()
})

describe('coming back to the foreground', () => {
  const newer = makeIssue('2023-08-25', { number: 764, yearNumber: 64 })
  const clockStore = (clock: { t: number }) => createIssueStore({ source: createFeedClient({ baseUrl: server.url, get: nodeHttpGet, timeoutMs: 2000 }), now: () => clock.t })

  test('a newly published issue is found and loaded, and the latest moves to it', async () => {
    const clock = { t: 1_000_000 }
    const store = clockStore(clock)
    await store.getState().loadIssue('2023-08-22')
    server.set('index.json', json(makeIndex([newer, makeIssue()])))
    server.set('issues/2023-08-25.json', json(newer))
    clock.t += 61_000
    await expect(store.getState().checkForNewIssue()).resolves.toBe('2023-08-25')
    const state = store.getState()
    expect(latestIssueId(state)).toBe('2023-08-25')
    // Loaded before the index moved on, so the latest-issue view never shows an empty loading state.
    expect(state.issues['2023-08-25']?.status).toBe('ready')
    expect(state.newIssueId).toBe('2023-08-25')
  })

  test('the index is checked at most once a minute', async () => {
    const clock = { t: 1_000_000 }
    const store = clockStore(clock)
    await store.getState().loadIndex()
    clock.t += 30_000
    await expect(store.getState().checkForNewIssue()).resolves.toBeNull()
    expect(server.hits).toEqual(['index.json'])
    clock.t += 31_000
    await expect(store.getState().checkForNewIssue()).resolves.toBeNull()
    expect(server.hits).toEqual(['index.json', 'index.json'])
    clock.t += 10_000
    await store.getState().checkForNewIssue()
    expect(server.hits).toEqual(['index.json', 'index.json'])
    expect(store.getState().newIssueId).toBeUndefined()
  })

  test('an issue taken down, leaving an older one at the top, is not announced as new', async () => {
    const clock = { t: 1_000_000 }
    const store = clockStore(clock)
    server.set('index.json', json(makeIndex([newer, makeIssue()])))
    await store.getState().loadIndex()
    server.set('index.json', json(makeIndex([makeIssue()])))
    clock.t += 61_000
    await expect(store.getState().checkForNewIssue()).resolves.toBeNull()
    expect(latestIssueId(store.getState())).toBe('2023-08-22')
    expect(store.getState().newIssueId).toBeUndefined()
  })

  test('when the check fails (offline) what is on screen stays as it was', async () => {
    const clock = { t: 1_000_000 }
    const store = clockStore(clock)
    await store.getState().loadIssue('2023-08-22')
    const before = store.getState()
    server.set('index.json', { status: 503, body: 'busy' })
    clock.t += 61_000
    await expect(store.getState().checkForNewIssue()).resolves.toBeNull()
    expect(latestIssueId(store.getState())).toBe('2023-08-22')
    expect(store.getState().issues).toBe(before.issues)
    expect(store.getState().newIssueId).toBeUndefined()
  })
})
