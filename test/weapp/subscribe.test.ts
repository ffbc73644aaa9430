/**
 * 订阅新刊提醒 in the compiled mini-program: the reader taps, answers WeChat's dialog, and the app
 * sends the login code to the real notification server (over HTTP, with its SQLite file), which
 * exchanges it with a local stand-in for WeChat's API. The panel shows the reminders the server
 * holds, asked again when the page is shown; publishing then delivers one reminder.
 */
import { bootApp, openPage, pageText, waitUntil } from './harness'
import { notify, startStack, subscribe, waitDone, type Stack } from '../server/support/server-process'

let stack: Stack
beforeAll(async () => {
  // Where scripts/run-tests.mjs pointed the test build's NOTIFY_API_BASE.
  const { notifyPort } = await import('../../scripts/test-build-env.mjs')
  stack = await startStack([{ id: '2023-08-22', number: 763, headline: '以党建引领网格化服务管理' }], { PORT: notifyPort })
}, 30_000)
afterAll(() => stack?.close())

test('tapping 订阅新刊提醒 subscribes through the server; the panel shows the server\'s count; the published issue reaches the reader once', async () => {
  const phone = bootApp()
  const { fake, server } = stack
  phone.issueCode = () => fake.issueCode('weapp-reader')
  const page = openPage('pages/issue/index')
  await waitUntil(() => pageText(page).includes('新一期出版时，微信会通知您'))

  page.root.querySelector('.subscribe__button')?.dispatchEvent('tap')
  await waitUntil(() => pageText(page).includes('已订阅：下一期出版时，微信会通知您一次。'), 10_000)
  expect(phone.subscription.asked).toBe(1)
  expect(phone.subscription.templateIds).toEqual([fake.templateId])
  expect(page.root.querySelector('.subscribe__button')?.dom.textContent).toBe('再订阅一期提醒')

  // The same reader also accepts on another phone: the server now holds two reminders for them, and
  // this phone shows so when the page is shown again.
  expect((await subscribe(server, fake, 'weapp-reader')).json.credits).toBe(2)
  const asked = phone.requests.filter((u) => u.endsWith('/api/reminders')).length
  page.instance.onShow()
  await waitUntil(() => pageText(page).includes('已订阅：接下来 2 期出版时，微信会通知您。'), 10_000)
  expect(phone.requests.filter((u) => u.endsWith('/api/reminders')).length).toBeGreaterThan(asked)

  stack.publish([{ id: '2023-08-25', number: 764, headline: '新一期头条' }, { id: '2023-08-22', number: 763, headline: '以党建引领网格化服务管理' }])
  expect((await notify(server, '2023-08-25')).status).toBe(202)
  await waitDone(server, '2023-08-25')
  const sent = fake.delivered('weapp-reader')
  expect(sent.length).toBe(1)
  expect(sent[0].body.page).toBe('pages/issue/index?id=2023-08-25')
  page.instance.onShow()
  await waitUntil(() => pageText(page).includes('已订阅：下一期出版时，微信会通知您一次。'), 10_000)
}, 45_000)
