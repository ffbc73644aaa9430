/**
 * 订阅新刊提醒 in the compiled mini-program: the reader taps, answers WeChat's dialog, and the app
 * sends the login code to the real notification server (over HTTP, with its SQLite file), which
 * exchanges it with a local stand-in for WeChat's API. Publishing then delivers one reminder.
 */
import { bootApp, openPage, pageText, waitUntil } from './harness'
import { notify, startStack, waitDone, type Stack } from '../server/support/server-process'

// Where scripts/run-tests.mjs pointed the test build's NOTIFY_API_BASE.
const NOTIFY_PORT = '18733'

let stack: Stack
beforeAll(async () => {
  stack = await startStack([{ id: '2023-08-22', number: 763, headline: '以党建引领网格化服务管理' }], { PORT: NOTIFY_PORT })
}, 30_000)
afterAll(() => stack?.close())

test('tapping 订阅新刊提醒 subscribes through the server, and the published issue reaches the reader once', async () => {
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

  stack.publish([{ id: '2023-08-25', number: 764, headline: '新一期头条' }, { id: '2023-08-22', number: 763, headline: '以党建引领网格化服务管理' }])
  expect((await notify(server, '2023-08-25')).status).toBe(202)
  await waitDone(server, '2023-08-25')
  const sent = fake.delivered('weapp-reader')
  expect(sent.length).toBe(1)
  expect(sent[0].body.page).toBe('pages/issue/index?id=2023-08-25')
})
