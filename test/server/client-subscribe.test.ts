/**
 * The app's subscribe flow end to end on this machine: the client store (as the mini-program runs
 * it) posts to the real notification server over HTTP, which exchanges the code with a local
 * stand-in for WeChat's API; publishing then delivers exactly one reminder. What the reader is shown
 * is the count the server holds, read with the token it handed out, never an estimate.
 */
import { createSubscribeStore, subscriptionView, SUBSCRIBE_KEY } from '@/features/subscribe/subscribe-store'
import { statusText } from '@/core/subscription'
import { nodeHttpPostJson } from '../support/node-http-get'
import { createMemoryStorage } from '../support/memory-storage'
import { phoneSubscriptions } from '../support/phone-subscriptions'
import type { FakeWechat } from './support/fake-wechat'
import { notify, startStack, waitDone, type ServerProcess, type Stack, type TestIssue } from './support/server-process'

const I763: TestIssue = { id: '2023-08-22', number: 763, headline: '以党建引领网格化服务管理' }
const I764: TestIssue = { id: '2023-08-25', number: 764, headline: '新一期头条' }
const I765: TestIssue = { id: '2023-08-29', number: 765, headline: '再一期头条' }

let stack: Stack
let fake: FakeWechat
let server: ServerProcess

beforeAll(async () => {
  stack = await startStack([I763])
  ;({ fake, server } = stack)
})
afterAll(() => stack?.close())

const apiBase = () => server.url.replace(/\/?$/, '/')

function newClient(openid: string, storage = createMemoryStorage()) {
  const { phone, port } = phoneSubscriptions(() => fake.issueCode(openid))
  const store = createSubscribeStore({ port, post: nodeHttpPostJson, apiBase: apiBase(), templateId: fake.templateId, storage })
  return { phone, store, storage }
}

test('accepting subscribes; the reminder arrives once; then, asked again, the server says it is used and the button asks again', async () => {
  const { store, storage } = newClient('reader-accept')
  await store.getState().subscribe()
  expect(store.getState().problem).toBeUndefined()
  expect(subscriptionView(store.getState())).toEqual({ status: 'subscribed', credits: 1 })
  expect(statusText('subscribed', 1)).toBe('已订阅：下一期出版时，微信会通知您一次。')

  // The newsroom publishes issue 764 and notifies.
  stack.publish([I764, I763])
  expect((await notify(server, I764.id)).status).toBe(202)
  await waitDone(server, I764.id)
  expect(fake.delivered('reader-accept').length).toBe(1)

  // Relaunched: the remembered count is shown until the server has answered, then the server's.
  const again = newClient('reader-accept', storage).store
  expect(subscriptionView(again.getState())).toEqual({ status: 'subscribed', credits: 1 })
  await again.getState().refresh()
  expect(subscriptionView(again.getState())).toEqual({ status: 'idle', credits: 0 })
})

test('the count is the server\'s, not an estimate from the index: a reminder outlives issues not yet notified, and one granted with an issue in hand waits for the next', async () => {
  const early = newClient('reader-early')
  await early.store.getState().subscribe()
  await early.store.getState().subscribe()
  expect(subscriptionView(early.store.getState())).toEqual({ status: 'subscribed', credits: 2 })

  // 765 is out but not notified yet: counting issues since the grant would say one reminder is used.
  stack.publish([I765, I764, I763])
  const late = newClient('reader-late')
  await late.store.getState().subscribe()
  await early.store.getState().refresh()
  expect(subscriptionView(early.store.getState())).toEqual({ status: 'subscribed', credits: 2 })

  // 765 is notified: the early reader's first reminder goes; the late reader subscribed with 765 in
  // hand, so theirs is kept for the next issue.
  await notify(server, I765.id)
  await waitDone(server, I765.id)
  await early.store.getState().refresh()
  await late.store.getState().refresh()
  expect(subscriptionView(early.store.getState())).toEqual({ status: 'subscribed', credits: 1 })
  expect(subscriptionView(late.store.getState())).toEqual({ status: 'subscribed', credits: 1 })
  expect(fake.delivered('reader-late')).toHaveLength(0)
})

test('a token the server does not know clears the count; an unreachable server leaves the last one', async () => {
  const storage = createMemoryStorage()
  storage.set(SUBSCRIBE_KEY, JSON.stringify({ state: { record: { credits: 3, readerToken: 'A'.repeat(43) }, last: 'subscribed' }, version: 2 }))
  const { store } = newClient('reader-unknown', storage)
  expect(subscriptionView(store.getState())).toEqual({ status: 'subscribed', credits: 3 })
  await store.getState().refresh()
  expect(subscriptionView(store.getState())).toEqual({ status: 'idle', credits: 0 })
  expect(store.getState().record.readerToken).toBeUndefined()

  const offline = createMemoryStorage()
  offline.set(SUBSCRIBE_KEY, JSON.stringify({ state: { record: { credits: 2, readerToken: 'B'.repeat(43) }, last: 'subscribed' }, version: 2 }))
  const dead = createSubscribeStore({ port: phoneSubscriptions(() => 'x').port, post: nodeHttpPostJson, apiBase: 'http://127.0.0.1:9/', templateId: fake.templateId, storage: offline })
  await dead.getState().refresh()
  expect(subscriptionView(dead.getState())).toEqual({ status: 'subscribed', credits: 2 })
  expect(dead.getState().problem).toBeUndefined()
})

test('a count remembered by the previous version (an estimate, without a token) is not shown', () => {
  const storage = createMemoryStorage()
  storage.set(SUBSCRIBE_KEY, JSON.stringify({ state: { record: { credits: 2, latestAtGrant: '2023-08-22', always: 'accept' }, last: 'subscribed' }, version: 1 }))
  const { store } = newClient('reader-v1', storage)
  expect(subscriptionView(store.getState())).toEqual({ status: 'idle', credits: 0 })
  expect(store.getState().record.always).toBe('accept')
})

test.each([
  ['reject', 'declined'],
  ['ban', 'unavailable'],
  ['filter', 'unavailable']
] as const)('a dialog answered %s is recorded by the server and explained', async (answer, status) => {
  const { store, phone } = newClient(`reader-${answer}`)
  phone.answer = answer
  await store.getState().subscribe()
  expect(store.getState().problem).toBeUndefined()
  expect(subscriptionView(store.getState())).toEqual({ status, credits: 0 })
  await store.getState().refresh()
  expect(subscriptionView(store.getState())).toEqual({ status, credits: 0 })
})

test('"always refuse" and the main switch off send the reader to settings', async () => {
  const always = newClient('reader-always-no')
  always.phone.always = 'reject'
  await always.store.getState().subscribe()
  expect(subscriptionView(always.store.getState()).status).toBe('off')

  const off = newClient('reader-off')
  off.phone.mainSwitch = false
  await off.store.getState().subscribe()
  expect(subscriptionView(off.store.getState()).status).toBe('off')
  off.store.getState().openSettings()
  expect(off.phone.settingsOpened).toBe(1)
})

test('a code WeChat refuses, or a dead server, is a problem to retry, not a subscription', async () => {
  const { phone, port } = phoneSubscriptions(() => 'not-a-real-code')
  const store = createSubscribeStore({ port, post: nodeHttpPostJson, apiBase: apiBase(), templateId: fake.templateId, storage: createMemoryStorage() })
  await store.getState().subscribe()
  expect(phone.asked).toBe(1)
  expect(store.getState().problem).toBe('订阅没有成功，请稍后再试。')
  expect(subscriptionView(store.getState()).status).toBe('idle')

  const dead = createSubscribeStore({ port: phoneSubscriptions(() => fake.issueCode('reader-dead')).port, post: nodeHttpPostJson, apiBase: 'http://127.0.0.1:9/', templateId: fake.templateId, storage: createMemoryStorage() })
  await dead.getState().subscribe()
  expect(dead.getState().problem).toBe('网络不好，订阅没有送达，请稍后再试。')
  expect(dead.getState().busy).toBe(false)
})

test('the state survives a relaunch; a build without WeChat or a template cannot subscribe', async () => {
  const { store, storage } = newClient('reader-persist')
  await store.getState().subscribe()
  const relaunched = newClient('reader-persist', storage).store
  expect(subscriptionView(relaunched.getState())).toEqual({ status: 'subscribed', credits: 1 })
  await relaunched.getState().refresh()
  expect(subscriptionView(relaunched.getState())).toEqual({ status: 'subscribed', credits: 1 })

  const h5 = createSubscribeStore({ port: { ...phoneSubscriptions(() => 'x').port, supported: false }, post: nodeHttpPostJson, apiBase: 'http://127.0.0.1:9/', templateId: 't', storage })
  expect(subscriptionView(h5.getState()).status).toBe('unsupported')
  await h5.getState().subscribe()
  expect(h5.getState().busy).toBe(false)
  const unconfigured = createSubscribeStore({ port: phoneSubscriptions(() => 'x').port, post: nodeHttpPostJson, apiBase: 'http://127.0.0.1:9/', templateId: '', storage: createMemoryStorage() })
  expect(subscriptionView(unconfigured.getState()).status).toBe('unconfigured')
})
