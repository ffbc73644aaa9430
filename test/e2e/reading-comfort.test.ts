import { mkdirSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { BASE_URL, openBrowser, settle, type Session } from './browser'

const SHOTS = path.resolve(__dirname, '../../test-results/screenshots')
mkdirSync(SHOTS, { recursive: true })

let s: Session
beforeAll(async () => { s = await openBrowser() })
afterAll(async () => { await s?.close() })

/** Text whose colour contrast against its (effective) background is under WCAG's 4.5:1 (3:1 for large text). */
function lowContrast(page: Page) {
  return page.evaluate(() => {
    const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number)
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4 }
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    }
    const background = (el: Element | null): number[] => {
      const layers: number[][] = []
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor)
        if (c.length >= 3 && (c[3] ?? 1) > 0) { layers.push(c); if ((c[3] ?? 1) >= 1) break }
      }
      let rgb = [255, 255, 255]
      for (const c of layers.reverse()) { const a = c[3] ?? 1; rgb = rgb.map((v, i) => v * (1 - a) + c[i] * a) }
      return rgb
    }
    const bad: string[] = []
    for (const el of Array.from(document.querySelectorAll('.taro_page:not([style*="display: none"]) *'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim())
      const box = el.getBoundingClientRect()
      if (!own || box.width === 0 || box.height === 0) continue
      const st = getComputedStyle(el)
      const fg = parse(st.color)
      const [l1, l2] = [lum(fg), lum(background(el))].sort((a, b) => b - a)
      const ratio = (l1 + 0.05) / (l2 + 0.05)
      const size = parseFloat(st.fontSize)
      const large = size >= 24 || (size >= 18.66 && Number(st.fontWeight) >= 700)
      if (ratio < (large ? 3 : 4.5)) bad.push(`${(el.textContent ?? '').trim().slice(0, 12)} ${ratio.toFixed(2)} (${el.className})`)
    }
    return bad
  })
}

/** Tappable elements smaller than WeChat's 20 × 20 px minimum. */
function smallTargets(page: Page) {
  return page.evaluate(() => Array.from(document.querySelectorAll('.taro_page:not([style*="display: none"]) [hover-class], .taro_page:not([style*="display: none"]) [role="tab"]'))
    .map((el) => ({ el, box: el.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 0 && (box.width < 20 || box.height < 20))
    .map(({ el, box }) => `${el.className} ${box.width}×${box.height}`))
}

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
const bodyPx = (page: Page) => page.locator('.taro_page:visible .article__paragraph').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))

test('article and issue pages stay readable and intact at every text size, in light and dark', async () => {
  const { page } = s
  const sizes: Record<string, number> = {}
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    for (const [label, step] of [['小', 1], ['标准', 2], ['大', 3], ['长辈模式', 4]] as const) {
      await page.goto(`${BASE_URL}#/pages/article/index?issue=2023-08-22&article=a1`)
      await page.reload()
      const option = page.locator('.taro_page:visible .text-size__option', { hasText: label })
      await option.click()
      await page.locator(`.taro_page:visible .reading.size-${step}`).waitFor()
      await settle(page)
      sizes[`${scheme}-${step}`] = await bodyPx(page)
      expect(await overflow(page)).toBeLessThanOrEqual(0)
      expect(await lowContrast(page)).toEqual([])
      expect(await smallTargets(page)).toEqual([])
      if (step === 1 || step === 4) await page.screenshot({ path: path.join(SHOTS, `article-size${step}-${scheme}.png`), fullPage: true })

      await page.goto(`${BASE_URL}#/pages/issue/index`)
      await page.locator('.taro_page:visible .article-item__title').first().waitFor()
      await settle(page)
      expect(await overflow(page)).toBeLessThanOrEqual(0)
      expect(await lowContrast(page)).toEqual([])
      expect(await smallTargets(page)).toEqual([])
      if (step === 1 || step === 4) await page.screenshot({ path: path.join(SHOTS, `issue-size${step}-${scheme}.png`) })
    }
  }
  // Each step is larger than the one before; the elder step is at least 22 px on a 375 px screen.
  expect(sizes['light-1']).toBeLessThan(sizes['light-2'])
  expect(sizes['light-2']).toBeLessThan(sizes['light-3'])
  expect(sizes['light-3']).toBeLessThan(sizes['light-4'])
  expect(sizes['light-4']).toBeGreaterThanOrEqual(22)
  // Dark mode follows the system setting.
  await page.emulateMedia({ colorScheme: 'dark' })
  const bg = await page.locator('.taro_page:visible .reading').evaluate((el) => getComputedStyle(el).backgroundColor)
  expect(bg).toBe('rgb(18, 18, 18)')
  await page.emulateMedia({ colorScheme: 'light' })
  expect(await page.locator('.taro_page:visible .reading').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(247, 245, 240)')
})

test('a favourite\'s issue stays readable offline, and search finds it', async () => {
  const { page, context } = s
  await page.goto(`${BASE_URL}#/pages/article/index?issue=2023-08-22&article=a9`)
  await page.reload()
  await page.locator('.taro_page:visible').getByText('☆ 收藏').click()
  await page.locator('.taro_page:visible').getByText('★ 已收藏').waitFor()
  await context.setOffline(true)
  await page.goto(`${BASE_URL}#/pages-more/mine/index`)
  await page.reload()
  await page.locator('.taro_page:visible').getByText('我的收藏（1）').waitFor()
  await page.locator('.taro_page:visible .mine__item', { hasText: '筑梦培基 科普先行' }).first().click()
  await page.locator('.taro_page:visible .article__byline', { hasText: '记者 胡碧源' }).waitFor()

  await page.goto(`${BASE_URL}#/pages-more/search/index`)
  await page.reload()
  const input = page.locator('.taro_page:visible input')
  await input.fill('科普夏令营')
  await page.locator('.taro_page:visible').getByText('搜索', { exact: true }).click()
  await page.locator('.taro_page:visible').getByText('找到 1 篇').waitFor()
  expect(await page.locator('.taro_page:visible .search__mark').first().innerText()).toBe('科普夏令营')
  await context.setOffline(false)
})
