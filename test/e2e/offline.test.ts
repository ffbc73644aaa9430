import { BASE_URL, openBrowser, settle, type Session } from './browser'
import { SAMPLE_LEAD, SAMPLE_PHOTO } from '../fixtures/sample-issue'

let s: Session
beforeAll(async () => { s = await openBrowser() })
afterAll(async () => { await s?.close() })

test('an issue read online stays readable after going offline and reloading, photos included', async () => {
  const { page, context } = s
  await page.goto(BASE_URL)
  await page.getByText('总第763期').waitFor()
  // Wait until the service worker controls the page, so the app shell is cached.
  await page.evaluate(async () => { await navigator.serviceWorker.ready })
  await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  // Every script and stylesheet of this release is cached, pages not yet visited included, and nothing else.
  const { cached, listed } = await page.evaluate(async () => {
    const manifest = await (await fetch('./precache.json')).json() as { files: string[] }
    const keys = await (await caches.open('gxqb-shell-v1')).keys()
    return { cached: keys.map((k) => new URL(k.url).pathname.slice(1)).filter((p) => /\.(js|css)$/.test(p)).sort(), listed: manifest.files.sort() }
  })
  expect(cached).toEqual(listed)
  await page.getByText('总第763期').waitFor()
  await page.getByText(SAMPLE_PHOTO.title).click()
  await page.locator('.taro_page:visible .figure__credit').waitFor()
  await page.waitForFunction(() => {
    const img = document.querySelector('.taro_page:not([style*="display: none"]) .figure__image img') as HTMLImageElement | null
    return !!img && img.complete && img.naturalWidth > 0
  })

  await context.setOffline(true)
  await page.goto(`${BASE_URL}#/pages/issue/index`)
  await page.reload()
  await page.getByText('总第763期').waitFor()
  await page.getByRole('status').filter({ hasText: '网络未连接' }).waitFor()

  await page.getByText(SAMPLE_LEAD.title).click()
  await settle(page)
  const article = page.locator('.taro_page:visible .article')
  await article.locator('.article__byline').waitFor()
  expect(await article.locator('.article__byline').innerText()).toBe(SAMPLE_LEAD.credits)

  await page.goto(`${BASE_URL}#/pages/article/index?issue=2023-08-22&article=${SAMPLE_PHOTO.id}`)
  await page.reload()
  await page.locator('.taro_page:visible .figure__credit').waitFor()
  const width = await page.locator('.taro_page:visible .figure__image img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0 ? el.naturalWidth : new Promise<number>((resolve) => { el.onload = () => resolve(el.naturalWidth); el.onerror = () => resolve(0) }))
  expect(width).toBeGreaterThan(0)
  await context.setOffline(false)
})
