/**
 * The app's subscribe flow end to end on this machine: the client store (as the mini-program runs
 * it) posts to the real notification server over HTTP, which exchanges the code with a local
 * stand-in for WeChat's API; publishing then delivers exactly one reminder, after which the client
 * offers to subscribe again.
 */
import { createSubscribeStore, subscriptionView } from '@/features/subscribe/subscribe-store'
import { statusText } from '@/core/subscription'
import { nodeHttpPostJson } from '../support/node-http-get'
import { createMemoryStorage } from '../support/memory-storage'
import { phoneSubscriptions } from '../support/phone-subscriptions'
import type { FakeWechat } from './support/fake-wechat'
import { notify, startStack, waitDone, type ServerProcess, type Stack } from './support/server-process'

let stack: Stack
let fake: FakeWechat
let server: ServerProcess

beforeAll(async () => {
  stack = await startStack([{ id: '2023-08-22', number: 763, headline: '以党建引领网格化服务管理' }])
  ;({ fake, server } = stack)
})
afterAll(() => stack?.close())

function newClient(openid: string, storage = createMemoryStorage()) {
  const { phone, port } = phoneSubscriptions(() => fake.issueCode(openid))
  const store = createSubscribeStore({ port, post: nodeHttpPostJson, apiBase: `${server.url.replace(/\/?$/, '/')}`, templateId: fake.templateId, storage })
  return { phone, store, storage }
}

test('accepting subscribes; the reminder arrives once; then the button asks again', async () => {
  const { store, storage } = newClient('reader-accept')
  await store.getState().subscribe('2023-08-22')
  expect(store.getState().problem).toBeUndefined()
  expect(subscriptionView(store.getState(), ['2023-08-22'])).toEqual({ status: 'subscribed', credits: 1 })
  expect(statusText('subscribed', 1)).toBe('已订阅：下一期出版时，微信会通知您一次。')

  // The newsroom publishes issue 764 and notifies.
  stack.publish([{ id: '2023-08-25', number: 764, headline: '新一期头条' }, { id: '2023-08-22', number: 763, headline: '以党建引领网格化服务管理' }])
  expect((await notify(server, '2023-08-25')).status).toBe(202)
  await waitDone(server, '2023-08-25')
  expect(fake.delivered('reader-accept').length).toBe(1)

  // Relaunched after the new issue appeared in the index: the reminder is used, the button asks again.
  const again = createSubscribeStore({ port: phoneSubscriptions(() => fake.issueCode('reader-accept')).port, post: nodeHttpPostJson, apiBase: server.url.replace(/\/?$/, '/'), templateId: fake.templateId, storage })
  expect(subscriptionView(again.getState(), ['2023-08-25', '2023-08-22'])).toEqual({ status: 'idle', credits: 0 })
})

test('two accepted dialogs hold two reminders', async () => {
  const { store } = newClient('reader-twice')
  await store.getState().subscribe('2023-08-25')
  await store.getState().subscribe('2023-08-25')
  expect(subscriptionView(store.getState(), ['2023-08-25'])).toEqual({ status: 'subscribed', credits: 2 })
  expect(subscriptionView(store.getState(), ['2023-08-29', '2023-08-25'])).toEqual({ status: 'subscribed', credits: 1 })
})

test.each([
  ['reject', 'declined'],
  ['ban', 'unavailable'],
  ['filter', 'unavailable']
] as const)('a dialog answered %s is recorded by the server and explained', async (answer, status) => {
  const { store, phone } = newClient(`reader-${answer}`)
  phone.answer = answer
  await store.getState().subscribe('2023-08-25')
  expect(store.getState().problem).toBeUndefined()
  expect(subscriptionView(store.getState(), ['2023-08-25'])).toEqual({ status, credits: 0 })
})

test('"always refuse" and the main switch off send the reader to settings', async () => {
  const always = newClient('reader-always-no')
  always.phone.always = 'reject'
  await always.store.getState().subscribe('2023-08-25')
  expect(subscriptionView(always.store.getState(), []).status).toBe('off')

  const off = newClient('reader-off')
  off.phone.mainSwitch = false
  await off.store.getState().subscribe('2023-08-25')
  expect(subscriptionView(off.store.getState(), []).status).toBe('off')
  off.store.getState().openSettings()
  expect(off.phone.settingsOpened).toBe(1)
})

test('a code WeChat refuses, or a dead server, is a problem to retry, not a subscription', async () => {
  const { phone, port } = phoneSubscriptions(() => 'not-a-real-code')
  const store = createSubscribeStore({ port, post: nodeHttpPostJson, apiBase: server.url.replace(/\/?$/, '/'), templateId: fake.templateId, storage: createMemoryStorage() })
  await store.getState().subscribe('2023-08-25')
  expect(phone.asked).toBe(1)
  expect(store.getState().problem).toBe('订阅没有成功，请稍后再试。')
  expect(subscriptionView(store.getState(), ['2023-08-25']).status).toBe('idle')

  const dead = createSubscribeStore({ port: phoneSubscriptions(() => fake.issueCode('reader-dead')).port, post: nodeHttpPostJson, apiBase: 'http://127.0.0.1:9/', templateId: fake.templateId, storage: createMemoryStorage() })
  await dead.getState().subscribe('2023-08-25')
  expect(dead.getState().problem).toBe('网络不好，订阅没有送达，请稍后再试。')
  expect(dead.getState().busy).toBe(false)
})

test('the state survives a relaunch; a build without WeChat or a template cannot subscribe', async () => {
  const { store, storage } = newClient('reader-persist')
  await store.getState().subscribe('2023-08-25')
  const relaunched = newClient('reader-persist', storage).store
  expect(subscriptionView(relaunched.getState(), ['2023-08-25'])).toEqual({ status: 'subscribed', credits: 1 })

  const h5 = createSubscribeStore({ port: { ...phoneSubscriptions(() => 'x').port, supported: false }, post: nodeHttpPostJson, apiBase: 'http://127.0.0.1:9/', templateId: 't', storage })
  expect(subscriptionView(h5.getState(), []).status).toBe('unsupported')
  await h5.getState().subscribe(undefined)
  expect(h5.getState().busy).toBe(false)
  const unconfigured = createSubscribeStore({ port: phoneSubscriptions(() => 'x').port, post: nodeHttpPostJson, apiBase: 'http://127.0.0.1:9/', templateId: '', storage: createMemoryStorage() })
  expect(subscriptionView(unconfigured.getState(), []).status).toBe('unconfigured')
})
