// H5 figures for `npm run bench`: what the bundle weighs, and how long a throttled phone-sized
// Chromium takes to show the first article list, next to a plain HTML page with the same list.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import budgets from './budgets.js'
import chromiumSetup from '../chromium.js'

// The launch flags and phone of the end-to-end tests.
const LAUNCH = { executablePath: chromiumSetup.executablePath, headless: true, args: chromiumSetup.args, ...chromiumSetup.phone }

/**
 * Scripts and stylesheets of the H5 build, raw and gzipped (as the static server sends them):
 * everything emitted, and the part index.html loads before any page chunk.
 * @param {string} h5Dir the H5 build (dist/h5)
 */
export function h5Bundle(h5Dir) {
  const files = budgets.listFiles(h5Dir).filter((f) => /\.(js|css)$/.test(f.path) && f.path !== 'sw.js')
  const html = readFileSync(path.join(h5Dir, 'index.html'), 'utf8')
  // (The boot script is named with its build's hash as a query: boot.js?build=….)
  const initialPaths = new Set([...html.matchAll(/(?:src|href)="(?:\.?\/)?([^"?]+\.(?:js|css))(?:\?[^"]*)?"/g)].map((m) => m[1]))
  const sized = files.map((f) => ({ ...f, gzipBytes: gzipSync(readFileSync(path.join(h5Dir, f.path))).length }))
  const total = (list) => ({ files: list.length, bytes: list.reduce((n, f) => n + f.bytes, 0), gzipBytes: list.reduce((n, f) => n + f.gzipBytes, 0) })
  return {
    all: total(sized),
    initial: total(sized.filter((f) => initialPaths.has(f.path))),
    largest: [...sized].sort((a, b) => b.bytes - a.bytes).slice(0, 5)
  }
}

/**
 * Writes the floor pages into a new temporary folder: plain HTML, no script, no stylesheet.
 * `index.html` shows the paper's name and the titles of the first page with the app's title
 * class; `page.html` shows the paper's name and the page image the app shows first at phone size (the
 * same file, from the same feed folder), in an element with the app's image class. The same detector
 * finds the app's content and the floor's. Returns the folder; the caller removes it.
 * @param {string} paperName
 * @param {string[]} titles
 * @param {{ src: string, width: number, height: number }} [pageImage] feed-relative path and size
 */
export function writeBaselinePage(paperName, titles, pageImage) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gxqb-bench-baseline-'))
  const escape = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const head = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(paperName)}</title></head>`
  // Block titles: Element Timing attributes text to its nearest block ancestor, so an inline title would never be reported.
  const items = titles.map((t) => `<li class="article-item"><div class="article-item__title">${escape(t)}</div></li>`).join('\n')
  writeFileSync(path.join(dir, 'index.html'), `${head}
<body><h1>${escape(paperName)}</h1><ul>
${items}
</ul></body></html>
`)
  if (pageImage) {
    writeFileSync(path.join(dir, 'page.html'), `${head}
<body><h1>${escape(paperName)}</h1>
<div class="page-view__image"><img src="/feed/${escape(pageImage.src)}" style="width:100%;height:auto" width="${pageImage.width}" height="${pageImage.height}" alt=""></div>
</body></html>
`)
  }
  return dir
}

/**
 * Runs in every document before its own scripts. Records, in ms since navigation start, when each of
 * these was first painted, by the browser's Element Timing (the frame it was presented in, which can
 * be well after the frame it was laid out in when scripts keep the main thread busy):
 * - `list`: the first article title: the app's own list or the first screen painted from storage
 *   before the app loads (src/h5/boot.js); `appList`: the app's own list (the floor's list counts as its own);
 * - `image`: the first page image (版面图) painted in an <img>;
 * each with the requests started before it (the document included), the feed JSON among them, and
 * the bytes transferred. Elements are marked for Element Timing as they enter the DOM (a mutation
 * observer runs before the next paint).
 */
function detectFirstContent() {
  const w = /** @type {any} */ (window)
  w.__first = {}
  const KINDS = [
    ['.first-screen__title', 'list-early'],
    ['.article-item__title', 'list-own'],
    ['.page-view__image img, img.page-view__image, img.first-screen__page-image', 'image']
  ]
  const mark = (el) => {
    for (const [selector, id] of KINDS) if (el.matches(selector) && !el.hasAttribute('elementtiming')) el.setAttribute('elementtiming', id)
  }
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      for (const n of m.addedNodes) {
        if (n.nodeType !== 1) continue
        mark(n)
        for (const el of n.querySelectorAll('*')) mark(el)
      }
    }
  }).observe(document, { childList: true, subtree: true })
  const record = (kind, at) => {
    if (w.__first[kind]) return
    const entries = performance.getEntriesByType('resource').filter((e) => e.startTime < at)
    const feed = entries.filter((e) => /\/feed\/.*\.json(\?|$)/.test(e.name))
    const feedPath = (e) => new URL(e.name).pathname.replace(/^\/feed\//, '')
    const nav = performance.getEntriesByType('navigation')[0]
    w.__first[kind] = {
      shown: at,
      requests: entries.length + 1,
      feedRequests: feed.map(feedPath),
      // Of those, the ones answered before it: what the content could have waited for.
      feedAnswers: feed.filter((e) => e.responseEnd > 0 && e.responseEnd < at).map(feedPath),
      transferBytes: entries.reduce((n, e) => n + (e.transferSize ?? 0), nav?.transferSize ?? 0)
    }
  }
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const at = /** @type {any} */ (e).renderTime || /** @type {any} */ (e).loadTime
      if (e.identifier === 'image') record('image', at)
      if (e.identifier === 'list-early' || e.identifier === 'list-own') record('list', at)
      if (e.identifier === 'list-own') record('appList', at)
    }
  }).observe({ type: 'element', buffered: true })
}

async function loadOnce(context, url, cpuRate, kind) {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate })
  await page.goto(url, { waitUntil: 'commit' })
  const handle = await page.waitForFunction((k) => /** @type {any} */ (window).__first?.[k], kind, { timeout: 60_000, polling: 50 })
  const figures = await handle.jsonValue()
  // The moment the app's own list replaced the early paint, where there was one (list runs only).
  let appList
  if (kind === 'list') {
    const app = await page.waitForFunction(() => /** @type {any} */ (window).__first?.appList, null, { timeout: 60_000, polling: 50 })
    appList = await app.jsonValue()
  }
  return { page, figures: { ...figures, ...(appList ? { appShown: appList.shown } : {}) } }
}

/**
 * Lets the first visit finish what makes the next one warm: the load event, the service worker's
 * install (its precache) if the page registers one, and the app's own storage writes, which follow
 * its feed requests.
 */
async function settleForWarm(page) {
  await page.waitForLoadState('load')
  await page.waitForLoadState('networkidle')
  await page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return
    const reg = await navigator.serviceWorker.getRegistration()
    if (reg) await navigator.serviceWorker.ready
  })
  await page.waitForLoadState('networkidle')
}

/**
 * One cold and one warm visit in a fresh profile: cold is the first load (no HTTP cache, service
 * worker or storage); warm is a new tab on the same URL afterwards, with all three in place.
 */
async function coldAndWarm(url, cpuRate, kind) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'gxqb-bench-profile-'))
  const context = await chromium.launchPersistentContext(profile, LAUNCH)
  try {
    for (const p of context.pages()) await p.close()
    await context.addInitScript(detectFirstContent)
    const cold = await loadOnce(context, url, cpuRate, kind)
    await settleForWarm(cold.page)
    await cold.page.close()
    const warm = await loadOnce(context, url, cpuRate, kind)
    await warm.page.close()
    return { cold: cold.figures, warm: warm.figures }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b)
  const i = (s.length - 1) * q
  const lo = Math.floor(i)
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo)
}
const median = (xs) => quantile(xs, 0.5)
const round = (x, digits = 0) => Number(x.toFixed(digits))

/** Median, quartiles and range of a figure over the runs (ms). */
const spread = (xs) => ({
  medianMs: round(median(xs)),
  q1Ms: round(quantile(xs, 0.25)),
  q3Ms: round(quantile(xs, 0.75)),
  minMs: round(Math.min(...xs)),
  maxMs: round(Math.max(...xs)),
  runsMs: xs.map((x) => round(x))
})

/**
 * Time to the first article list and to the first page image (版面图) in Chromium with CPU
 * throttling, for the app and its floor page, cold and warm, alternating app and floor runs so that
 * load on the machine hits both alike. Reports medians with quartiles and range (ms, when the content
 * was painted), requests before content, and app-to-floor ratios of the medians.
 * @param {{ list: { appUrl: string, floorUrl: string }, image?: { appUrl: string, floorUrl: string }, runs?: number, cpuRate?: number, log?: (s: string) => void }} options
 */
export async function timeFirstContent({ list, image, runs = 7, cpuRate = 4, log = () => {} }) {
  const out = { cpuThrottling: cpuRate, runs }
  for (const [kind, urls] of [['list', list], ['image', image]]) {
    if (!urls) continue
    const app = []
    const floor = []
    for (let i = 0; i < runs; i++) {
      app.push(await coldAndWarm(urls.appUrl, cpuRate, kind))
      floor.push(await coldAndWarm(urls.floorUrl, cpuRate, kind))
      log(`h5 ${kind} run ${i + 1}/${runs}: app cold ${round(app[i].cold.shown)} ms, warm ${round(app[i].warm.shown)} ms; floor cold ${round(floor[i].cold.shown)} ms, warm ${round(floor[i].warm.shown)} ms`)
    }
    const summary = (visits) => ({
      ...spread(visits.map((v) => v.shown)),
      ...(visits.every((v) => v.appShown !== undefined) ? { appOwnList: spread(visits.map((v) => v.appShown)) } : {}),
      requests: median(visits.map((v) => v.requests)),
      feedRequests: median(visits.map((v) => v.feedRequests.length)),
      feedFiles: [...new Set(visits.flatMap((v) => v.feedRequests))].sort(),
      feedAnswers: median(visits.map((v) => v.feedAnswers.length)),
      transferBytes: median(visits.map((v) => v.transferBytes))
    })
    const result = { url: urls.appUrl.replace(/^https?:\/\/[^/]+/, '') }
    for (const when of ['cold', 'warm']) {
      const a = summary(app.map((r) => r[when]))
      const f = summary(floor.map((r) => r[when]))
      result[when] = { app: a, floor: f, ratio: round(a.medianMs / f.medianMs, 2) }
    }
    out[kind === 'list' ? 'firstList' : 'firstPageImage'] = result
  }
  return out
}
