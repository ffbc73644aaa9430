import { bootApp, openPage, pageText, waitUntil } from './harness'

const indexFetches = (requests: string[]) => requests.filter((u) => u.endsWith('/feed/index.json')).length

test('back from the background after a minute the compiled app checks the index again; sooner it does not', async () => {
  // Only the clock is faked (timers stay real, so the app and simulate run as usual).
  jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback'] })
  jest.setSystemTime(new Date('2026-12-02T08:00:00+08:00'))
  const phone = bootApp()
  const page = openPage('pages/issue/index')
  await waitUntil(() => pageText(page).includes('总第763期'))
  await new Promise((r) => setTimeout(r, 100))
  const atLaunch = indexFetches(phone.requests)
  expect(atLaunch).toBe(1)

  // A quick look at another app: no new request.
  jest.setSystemTime(new Date('2026-12-02T08:00:20+08:00'))
  phone.hideApp()
  phone.showApp()
  await new Promise((r) => setTimeout(r, 200))
  expect(indexFetches(phone.requests)).toBe(1)

  // Back after lunch: the index is asked for again.
  jest.setSystemTime(new Date('2026-12-02T13:00:00+08:00'))
  phone.hideApp()
  phone.showApp()
  await waitUntil(() => indexFetches(phone.requests) === 2)
  await new Promise((r) => setTimeout(r, 200))
  expect(indexFetches(phone.requests)).toBe(2)
  // Shown again without having been hidden (WeChat also shows at launch): nothing.
  jest.setSystemTime(new Date('2026-12-02T14:00:00+08:00'))
  phone.showApp()
  await new Promise((r) => setTimeout(r, 200))
  expect(indexFetches(phone.requests)).toBe(2)
  expect(pageText(page)).toContain('总第763期')
  jest.useRealTimers()
})
