// `npm run bench`: builds the sample feed and both targets, measures them, and prints one JSON object
// of figures (also written to bench-results/bench.json). Progress goes to stderr, so stdout is the
// JSON alone. BENCHMARKS.md says what each figure means; test/bench/budgets.test.ts enforces the
// deterministic budgets, and this script runs it too so its figures are the ones reported here.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { root, sampleFeedDir } from './build-sample-feed.mjs'
import { startStaticServer } from './static-server.mjs'
import budgets from './bench/budgets.js'
import { h5TestEnv, testPort, weappTestEnv } from './test-build-env.mjs'
import { feedBytes } from './bench/feed.mjs'
import { h5Bundle, timeFirstContent, writeBaselinePage } from './bench/h5.mjs'
import { buildHelloWeapp } from './bench/hello-app.mjs'

const { BUDGETS, KB, weappSizes } = budgets
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
// The weapp is built exactly as `npm test` builds it (scripts/test-build-env.mjs).
const weappEnv = weappTestEnv
const outDir = path.join(root, 'bench-results')
const weappDir = path.join(root, 'dist', 'weapp')
const h5Dir = path.join(root, 'dist', 'h5')
// Medians of this many cold and warm visits each: single visits vary by a third or more on a small shared machine.
const runs = Number(process.env.BENCH_RUNS || 7)

const log = (s) => process.stderr.write(`bench: ${s}\n`)
const seconds = (since) => Number(((Date.now() - since) / 1000).toFixed(1))
const kb = (bytes) => Number((bytes / KB).toFixed(1))

/** Runs a command quietly; on failure prints the tail of its output and exits. Returns its duration in s. */
function run(title, cmd, args, env = {}) {
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n'))
    log(`${title} failed (exit ${r.status})`)
    process.exit(1)
  }
  log(`${title}: ${seconds(started)} s`)
  return seconds(started)
}

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

/**
 * Main-package bytes per file against the hello app's, biggest additions first. Page files are
 * summed as `pages/` since the two apps name their pages differently.
 */
function additionsByFile(app, hello) {
  const key = (p) => (p.startsWith('pages/') ? 'pages/' : p)
  const totals = new Map()
  const add = (files, sign) => {
    for (const f of files) totals.set(key(f.path), (totals.get(key(f.path)) ?? 0) + sign * f.bytes)
  }
  const inMain = (dir, sizes) => budgets.listFiles(dir).filter((f) => !Object.keys(sizes.subpackages).some((r) => f.path.startsWith(`${r}/`)))
  add(inMain(app.dir, app.sizes), 1)
  add(inMain(hello.dir, hello.sizes), -1)
  return [...totals].map(([file, bytes]) => ({ file, bytes })).filter((f) => f.bytes !== 0).sort((a, b) => b.bytes - a.bytes).slice(0, 8)
}

const started = Date.now()
mkdirSync(outDir, { recursive: true })

// In a child process: the feed command reports on stdout, which must carry only the figures.
run('sample feed', process.execPath, [path.join(root, 'scripts', 'build-sample-feed.mjs')])
const builds = {
  weappSeconds: run('weapp build', bin('taro'), ['build', '--type', 'weapp'], weappEnv),
  h5Seconds: run('h5 build', bin('taro'), ['build', '--type', 'h5'], h5TestEnv)
}

let t = Date.now()
// The same environment as the app's build: the project config refuses a release build without its URLs.
const hello = buildHelloWeapp(root, weappTestEnv)
builds.helloWeappSeconds = seconds(t)
log(`hello app build: ${builds.helloWeappSeconds} s`)
const appSizes = weappSizes(weappDir)
const helloSizes = weappSizes(hello.weappDir)
const ownCodeByFile = additionsByFile({ dir: weappDir, sizes: appSizes }, { dir: hello.weappDir, sizes: helloSizes })
hello.cleanup()

// The budget test measures the renders; its figures come back through BENCH_RENDER_OUT.
const renderOut = path.join(outDir, 'weapp-render.json')
rmSync(renderOut, { force: true })
rmSync(path.join(outDir, 'page-view-render.json'), { force: true })
t = Date.now()
const jest = spawnSync(bin('jest'), ['-c', 'test/bench/jest.config.js'], { cwd: root, env: { ...process.env, TEST_PORT: testPort, BENCH_RENDER_OUT: renderOut }, stdio: ['ignore', 2, 2] })
log(`budget test: ${jest.status === 0 ? 'passed' : 'FAILED'} in ${seconds(t)} s`)
if (!existsSync(renderOut)) {
  log('the budget test wrote no rendering figures; see its output above')
  process.exit(1)
}
const render = JSON.parse(readFileSync(renderOut, 'utf8'))
// Written beside it by test/bench/page-view-budgets.test.ts.
const pageViewOut = path.join(outDir, 'page-view-render.json')
const pageView = existsSync(pageViewOut) ? JSON.parse(readFileSync(pageViewOut, 'utf8')) : undefined

const index = JSON.parse(readFileSync(path.join(sampleFeedDir, 'index.json'), 'utf8'))
const issue = JSON.parse(readFileSync(path.join(sampleFeedDir, index.issues[0].path), 'utf8'))
const firstPageTitles = issue.pages[0].articleIds.map((id) => issue.articles.find((a) => a.id === id).title)
// The image the app shows first at phone size (375 CSS px at 2×): the 750 px rendition when there is one.
const firstPageImage = issue.pages[0].image ? (issue.pages[0].image.thumb ?? issue.pages[0].image) : undefined
const baselineDir = writeBaselinePage(index.paper.name, firstPageTitles, firstPageImage)
const appServer = await startStaticServer({ appDir: h5Dir, feedDir: sampleFeedDir, port: 0 })
const baselineServer = await startStaticServer({ appDir: baselineDir, feedDir: sampleFeedDir, port: 0 })
let feed
let timing
const loadBefore = os.loadavg()
try {
  feed = await feedBytes(new URL('feed/', appServer.url).href, index, issue)
  t = Date.now()
  timing = await timeFirstContent({
    list: { appUrl: appServer.url, floorUrl: baselineServer.url },
    // The latest issue's first 版 in the page view, as a shared 版 link opens it.
    image: firstPageImage
      ? { appUrl: `${appServer.url}#/pages/issue/index?id=${issue.id}&page=${issue.pages[0].id}&view=page`, floorUrl: new URL('page.html', baselineServer.url).href }
      : undefined,
    runs,
    cpuRate: 4,
    log
  })
  log(`h5 timing: ${seconds(t)} s`)
} finally {
  for (const s of [appServer.server, baselineServer.server]) {
    s.closeAllConnections()
    s.close()
  }
  rmSync(baselineDir, { recursive: true, force: true })
}

const chromiumVersion = (() => {
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
})()

const pages = [['issue page', render.issue], [`article ${render.longestArticle} (longest)`, render.article], ...Object.entries(render.otherPages)]
const maxSetData = Math.max(...pages.map(([, p]) => p.setData.maxBytes))
const check = (name, actual, limit, ok, aim) => ({ name, actual, limit, ok, ...(aim === undefined ? {} : { aim, withinAim: actual <= aim }) })
const figures = {
  $comment: 'Generated by `npm run bench` (scripts/bench.mjs); do not edit. BENCHMARKS.md explains the figures.',
  generatedAt: new Date().toISOString(),
  commit: git('rev-parse', '--short', 'HEAD'),
  uncommittedChanges: Boolean(git('status', '--porcelain')),
  machine: { cpus: os.cpus().length, node: process.version, chromium: chromiumVersion, loadAverage: { beforeH5Timing: loadBefore.map((x) => Number(x.toFixed(2))), after: os.loadavg().map((x) => Number(x.toFixed(2))) } },
  builds,
  weapp: {
    size: {
      mainBytes: appSizes.mainBytes,
      mainKB: kb(appSizes.mainBytes),
      allBytes: appSizes.allBytes,
      allKB: kb(appSizes.allBytes),
      subpackagesBytes: appSizes.subpackages,
      largestMainFiles: appSizes.largestMainFiles,
      helloAppMainBytes: helloSizes.mainBytes,
      ownCodeMainBytes: appSizes.mainBytes - helloSizes.mainBytes,
      ownCodeAllBytes: appSizes.allBytes - helloSizes.allBytes,
      ownCodeByFile
    },
    render,
    pageView
  },
  h5: { bundle: h5Bundle(h5Dir), ...timing },
  feed: {
    ...feed,
    // Feed requests started before the first list, and those of them answered before it (what the list
    // could have waited for): the issue file is asked for alongside, but the list needs index.json only.
    // The aim holds for the weapp harness, where the list appears before the issue's answer; in
    // Chromium on this machine the issue's answer arrives while the list is still being laid out, so it
    // counts though nothing waited for it (test/e2e/first-screen.test.ts paints with it held back).
    requestsBeforeFirstList: {
      weapp: render.issue.requestsBeforeContent.length,
      h5Cold: timing.firstList.cold.app.feedRequests,
      h5Warm: timing.firstList.warm.app.feedRequests
    },
    answersBeforeFirstList: {
      weapp: render.issue.answersBeforeContent.length,
      h5Cold: timing.firstList.cold.app.feedAnswers,
      h5Warm: timing.firstList.warm.app.feedAnswers,
      aim: { weapp: 1 }
    }
  },
  budgets: {
    test: jest.status === 0 ? 'passed' : 'failed',
    checks: [
      check('weapp main package bytes', appSizes.mainBytes, BUDGETS.mainPackageBytes, appSizes.mainBytes <= BUDGETS.mainPackageBytes),
      check('weapp all packages bytes', appSizes.allBytes, BUDGETS.allPackagesBytes, appSizes.allBytes <= BUDGETS.allPackagesBytes),
      check('largest setData bytes', maxSetData, BUDGETS.setDataBytes, maxSetData <= BUDGETS.setDataBytes, BUDGETS.setDataAimBytes),
      ...(pageView
        ? [
            check(`page view ${pageView.pageId} (${pageView.zones} zones) first render setData bytes in all`, pageView.setData.totalBytes, BUDGETS.pageViewSetDataBytes, pageView.setData.totalBytes <= BUDGETS.pageViewSetDataBytes),
            check(`page view ${pageView.pageId} WXML nodes`, pageView.wxml.nodes, BUDGETS.pageViewNodes, pageView.wxml.nodes < BUDGETS.pageViewNodes),
            check(`bytes to show a page at phone size (${pageView.image.src})`, pageView.image.bytes, BUDGETS.pageImageBytes, pageView.image.bytes <= BUDGETS.pageImageBytes)
          ]
        : []),
      ...pages.flatMap(([name, p]) => [
        check(`${name} WXML nodes`, p.wxml.nodes, BUDGETS.nodes, p.wxml.nodes < BUDGETS.nodes, BUDGETS.nodesAim),
        check(`${name} WXML depth`, p.wxml.depth, BUDGETS.depth, p.wxml.depth < BUDGETS.depth)
      ])
    ]
  },
  benchSeconds: seconds(started)
}

const json = JSON.stringify(figures, null, 2)
writeFileSync(path.join(outDir, 'bench.json'), `${json}\n`)
process.stdout.write(`${json}\n`)
process.exit(jest.status === 0 ? 0 : 1)
