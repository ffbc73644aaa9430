import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { BASE_URL, openBrowser, settle, type Session } from './browser'
import { SAMPLE_ISSUE_ID, SAMPLE_PAGES } from '../fixtures/sample-issue'

const SHOTS = path.resolve(__dirname, '../../test-results/screenshots')
mkdirSync(SHOTS, { recursive: true })

let s: Session
beforeAll(async () => { s = await openBrowser() })
afterAll(async () => { await s?.close() })

const visible = (page: Page) => page.locator('.taro_page:visible')

/**
 * The page image on screen once loaded, as its pixel width and a fingerprint of its pixels: the app
 * shows the kept copy (an object URL), so which file it is is told by what it shows.
 */
async function shownImage(page: Page, selector = '.page-view__image img'): Promise<{ width: number, print: string }> {
  const handle = await page.waitForFunction((sel) => {
    const img = document.querySelector(`.taro_page:not([style*="display: none"]) ${sel}`) as HTMLImageElement | null
    if (!img || !img.complete || img.naturalWidth === 0) return undefined
    const c = document.createElement('canvas')
    c.width = 8
    c.height = 8
    const g = c.getContext('2d') as CanvasRenderingContext2D
    g.drawImage(img, 0, 0, 8, 8)
    return { width: img.naturalWidth, print: Array.from(g.getImageData(0, 0, 8, 8).data).join(',') }
  }, selector)
  return (await handle.jsonValue()) as { width: number, print: string }
}

/** Clicks the middle of what is visible of a zone (it may run past the screen when zoomed). */
async function tapMiddle(page: Page, zone: Locator) {
  const box = await zone.boundingBox()
  const area = await visible(page).locator('.page-view__area').boundingBox()
  if (!box || !area) throw new Error('zone or page not on screen')
  const view = page.viewportSize() ?? { width: 375, height: 667 }
  const left = Math.max(box.x, area.x, 0)
  const right = Math.min(box.x + box.width, area.x + area.width, view.width)
  const top = Math.max(box.y, area.y, 0)
  const bottom = Math.min(box.y + box.height, area.y + area.height, view.height)
  await page.mouse.click((left + right) / 2, (top + bottom) / 2)
}

test('版面 shows the printed page; a tap in the middle of a zone opens its article; the second 版 shows its own image; zoom keeps taps right', async () => {
  const { page } = s
  const images: { url: string, bytes: number }[] = []
  page.on('response', (r) => {
    if (r.url().includes('/feed/images/')) void r.body().then((b) => images.push({ url: r.url(), bytes: b.length }), () => undefined)
  })
  await page.goto(`${BASE_URL}#/pages/issue/index`)
  await visible(page).getByRole('tab', { name: '版面' }).click()
  const first = await shownImage(page)
  expect(first.width).toBe(750)
  // Every article of the 版 is a zone labelled with its title.
  const zones = visible(page).locator('.page-view__zone')
  expect(await zones.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(SAMPLE_PAGES[0].titles)
  // The page fills the screen width.
  const area = await visible(page).locator('.page-view__area').boundingBox()
  expect(area?.width).toBe(page.viewportSize()?.width)
  // One image of at most 250 KB shows the page at phone size.
  await page.waitForTimeout(300)
  const shown = images.filter((i) => !i.url.includes('/a5-'))
  expect(shown.map((i) => i.url.replace(/^.*\//, ''))).toEqual([expect.stringMatching(/^page-p1-thumb-/)])
  expect(shown[0].bytes).toBeLessThanOrEqual(250 * 1024)
  await settle(page)
  await page.screenshot({ path: path.join(SHOTS, 'page-view-light.png') })

  await tapMiddle(page, visible(page).getByRole('link', { name: SAMPLE_PAGES[0].titles[1], exact: true }))
  // The zone lights up before the article opens.
  await expect(visible(page).locator('.page-view__zone--lit').getAttribute('aria-label')).resolves.toBe(SAMPLE_PAGES[0].titles[1])
  await page.waitForURL(/article=a2/)
  await expect(visible(page).locator('.article__title').textContent()).resolves.toContain(SAMPLE_PAGES[0].titles[1])

  // A fresh start on the issue page (going back straight after a push races Taro's H5 router; see
  // docs/footguns.md): the choice of 版面 is remembered, and the second 版 shows its own image.
  await page.goto(`${BASE_URL}#/pages/issue/index`)
  await page.reload()
  await visible(page).locator('.page-view__zone').first().waitFor()
  await settle(page)
  await visible(page).getByRole('tab', { name: SAMPLE_PAGES[1].name }).click()
  await page.waitForFunction(() => document.querySelectorAll('.taro_page:not([style*="display: none"]) .page-view__zone').length === 4)
  const second = await shownImage(page)
  expect(second.width).toBe(750)
  expect(second.print).not.toBe(first.print)
  expect(images.map((i) => i.url.replace(/^.*\//, ''))).toContainEqual(expect.stringMatching(/^page-p2-thumb-/))

  // A double tap between articles zooms in (2.5×) and the large image is fetched for the sharper view.
  const sheet = await visible(page).locator('.page-view__area').boundingBox()
  if (!sheet) throw new Error('no page')
  await page.mouse.click(sheet.x + 8, sheet.y + 8)
  await page.mouse.click(sheet.x + 8, sheet.y + 8)
  await page.waitForFunction(() => /scale\(2\.5\)|matrix\(2\.5/.test(getComputedStyle(document.querySelector('.taro_page:not([style*="display: none"]) .page-view__page') as Element).transform) || /scale\(2\.5/.test((document.querySelector('.taro_page:not([style*="display: none"]) .page-view__page') as HTMLElement).style.transform))
  expect((await shownImage(page, '.page-view__image--loaded img')).width).toBe(1500)
  expect(images.map((i) => i.url.replace(/^.*\//, ''))).toContainEqual(expect.stringMatching(/^page-p2-[0-9a-f]+\.jpg$/))
  // Zoomed, a tap in the middle of what shows of a zone (the one most on screen) still opens that article.
  const zoneBoxes = await visible(page).locator('.page-view__zone').evaluateAll((els) => els.map((e) => ({ label: e.getAttribute('aria-label') ?? '', r: e.getBoundingClientRect().toJSON() as DOMRect })))
  const frame = await visible(page).locator('.page-view__area').boundingBox()
  const view = page.viewportSize() ?? { width: 375, height: 667 }
  if (!frame) throw new Error('no page')
  const onScreen = zoneBoxes.map(({ label, r }) => {
    const left = Math.max(r.x, frame.x, 0)
    const right = Math.min(r.x + r.width, frame.x + frame.width, view.width)
    const top = Math.max(r.y, frame.y, 0)
    const bottom = Math.min(r.y + r.height, frame.y + frame.height, view.height)
    return { label, width: r.width, x: (left + right) / 2, y: (top + bottom) / 2, area: Math.max(0, right - left) * Math.max(0, bottom - top) }
  }).sort((p, q) => q.area - p.area)
  const target = onScreen[0]
  expect(target.area).toBeGreaterThan(1000)
  // The zone is drawn at 2.5× its fitted size.
  expect(target.width).toBeGreaterThan((area?.width ?? 0) * 0.4)
  const id = ['a6', 'a7', 'a8', 'a9'][SAMPLE_PAGES[1].titles.indexOf(target.label)]
  await page.mouse.click(target.x, target.y)
  await page.waitForURL(new RegExp(`article=${id}`))
  await expect(visible(page).locator('.article__title').textContent()).resolves.toContain(target.label)
  expect(page.url()).toContain(`issue=${SAMPLE_ISSUE_ID}`)
})

test('a link to a 版 opens it cold with the article lit, and the page stays as printed in dark mode', async () => {
  const { page } = s
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto(`${BASE_URL}#/pages/issue/index?id=${SAMPLE_ISSUE_ID}&page=p2&view=page&zone=a7`)
  await page.reload()
  expect((await shownImage(page)).width).toBe(750)
  const lit = visible(page).locator('.page-view__zone--lit')
  await expect(lit.getAttribute('aria-label')).resolves.toBe(SAMPLE_PAGES[1].titles[1])
  // Dimmed at most: no inversion, brightness no lower than 80%.
  const filter = await visible(page).locator('.page-view__image').first().evaluate((el) => getComputedStyle(el).filter)
  expect(filter).toMatch(/^brightness\(0\.(8|9)\d*\)$/)
  // The highlight's border stays clearly visible against the dark page.
  expect(await lit.evaluate((el) => getComputedStyle(el).borderTopWidth)).not.toBe('0px')
  await settle(page)
  await page.screenshot({ path: path.join(SHOTS, 'page-view-dark.png') })
  await page.emulateMedia({ colorScheme: 'light' })
})

test('page images of an issue read online show offline after a reload, kept once, in their own cache', async () => {
  const { page, context } = s
  await page.goto(`${BASE_URL}#/pages/issue/index?id=${SAMPLE_ISSUE_ID}&page=p1&view=page`)
  await page.evaluate(async () => { await navigator.serviceWorker.ready })
  await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  expect((await shownImage(page)).width).toBe(750)
  const kept = await page.evaluate(async () => {
    const names = async (name: string) => (await (await caches.open(name)).keys()).map((k) => new URL(k.url).pathname.replace(/^.*\//, '')).sort()
    return { pages: await names('gxqb-pages-v1'), images: await names('gxqb-images-v1') }
  })
  // The thumbs of both 版 and the large image of the zoomed one; none kept a second time by the worker.
  expect(kept.pages).toEqual([expect.stringMatching(/^page-p1-thumb-/), expect.stringMatching(/^page-p2-[0-9a-f]+\.jpg$/), expect.stringMatching(/^page-p2-thumb-/)])
  expect(kept.images.filter((n) => /^page-p\d/.test(n))).toEqual([])

  await context.setOffline(true)
  try {
    await page.goto(`${BASE_URL}#/pages/issue/index?id=${SAMPLE_ISSUE_ID}&page=p2&view=page`)
    await page.reload()
    await page.getByRole('status').filter({ hasText: '网络未连接' }).waitFor()
    expect((await shownImage(page)).width).toBe(750)
    expect(await visible(page).locator('.page-view__zone').count()).toBe(SAMPLE_PAGES[1].titles.length)
  } finally {
    await context.setOffline(false)
  }
})
