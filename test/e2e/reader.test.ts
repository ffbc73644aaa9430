import { BASE_URL, openBrowser, settle, type Session } from './browser'
import { SAMPLE_LEAD, SAMPLE_PAGES, SAMPLE_PHOTO } from '../fixtures/sample-issue'

let s: Session
const pageErrors: string[] = []
beforeAll(async () => {
  s = await openBrowser()
  s.page.on('pageerror', (e) => pageErrors.push(e.message))
})
afterAll(async () => { await s?.close() })
afterEach(() => expect(pageErrors).toEqual([]))

async function visibleTitles(): Promise<string[]> {
  const titles = s.page.locator('.taro_page:visible .article-item__title')
  try {
    await titles.first().waitFor({ timeout: 15_000 })
  } catch (e) {
    // Say what the router was showing, so a failure here can be diagnosed from the log alone.
    const pages = await s.page.evaluate(() => Array.from(document.querySelectorAll('.taro_page')).map((p) => `${p.id} ${p.className} ${getComputedStyle(p).display}`))
    throw new Error(`no article list visible at ${s.page.url()}; pages: ${JSON.stringify(pages)}; ${(e as Error).message}`)
  }
  return titles.allInnerTexts()
}

test('a reader opens the latest issue, switches page, reads an article with its credits and goes back', async () => {
  const { page } = s
  await page.goto(BASE_URL)
  await page.getByText('总第763期').waitFor()
  await page.getByText('2023年8月22日 星期二 农历癸卯年七月初七').waitFor()
  expect(await visibleTitles()).toEqual(SAMPLE_PAGES[0].titles)

  await page.getByRole('tab', { name: SAMPLE_PAGES[1].name }).click()
  await page.getByText(SAMPLE_PAGES[1].titles[0]).waitFor()
  expect(await visibleTitles()).toEqual(SAMPLE_PAGES[1].titles)

  await page.getByRole('tab', { name: SAMPLE_PAGES[0].name }).click()
  await page.getByText(SAMPLE_LEAD.title).click()
  await page.waitForURL(/#\/pages\/article\/index\?issue=2023-08-22&article=a1/)
  await settle(page)
  const article = page.locator('.taro_page:visible .article')
  await article.locator('.article__byline').waitFor()
  expect(await article.locator('.article__byline').innerText()).toBe(SAMPLE_LEAD.credits)
  expect(await article.locator('.article__dateline').innerText()).toBe(SAMPLE_LEAD.dateline)
  expect((await article.locator('.article__paragraph').first().innerText()).startsWith(SAMPLE_LEAD.firstWords)).toBe(true)

  // Taro's H5 router ignores a back that arrives while it is still finishing the push (the page is on
  // screen before the router records it as current): wait until both pages are stacked and still.
  await page.waitForFunction(() => document.querySelectorAll('.taro_page').length === 2 && document.querySelectorAll('.taro_page.taro_page_show').length === 2)
  await settle(page)
  await page.goBack()
  await page.waitForURL((url) => !url.hash.includes('article'))
  await settle(page)
  expect(await visibleTitles()).toEqual(SAMPLE_PAGES[0].titles)
})

test('every one of the nine items can be read in full, in order, with next', async () => {
  const { page } = s
  await page.goto(`${BASE_URL}#/pages/article/index?issue=2023-08-22&article=a1`)
  const all = SAMPLE_PAGES.flatMap((p) => p.titles)
  for (const [i, title] of all.entries()) {
    const current = page.locator('.taro_page:visible .article')
    await current.locator('.article__title', { hasText: title }).waitFor()
    await settle(page)
    expect(await page.locator('.taro_page:visible .article-screen__position').innerText()).toBe(`${i + 1} / ${all.length}`)
    const body = await current.innerText()
    if (title === SAMPLE_PHOTO.title) {
      expect(body).toContain(SAMPLE_PHOTO.credit)
      const img = page.locator('.taro_page:visible .figure__image img')
      const width = await img.evaluate((el: HTMLImageElement) => el.complete ? el.naturalWidth : new Promise<number>((resolve) => { el.onload = () => resolve(el.naturalWidth); el.onerror = () => resolve(0) }))
      expect(width).toBeGreaterThan(0)
    } else {
      expect(await current.locator('.article__paragraph').count()).toBeGreaterThan(0)
    }
    if (i < all.length - 1) {
      const next = page.locator('.taro_page:visible .article-screen__button', { hasText: `下一篇：${all[i + 1]}` })
      // Readable, not greyed out as disabled (Taro's H5 button treats disabled="false" as disabled).
      expect(await next.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(26, 26, 26)')
      await next.click()
    }
  }
  await page.locator('.taro_page:visible').getByText('已是最后一篇').waitFor()
})
