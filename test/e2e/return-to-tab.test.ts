import { BASE_URL, openBrowser, type Session } from './browser'

let s: Session
beforeEach(async () => { s = await openBrowser() })
afterEach(async () => { await s?.close() })

/** The browser hides and shows the tab, as when the reader switches to another tab and back. */
async function switchAwayAndBack(page: Session['page']): Promise<void> {
  await page.evaluate(() => {
    const setState = (state: 'hidden' | 'visible') => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state })
      document.dispatchEvent(new Event('visibilitychange'))
    }
    setState('hidden')
    setState('visible')
  })
}

test('an H5 tab made visible again checks the index, at most once a minute', async () => {
  const { page } = s
  const start = new Date('2026-12-02T08:00:00+08:00')
  // Only the clock is fixed (timers keep running), so the test can move it on a minute.
  await page.clock.setFixedTime(start)
  const fetches: string[] = []
  page.on('request', (r) => { if (r.url().endsWith('/feed/index.json')) fetches.push(r.url()) })
  await page.goto(BASE_URL)
  await page.getByText('总第763期').waitFor()
  await page.waitForTimeout(300)
  const atOpen = fetches.length
  expect(atOpen).toBeGreaterThanOrEqual(1)

  await page.clock.setFixedTime(new Date(start.getTime() + 20_000))
  await switchAwayAndBack(page)
  await page.waitForTimeout(500)
  expect(fetches.length).toBe(atOpen)

  await page.clock.setFixedTime(new Date(start.getTime() + 5 * 60_000))
  await switchAwayAndBack(page)
  for (let waited = 0; fetches.length === atOpen && waited < 5000; waited += 100) await page.waitForTimeout(100)
  await page.waitForTimeout(300)
  expect(fetches.length).toBe(atOpen + 1)
})
