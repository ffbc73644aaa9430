/**
 * Rendering figures of the compiled mini-program, measured in the weapp harness
 * (test/weapp/harness.ts) without changing it: every setData the app makes, and the WXML tree each
 * page ends up with. The harness turns Taro's Page() into a simulate Component(); wrapping the
 * Component global sees every page and custom component instance before Taro's runtime can call
 * setData on it.
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { boundAttribute, bootApp, openPage, pageText, waitUntil, type LoadedPage } from '../weapp/harness'
import { longestArticleId } from '../../scripts/bench/budgets'

const FEED_DIR = path.resolve(__dirname, '../../dist/feed')

export interface SetDataCall {
  /** The page route, or `component` for a custom component (Taro's comp and custom-wrapper). */
  target: string
  /** UTF-8 bytes of JSON.stringify(data): what crosses from the logic layer to the view layer. */
  bytes: number
}

export interface RenderFigures {
  route: string
  query: Record<string, string>
  setData: { calls: number, totalBytes: number, maxBytes: number, bytes: number[] }
  wxml: { nodes: number, depth: number }
  /** Feed URLs requested (path below /feed/) by the time the content first showed. */
  requestsBeforeContent: string[]
  /** Of those, the ones answered before the content appeared: what it could have waited for. */
  answersBeforeContent: string[]
}

type Instance = { setData: (data: unknown, cb?: () => void) => void, route?: string }
type ComponentOptions = { lifetimes?: { created?: () => void }, created?: () => void, [k: string]: unknown }

/**
 * Starts recording setData calls. Call after importing the harness (simulate defines the Component
 * global when it loads) and before bootApp. The harness delivers a page's route query with one
 * setData of `__query`, standing in for the WeChat client; those calls are left out.
 */
export function recordSetData(): SetDataCall[] {
  const g = globalThis as unknown as { Component: (o: ComponentOptions) => void }
  const register = g.Component
  const calls: SetDataCall[] = []
  g.Component = (options) => {
    // WeChat runs `lifetimes.created` in preference to a top-level `created`; keep that behaviour.
    const created = options.lifetimes?.created ?? options.created
    register({
      ...options,
      lifetimes: {
        ...options.lifetimes,
        created(this: Instance) {
          const setData = this.setData
          this.setData = (data, cb) => {
            if (!(data && typeof data === 'object' && Object.keys(data).join() === '__query')) {
              calls.push({ target: this.route ?? 'component', bytes: Buffer.byteLength(JSON.stringify(data)) })
            }
            setData.call(this, data, cb)
          }
          created?.call(this)
        }
      }
    })
  }
  return calls
}

/** Element count under a page's root and the deepest element's level (the root's children are 1). */
export function wxmlTree(page: LoadedPage): { nodes: number, depth: number } {
  let nodes = 0
  let depth = 0
  const walk = (el: Element, level: number) => {
    for (const child of Array.from(el.children)) {
      nodes++
      depth = Math.max(depth, level)
      walk(child, level + 1)
    }
  }
  walk(page.root.dom, 1)
  return { nodes, depth }
}

/** Resolves once no setData has been made for `quietMs` (Taro batches updates; the first render may take several). */
async function settled(calls: SetDataCall[], quietMs = 300, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  let seen = calls.length
  let since = Date.now()
  while (Date.now() - since < quietMs) {
    if (Date.now() - start > timeoutMs) throw new Error('setData never settled')
    await new Promise((r) => setTimeout(r, 20))
    if (calls.length !== seen) {
      seen = calls.length
      since = Date.now()
    }
  }
}

function figures(route: string, query: Record<string, string>, page: LoadedPage, calls: SetDataCall[], requests: string[], answers: string[]): RenderFigures {
  const bytes = calls.map((c) => c.bytes)
  return {
    route,
    query,
    setData: { calls: calls.length, totalBytes: bytes.reduce((a, b) => a + b, 0), maxBytes: Math.max(0, ...bytes), bytes },
    wxml: wxmlTree(page),
    requestsBeforeContent: requests.map((u) => u.replace(/^.*?\/feed\//, '')),
    answersBeforeContent: answers.map((u) => u.replace(/^.*?\/feed\//, ''))
  }
}

/** The pages opened from the issue page's links, all in the `pages-more` subpackage. */
export const OTHER_PAGES = ['pages-more/archive/index', 'pages-more/search/index', 'pages-more/mine/index', 'pages-more/settings/index']

export interface Renders {
  /** The sample's longest article (by reader-visible text): the heaviest article page. */
  longestArticle: string
  issue: RenderFigures
  article: RenderFigures
  /** Each of OTHER_PAGES by route, opened in that order once the one before has settled. */
  otherPages: Record<string, RenderFigures>
}

/**
 * The sample issue as a reader meets it: a cold launch onto the issue page until its first article
 * list has rendered and updates have stopped, then a tap on the sample's longest article (the page
 * opens with the issue already in the store, as it does from the list), then each of the other
 * pages. Call once per test file: each compiled page can be loaded only once in a file.
 */
export async function measureFirstRenders(): Promise<Renders> {
  const calls = recordSetData()
  const phone = bootApp()
  const since = (mark: number, route: string) => calls.slice(mark).filter((c) => c.target === route || c.target === 'component')

  const issuePage = openPage('pages/issue/index')
  await waitUntil(() => issuePage.root.querySelectorAll('.article-item__title').length > 0)
  const issueRequests = [...phone.requests]
  const issueAnswers = [...phone.answered]
  await settled(calls)
  const issue = figures('pages/issue/index', {}, issuePage, since(0, 'pages/issue/index'), issueRequests, issueAnswers)

  const sample = JSON.parse(readFileSync(path.join(FEED_DIR, 'index.json'), 'utf8')).issues[0]
  const longestArticle = longestArticleId(JSON.parse(readFileSync(path.join(FEED_DIR, sample.path), 'utf8')))
  const query = { issue: sample.id, article: longestArticle }
  let mark = calls.length
  let requestMark = phone.requests.length
  let answerMark = phone.answered.length
  const articlePage = openPage('pages/article/index', query)
  await waitUntil(() => articlePage.root.querySelectorAll('.article__paragraph').length > 0 && pageText(articlePage).length > 0)
  const articleRequests = phone.requests.slice(requestMark)
  const articleAnswers = phone.answered.slice(answerMark)
  await settled(calls)
  const article = figures('pages/article/index', query, articlePage, since(mark, 'pages/article/index'), articleRequests, articleAnswers)

  const otherPages: Record<string, RenderFigures> = {}
  for (const route of OTHER_PAGES) {
    mark = calls.length
    requestMark = phone.requests.length
    answerMark = phone.answered.length
    const page = openPage(route)
    await waitUntil(() => calls.length > mark)
    await settled(calls)
    otherPages[route] = figures(route, {}, page, since(mark, route), phone.requests.slice(requestMark), phone.answered.slice(answerMark))
  }

  return { longestArticle, issue, article, otherPages }
}

export interface PageViewFigures extends RenderFigures {
  /** The 版 measured: the sample's page with the most zones. */
  pageId: string
  zones: number
  /** The image file shown at phone size (375 CSS px at 2×), and its bytes on disk. */
  image: { src: string, bytes: number }
}

/**
 * The page view's first render, cold from a link to the sample's 版 with the most zones (every zone
 * of the largest page on screen), and the one image file it shows at phone size. Call once per test
 * file, in a file of its own: it loads the issue page.
 */
export async function measurePageView(): Promise<PageViewFigures> {
  const calls = recordSetData()
  const phone = bootApp()
  const sample = JSON.parse(readFileSync(path.join(FEED_DIR, 'index.json'), 'utf8')).issues[0]
  const issue = JSON.parse(readFileSync(path.join(FEED_DIR, sample.path), 'utf8')) as { pages: { id: string }[], articles: { zones?: { pageId: string }[] }[] }
  const zonesOn = (id: string) => issue.articles.reduce((n, a) => n + (a.zones ?? []).filter((z) => z.pageId === id).length, 0)
  const largest = [...issue.pages].sort((a, b) => zonesOn(b.id) - zonesOn(a.id))[0]
  const query = { id: sample.id, page: largest.id, view: 'page' }
  const page = openPage('pages/issue/index', query)
  await waitUntil(() => page.root.querySelectorAll('.page-view__zone').length === zonesOn(largest.id) && page.root.querySelectorAll('.page-view__image').length > 0)
  const requests = [...phone.requests]
  const answers = [...phone.answered]
  await settled(calls)
  const src = String(boundAttribute(page, 'page-view__image', 'src'))
  const file = path.join(FEED_DIR, src.replace(/^.*?\/feed\//, ''))
  return {
    ...figures('pages/issue/index', query, page, calls, requests, answers),
    pageId: largest.id,
    zones: page.root.querySelectorAll('.page-view__zone').length,
    image: { src: src.replace(/^.*?\/feed\//, ''), bytes: statSync(file).size }
  }
}
