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
  const initialPaths = new Set([...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]))
  const sized = files.map((f) => ({ ...f, gzipBytes: gzipSync(readFileSync(path.join(h5Dir, f.path))).length }))
  const total = (list) => ({ files: list.length, bytes: list.reduce((n, f) => n + f.bytes, 0), gzipBytes: list.reduce((n, f) => n + f.gzipBytes, 0) })
  return {
    all: total(sized),
    initial: total(sized.filter((f) => initialPaths.has(f.path))),
    largest: [...sized].sort((a, b) => b.bytes - a.bytes).slice(0, 5)
  }
}

/**
 * Writes the floor page into a new temporary folder: plain HTML, no script, no stylesheet, showing
 * the paper's name and the titles of the first page with the app's title class, so the same
 * detector finds both. Returns the folder; the caller removes it.
 * @param {string} paperName
 * @param {string[]} titles
 */
export function writeBaselinePage(paperName, titles) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gxqb-bench-baseline-'))
  const escape = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  const items = titles.map((t) => `<li class="article-item"><span class="article-item__title">${escape(t)}</span></li>`).join('\n')
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(paperName)}</title></head>
<body><h1>${escape(paperName)}</h1><ul>
${items}
</ul></body></html>
`)
  return dir
}

/**
 * Runs in every document before its own scripts: records when the first article title is in the
 * DOM with a layout box (`seen`) and the next animation frame after that (`shown`, about when it
 * is painted), both in ms since navigation start, plus the requests started before `seen`.
 */
function detectFirstList() {
  const w = /** @type {any} */ (window)
  const visible = () => {
    for (const el of document.querySelectorAll('.article-item__title')) {
      if (!el.textContent?.trim()) continue
      const r = el.getBoundingClientRect()
      if (r.width > 0 && r.height > 0) return true
    }
    return false
  }
  const observer = new MutationObserver(() => {
    if (w.__firstList || !visible()) return
    const seen = performance.now()
    observer.disconnect()
    const entries = performance.getEntriesByType('resource').filter((e) => e.startTime < seen)
    const nav = performance.getEntriesByType('navigation')[0]
    requestAnimationFrame(() => {
      w.__firstList = {
        seen,
        shown: performance.now(),
        requests: entries.length + 1,
        feedRequests: entries.filter((e) => /\/feed\/.*\.json(\?|$)/.test(e.name)).map((e) => new URL(e.name).pathname.replace(/^\/feed\//, '')),
        transferBytes: entries.reduce((n, e) => n + (e.transferSize ?? 0), nav?.transferSize ?? 0)
      }
    })
  })
  observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true })
}

async function loadOnce(context, url, cpuRate) {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate })
  await page.goto(url, { waitUntil: 'commit' })
  const handle = await page.waitForFunction(() => /** @type {any} */ (window).__firstList, null, { timeout: 60_000, polling: 50 })
  const figures = await handle.jsonValue()
  return { page, figures }
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
async function coldAndWarm(url, cpuRate) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'gxqb-bench-profile-'))
  const context = await chromium.launchPersistentContext(profile, LAUNCH)
  try {
    for (const p of context.pages()) await p.close()
    await context.addInitScript(detectFirstList)
    const cold = await loadOnce(context, url, cpuRate)
    await settleForWarm(cold.page)
    await cold.page.close()
    const warm = await loadOnce(context, url, cpuRate)
    await warm.page.close()
    return { cold: cold.figures, warm: warm.figures }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const round = (x, digits = 0) => Number(x.toFixed(digits))

/**
 * Time to the first article list in Chromium with CPU throttling, for the app and the floor page,
 * cold and warm, alternating app and floor runs so that load on the machine hits both alike.
 * Reports medians (ms, at the frame after the list is laid out) and app-to-floor ratios.
 * @param {{ appUrl: string, baselineUrl: string, runs?: number, cpuRate?: number, log?: (s: string) => void }} options
 */
export async function timeFirstList({ appUrl, baselineUrl, runs = 5, cpuRate = 4, log = () => {} }) {
  const app = []
  const floor = []
  for (let i = 0; i < runs; i++) {
    app.push(await coldAndWarm(appUrl, cpuRate))
    floor.push(await coldAndWarm(baselineUrl, cpuRate))
    log(`h5 run ${i + 1}/${runs}: app cold ${round(app[i].cold.shown)} ms, warm ${round(app[i].warm.shown)} ms; floor cold ${round(floor[i].cold.shown)} ms, warm ${round(floor[i].warm.shown)} ms`)
  }
  const summary = (visits) => ({
    medianMs: round(median(visits.map((v) => v.shown))),
    runsMs: visits.map((v) => round(v.shown)),
    requests: median(visits.map((v) => v.requests)),
    feedRequests: median(visits.map((v) => v.feedRequests.length)),
    feedFiles: [...new Set(visits.flatMap((v) => v.feedRequests))].sort(),
    transferBytes: median(visits.map((v) => v.transferBytes))
  })
  const result = {}
  for (const kind of ['cold', 'warm']) {
    const a = summary(app.map((r) => r[kind]))
    const f = summary(floor.map((r) => r[kind]))
    result[kind] = { app: a, floor: f, ratio: round(a.medianMs / f.medianMs, 2) }
  }
  return { cpuThrottling: cpuRate, runs, ...result }
}
