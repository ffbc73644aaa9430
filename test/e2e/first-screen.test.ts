import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { args, executablePath, phone } from '../../scripts/chromium'
import { BASE_URL } from './browser'
import { SAMPLE_ISSUE_ID, SAMPLE_PAGES } from '../fixtures/sample-issue'

/**
 * A fresh profile without service workers: the worker would answer the app's scripts from its cache,
 * and these tests need to hold the scripts back (page.route does not see what a worker answers).
 */
async function openProfile(): Promise<{ context: BrowserContext, close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'gxqb-e2e-first-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args, ...phone, serviceWorkers: 'block' })
  for (const p of context.pages()) await p.close()
  return { context, async close() { await context.close(); rmSync(profile, { recursive: true, force: true }) } }
}

type Sent = { url: string, scripts: string[] }

/** Every request the page sends, with the script URLs on its initiator's stack (async parents included). */
async function recordRequests(context: BrowserContext, page: Page): Promise<{ sent: Sent[] }> {
  const cdp = await context.newCDPSession(page)
  const sent: Sent[] = []
  type Stack = { callFrames: { url: string }[], parent?: Stack }
  cdp.on('Network.requestWillBeSent', (e: { request: { url: string }, initiator: { url?: string, stack?: Stack } }) => {
    const scripts: string[] = []
    for (let s = e.initiator.stack; s; s = s.parent) scripts.push(...s.callFrames.map((f) => f.url))
    if (e.initiator.url) scripts.push(e.initiator.url)
    sent.push({ url: e.request.url, scripts })
  })
  await cdp.send('Network.enable')
  return { sent }
}

/** Holds back every request matching `pattern` until the returned function is called. */
async function holdRequests(page: Page, pattern: RegExp): Promise<() => void> {
  let release: () => void = () => {}
  const released = new Promise<void>((r) => { release = r })
  await page.route(pattern, async (route) => { await released; await route.continue() })
  return release
}

const appTitles = (page: Page) => page.locator('#app .article-item__title').allTextContents()
/** Waits until the app's own page view has its page image loaded. */
const appPageImageLoaded = (page: Page) => page.waitForFunction(() => {
  const img = document.querySelector('#app .page-view__image img') as HTMLImageElement | null
  return !!img && img.complete && img.naturalWidth > 0
})
const feedPath = (url: string) => new URL(url).pathname.replace(/^\/feed\//, '')

test('index.html starts the feed requests before the app loads, and the app uses them: one request each', async () => {
  const { context, close } = await openProfile()
  try {
    const page = await context.newPage()
    const { sent } = await recordRequests(context, page)
    await page.goto(BASE_URL)
    await page.waitForFunction((n) => document.querySelectorAll('#app .article-item__title').length === n, SAMPLE_PAGES[0].titles.length)
    expect(await appTitles(page)).toEqual(SAMPLE_PAGES[0].titles)
    await page.waitForLoadState('networkidle')
    const feed = sent.filter((r) => r.url.includes('/feed/') && r.url.endsWith('.json'))
    // Exactly the index and the latest issue, once each: the app took the early answers rather than asking again.
    expect(feed.map((r) => feedPath(r.url))).toEqual(['index.json', `issues/${SAMPLE_ISSUE_ID}.json`])
    // Both were started by the boot script, not by the app's bundle.
    for (const r of feed) expect(r.scripts.some((u) => /\/boot\.js(\?|$)/.test(u))).toBe(true)
    for (const r of feed) expect(r.scripts.some((u) => /\/js\/.+\.js$/.test(u))).toBe(false)

    // A link to an issue asks for that issue at once, alongside the index, not after it.
    const linked = await context.newPage()
    const second = await recordRequests(context, linked)
    await linked.goto(`${BASE_URL}#/pages/issue/index?id=${SAMPLE_ISSUE_ID}`)
    await linked.waitForFunction(() => document.querySelectorAll('#app .article-item__title').length > 0)
    await linked.waitForLoadState('networkidle')
    const linkedFeed = second.sent.filter((r) => r.url.includes('/feed/') && r.url.endsWith('.json'))
    expect(linkedFeed.map((r) => feedPath(r.url)).sort()).toEqual(['index.json', `issues/${SAMPLE_ISSUE_ID}.json`])
    for (const r of linkedFeed) expect(r.scripts.some((u) => /\/boot\.js(\?|$)/.test(u))).toBe(true)
  } finally {
    await close()
  }
})

test('a returning reader sees the last first screen from storage before the app loads, with the network down; the app then takes it over without showing the list twice', async () => {
  const { context, close } = await openProfile()
  try {
    // A first visit: the app shows the latest issue and remembers its first screen.
    const first = await context.newPage()
    await first.goto(BASE_URL)
    await first.waitForFunction((n) => document.querySelectorAll('#app .article-item__title').length === n, SAMPLE_PAGES[0].titles.length)
    await first.close()

    // Next start with the app's scripts and the feed unreachable: only index.html and the boot script load.
    const held = await context.newPage()
    await held.route(/\/(js|feed)\//, (route) => route.abort())
    await held.goto(BASE_URL)
    await held.waitForSelector('#first-screen .first-screen__title')
    expect(await held.locator('#first-screen .first-screen__title').allTextContents()).toEqual(SAMPLE_PAGES[0].titles)
    expect(await held.locator('#first-screen .first-screen__name').textContent()).toBe('高新区报')
    expect(await held.locator('#first-screen .first-screen__meta').allTextContents()).toEqual(['总第763期 2023年第63期', '2023年8月22日 星期二 农历癸卯年七月初七'])
    expect(await held.locator('#first-screen .first-screen__tab').allTextContents()).toEqual(SAMPLE_PAGES.map((p) => p.name))
    // It is on screen, not just in the DOM.
    const box = await held.locator('#first-screen .first-screen__title').first().boundingBox()
    expect(box && box.width > 0 && box.y < 812).toBe(true)
    expect(await held.locator('#app .article-item__title').count()).toBe(0)
    // A link to another view paints nothing early (its screen is not the one remembered).
    await held.goto(`${BASE_URL}#/pages/issue/index?id=${SAMPLE_ISSUE_ID}`)
    await held.reload()
    await held.waitForLoadState('load')
    expect(await held.locator('#first-screen').count()).toBe(0)
    await held.close()

    // Next start with everything reachable: every frame is checked for both lists at once.
    const page = await context.newPage()
    await page.addInitScript(() => {
      const w = window as unknown as { __early?: boolean, __both?: number }
      w.__both = 0
      const check = () => {
        const early = document.querySelector('#first-screen .first-screen__title')
        const app = document.querySelector('#app .article-item__title')
        if (early) w.__early = true
        if (early && app) w.__both = (w.__both ?? 0) + 1
        requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })
    await page.goto(BASE_URL)
    await page.waitForFunction((n) => document.querySelectorAll('#app .article-item__title').length === n, SAMPLE_PAGES[0].titles.length)
    await page.waitForTimeout(300)
    expect(await page.evaluate(() => (window as unknown as { __early?: boolean }).__early)).toBe(true)
    expect(await page.evaluate(() => (window as unknown as { __both: number }).__both)).toBe(0)
    expect(await page.locator('#first-screen').count()).toBe(0)
    expect(await page.locator('.article-item__title, .first-screen__title').allTextContents()).toEqual(SAMPLE_PAGES[0].titles)
  } finally {
    await close()
  }
})

test('版面 shows every article\'s place with its title until the page image loads, then the phone-sized rendition first: never a blank box', async () => {
  const { context, close } = await openProfile()
  try {
    const page = await context.newPage()
    // Hold the page images back until the test lets them through.
    let release: () => void = () => {}
    const released = new Promise<void>((r) => { release = r })
    const images: string[] = []
    await page.route(/\/feed\/images\/.*\/page-/, async (route) => {
      images.push(new URL(route.request().url()).pathname)
      await released
      await route.continue()
    })
    // Every frame from the moment the page view is in the DOM: is the sheet showing anything?
    await page.addInitScript(() => {
      const w = window as unknown as { __frames: { blank: number, sketch: number, image: number } }
      w.__frames = { blank: 0, sketch: 0, image: 0 }
      const check = () => {
        const area = document.querySelector('#app .page-view__area')
        if (area && area.getBoundingClientRect().height > 0) {
          const img = area.querySelector('.page-view__image img') as HTMLImageElement | null
          const loaded = img && img.complete && img.naturalWidth > 0
          const titles = Array.from(area.querySelectorAll('.page-view__zone-title')).filter((t) => t.getBoundingClientRect().height > 0)
          if (loaded) w.__frames.image++
          else if (titles.length > 0) w.__frames.sketch++
          else w.__frames.blank++
        }
        requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })
    // Not until 'load': the held page image (the boot script's early one too) holds the load event back.
    await page.goto(`${BASE_URL}#/pages/issue/index?id=${SAMPLE_ISSUE_ID}&page=p1&view=page`, { waitUntil: 'domcontentloaded' })
    await page.waitForFunction((n) => document.querySelectorAll('#app .page-view__zone-title').length === n, SAMPLE_PAGES[0].titles.length)
    // The zones' titles, in the page's article order, drawn where the articles are printed.
    expect(await page.locator('#app .page-view__zone-title').allTextContents()).toEqual(SAMPLE_PAGES[0].titles)
    const zone = await page.locator('#app .page-view__zone').first().boundingBox()
    expect(zone && zone.width > 20 && zone.height > 20).toBe(true)

    release()
    await appPageImageLoaded(page)
    expect(await page.evaluate(() => (document.querySelector('#app .page-view__image img') as HTMLImageElement).naturalWidth)).toBe(750)
    await page.waitForFunction(() => document.querySelectorAll('#app .page-view__zone-title').length === 0)
    // The phone rendition was asked for first; the 1500 px one is not needed at this size.
    expect(images[0]).toMatch(/\/page-p1-thumb-[0-9a-f]+\.jpg$/)
    expect(images.filter((u) => !u.includes('-thumb-'))).toEqual([])
    const frames = await page.evaluate(() => (window as unknown as { __frames: { blank: number, sketch: number, image: number } }).__frames)
    expect(frames.sketch).toBeGreaterThan(0)
    expect(frames.image).toBeGreaterThan(0)
    expect(frames.blank).toBe(0)
  } finally {
    await close()
  }
})

test('on a first visit whose scripts are slow to arrive, the first screen is painted from the feed the boot script fetched, and the app takes it over', async () => {
  const { context, close } = await openProfile()
  try {
    const page = await context.newPage()
    // A slow phone network: the feed (small) arrives long before the app's scripts (large).
    const release = await holdRequests(page, /\/js\//)
    await page.addInitScript(() => {
      const w = window as unknown as { __both: number }
      w.__both = 0
      const check = () => {
        if (document.querySelector('#first-screen .first-screen__title') && document.querySelector('#app .article-item__title')) w.__both++
        requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })
    await page.goto(BASE_URL, { waitUntil: 'commit' })
    await page.waitForSelector('#first-screen .first-screen__title')
    expect(await page.locator('#first-screen .first-screen__title').allTextContents()).toEqual(SAMPLE_PAGES[0].titles)
    // The date without its lunar part, which needs the app's calendar.
    expect(await page.locator('#first-screen .first-screen__meta').allTextContents()).toEqual(['总第763期 2023年第63期', '2023年8月22日 星期二'])
    expect(await page.locator('#app .article-item__title').count()).toBe(0)

    release()
    await page.waitForFunction((n) => document.querySelectorAll('#app .article-item__title').length === n, SAMPLE_PAGES[0].titles.length)
    await page.waitForTimeout(300)
    expect(await page.locator('#first-screen').count()).toBe(0)
    expect(await page.evaluate(() => (window as unknown as { __both: number }).__both)).toBe(0)
    expect(await page.locator('.article-item__title, .first-screen__title').allTextContents()).toEqual(SAMPLE_PAGES[0].titles)
  } finally {
    await close()
  }
})

test('a reader who left the latest issue on 版面 gets no early list but its first 版\'s page image: the next start opens on the page view', async () => {
  const { context, close } = await openProfile()
  try {
    const first = await context.newPage()
    await first.goto(BASE_URL)
    await first.locator('.taro_page:visible').getByRole('tab', { name: '版面' }).click()
    await first.waitForSelector('#app .page-view__area')
    await first.waitForTimeout(300)
    await first.close()

    const page = await context.newPage()
    const release = await holdRequests(page, /\/js\//)
    const issueLoaded = page.waitForResponse((r) => r.url().includes(`/feed/issues/${SAMPLE_ISSUE_ID}.json`))
    await page.goto(BASE_URL, { waitUntil: 'commit' })
    await issueLoaded
    await page.locator('#first-screen .first-screen__page-image').waitFor()
    expect(await page.locator('#first-screen .first-screen__title').count()).toBe(0)
    expect(await page.locator('#first-screen .first-screen__page-name').textContent()).toBe(SAMPLE_PAGES[0].name)
    expect(await page.locator('#first-screen .first-screen__page-image').evaluate((img: HTMLImageElement) => new URL(img.src).pathname)).toMatch(/page-p1-thumb-[0-9a-f]+\.jpg$/)
    release()
    await page.waitForSelector('#app .page-view__area')
    await appPageImageLoaded(page)
    await page.waitForTimeout(300)
    expect(await page.locator('#first-screen').count()).toBe(0)
  } finally {
    await close()
  }
})

/** Counts, from the moment an early page image is painted, frames that show neither it nor the app's. */
function watchPageFrames() {
  const w = window as unknown as { __page: { early: number, app: number, neither: number } }
  w.__page = { early: 0, app: 0, neither: 0 }
  const check = () => {
    const early = document.querySelector('#first-screen .first-screen__page-image') as HTMLImageElement | null
    const app = document.querySelector('#app .page-view__image img') as HTMLImageElement | null
    if (early && early.complete && early.naturalWidth > 0) w.__page.early++
    else if (app && app.complete && app.naturalWidth > 0 && app.getBoundingClientRect().height > 0) w.__page.app++
    else if (w.__page.early > 0) w.__page.neither++
    requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}

const PAGE_LINK = `${BASE_URL}#/pages/issue/index?id=${SAMPLE_ISSUE_ID}&page=p2&view=page`

test('a link to one 版, on a first visit whose scripts are slow: its page image and name are painted as soon as the issue arrives, at their own proportions, and the app\'s page view takes over with no empty frame', async () => {
  const { context, close } = await openProfile()
  try {
    const page = await context.newPage()
    const release = await holdRequests(page, /\/js\//)
    await page.addInitScript(watchPageFrames)
    await page.goto(PAGE_LINK, { waitUntil: 'commit' })
    const early = page.locator('#first-screen .first-screen__page-image')
    await early.waitFor()
    expect(await page.locator('#first-screen .first-screen__page-name').textContent()).toBe(SAMPLE_PAGES[1].name)
    // The linked 版's phone-sized rendition, already decoded when it appears, as tall as its proportions say.
    const shown = await early.evaluate((img: HTMLImageElement) => ({ src: new URL(img.src).pathname, complete: img.complete, natural: [img.naturalWidth, img.naturalHeight], box: [img.getBoundingClientRect().width, img.getBoundingClientRect().height] }))
    expect(shown.src).toMatch(/^\/feed\/images\/.*page-p2-thumb-[0-9a-f]+\.jpg$/)
    expect(shown.complete).toBe(true)
    expect(shown.natural[0]).toBe(750)
    expect(shown.box[0]).toBe(375)
    expect(Math.abs(shown.box[1] - 375 * shown.natural[1] / shown.natural[0])).toBeLessThan(1)
    expect(await page.locator('#app .page-view__area').count()).toBe(0)

    release()
    await appPageImageLoaded(page)
    await page.waitForTimeout(300)
    expect(await page.locator('#first-screen').count()).toBe(0)
    const frames = await page.evaluate(() => (window as unknown as { __page: { early: number, app: number, neither: number } }).__page)
    expect(frames.early).toBeGreaterThan(0)
    expect(frames.app).toBeGreaterThan(0)
    expect(frames.neither).toBe(0)
  } finally {
    await close()
  }
})

test('a link to one 版 opened again paints its page image from what the last visit remembered, before the feed answers', async () => {
  const { context, close } = await openProfile()
  try {
    const first = await context.newPage()
    await first.goto(PAGE_LINK)
    await appPageImageLoaded(first)
    await first.close()

    // Next start with the app's scripts and the feed's JSON unreachable: only the image can load.
    const page = await context.newPage()
    await page.route(/\/js\/|\/feed\/.*\.json/, (route) => route.abort())
    await page.goto(PAGE_LINK, { waitUntil: 'commit' })
    const early = page.locator('#first-screen .first-screen__page-image')
    await early.waitFor()
    expect(await page.locator('#first-screen .first-screen__page-name').textContent()).toBe(SAMPLE_PAGES[1].name)
    expect(await early.evaluate((img: HTMLImageElement) => new URL(img.src).pathname)).toMatch(/page-p2-thumb-[0-9a-f]+\.jpg$/)
    // The remembered 版 is this link's only: a link to another 版 paints nothing from it.
    await page.goto(`${BASE_URL}#/pages/issue/index?id=${SAMPLE_ISSUE_ID}&page=p1&view=page`)
    await page.reload()
    await page.waitForLoadState('load')
    await page.waitForTimeout(300)
    expect(await page.locator('#first-screen').count()).toBe(0)
  } finally {
    await close()
  }
})

type AppStart = { inserted?: number, painted?: number, appScript?: number, appShown?: number, early?: { titles: string[], tabs: string[] } }

/**
 * Records, in ms since navigation: when the early first screen went into the page and when its titles
 * were first painted (Element Timing, the frame they were presented in); when the app's first script
 * was put into the page and when the app first put anything into #app; and what the early screen
 * showed when it went in (the app may take it over within a frame or two).
 */
function watchAppStart() {
  const w = window as unknown as { __start: AppStart }
  w.__start = {}
  const texts = (root: Element, selector: string) => Array.from(root.querySelectorAll(selector)).map((n) => n.textContent ?? '')
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      for (const n of Array.from(m.addedNodes)) {
        if (!(n instanceof Element)) continue
        if (n.matches('script[src*="/js/"]') && w.__start.appScript === undefined) w.__start.appScript = performance.now()
        if (n.id === 'first-screen' && !w.__start.early) {
          w.__start.inserted = performance.now()
          w.__start.early = { titles: texts(n, '.first-screen__title'), tabs: texts(n, '.first-screen__tab') }
        }
        if (n.closest('#app') && n.id !== 'app' && w.__start.appShown === undefined) w.__start.appShown = performance.now()
        for (const t of [n, ...Array.from(n.querySelectorAll('*'))]) if (t.matches('.first-screen__title')) t.setAttribute('elementtiming', 'early')
      }
    }
  }).observe(document, { childList: true, subtree: true })
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { identifier: string, renderTime: number })[]) {
      if (e.identifier === 'early' && w.__start.painted === undefined) w.__start.painted = e.renderTime
    }
  }).observe({ type: 'element', buffered: true })
}
const appStart = (page: Page) => page.evaluate(() => (window as unknown as { __start: AppStart }).__start)

test('on a first visit the list is painted from index.json alone, before the app\'s scripts are even run; the app then lists it from the index too, until the issue arrives', async () => {
  const { context, close } = await openProfile()
  try {
    const page = await context.newPage()
    // The issue file held back: only the index can have painted the list.
    const release = await holdRequests(page, /\/feed\/issues\//)
    await page.addInitScript(watchAppStart)
    await page.goto(BASE_URL, { waitUntil: 'commit' })
    // index.html only preloads the app's scripts; the boot script runs them once the list is on screen.
    await page.waitForFunction(() => (window as unknown as { __start: AppStart }).__start.appScript !== undefined)
    expect(await page.locator('link[rel="preload"][as="script"][href*="/js/"]').count()).toBeGreaterThan(0)
    const start = await appStart(page)
    expect(start.early).toEqual({ titles: SAMPLE_PAGES[0].titles, tabs: SAMPLE_PAGES.map((p) => p.name) })
    // The boot script put the app's scripts in only after its list, and the list was on screen before
    // the app had shown anything.
    expect(start.appScript).toBeGreaterThan(start.inserted as number)
    await page.waitForFunction(() => (window as unknown as { __start: AppStart }).__start.appShown !== undefined)
    const shown = await appStart(page)
    expect(shown.painted).toBeGreaterThan(0)
    expect(shown.painted).toBeLessThan(shown.appShown as number)

    // The app, with the issue still held, lists the same titles from the index.
    await page.waitForFunction((n) => document.querySelectorAll('#app .issue--preview .article-item__title').length === n, SAMPLE_PAGES[0].titles.length)
    expect(await appTitles(page)).toEqual(SAMPLE_PAGES[0].titles)
    expect(await page.locator('#first-screen').count()).toBe(0)

    release()
    await page.waitForFunction(() => document.querySelector('#app .issue') && !document.querySelector('#app .issue--preview'))
    expect(await appTitles(page)).toEqual(SAMPLE_PAGES[0].titles)
  } finally {
    await close()
  }
})

test('when the feed does not answer, the app\'s scripts still start after a short wait and show that it is loading', async () => {
  const { context, close } = await openProfile()
  try {
    const page = await context.newPage()
    const release = await holdRequests(page, /\/feed\/.*\.json/)
    await page.addInitScript(watchAppStart)
    await page.goto(BASE_URL, { waitUntil: 'commit' })
    await page.waitForSelector('#app .status--loading', { timeout: 10_000 })
    const start = await appStart(page)
    expect(start.early).toBeUndefined()
    // Not at once (the boot script waited for the feed), and not for ever.
    expect(start.appScript).toBeGreaterThan(1000)
    release()
    await page.waitForFunction((n) => document.querySelectorAll('#app .article-item__title').length === n, SAMPLE_PAGES[0].titles.length)
    expect(await page.locator('#first-screen').count()).toBe(0)
  } finally {
    await close()
  }
})
