/**
 * Runs the compiled mini-program (dist/weapp) in miniprogram-simulate. Everything from the WXML
 * (compiled by the official wcc compiler) through Taro's runtime to React is the real build; only
 * the phone is stood in for: a small `wx` whose `request` makes real HTTP requests to a local server,
 * whose storage is in memory, and whose navigation calls are recorded.
 */
import path from 'node:path'
import http from 'node:http'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate')

export const WEAPP_ROOT = path.resolve(__dirname, '../../dist/weapp')

type Options = Record<string, unknown>
type Callbacks = { success?: (r: unknown) => void, fail?: (e: unknown) => void, complete?: (r: unknown) => void }

export interface Phone {
  /** Every navigation the app asked for, in order: `navigateTo /pages/article/index?…`. */
  navigations: string[]
  /**
   * WeChat's page stack as the app's navigation left it, bottom first (`pages/issue/index?id=…`), under
   * WeChat's rules: at most ten pages (navigateTo then fails), no going back below the first.
   */
  stack: string[]
  /**
   * What the reader answers in WeChat's subscription dialog, and what WeChat's settings say; the
   * dialog itself is WeChat's, so the test plays the reader.
   */
  subscription: { answer: 'accept' | 'reject' | 'ban' | 'filter', mainSwitch: boolean, always?: 'accept' | 'reject', asked: number, templateIds: string[] }
  /** Codes handed out by wx.login, in order. */
  loginCodes: string[]
  /** Where wx.login's codes come from (WeChat issues them; a test's stand-in for WeChat can too). */
  issueCode?: () => string
  /** Toasts and modals shown, in order. */
  messages: string[]
  storage: Map<string, string>
  /** The reader leaves WeChat (home button) and comes back: the app's hide and show listeners run. */
  hideApp(): void
  showApp(): void
  /** Responses for wx.request come from this origin (a local HTTP server). */
  requests: string[]
  /** The URLs of requests answered so far, in the order their answers arrived. */
  answered: string[]
  /** Requests whose URL matches are answered only once `until` resolves (a slow network, for one file). */
  held: { pattern: RegExp, until: Promise<void> }[]
  /** What pages handed WeChat's initial rendering cache (`setInitialRenderingCache`), in order. */
  renderingCache: { route: string, data: unknown }[]
}

function settle<T>(cb: Callbacks, fn: () => Promise<T>): Promise<T> {
  return fn().then((r) => { cb.success?.(r); cb.complete?.(r); return r }, (e) => { cb.fail?.(e); cb.complete?.(e); throw e })
}

function httpGet(url: string, timeout: number): Promise<{ statusCode: number, data: string, header: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, data: Buffer.concat(chunks).toString('utf8'), header: res.headers as Record<string, string> }))
    })
    req.setTimeout(timeout, () => { req.destroy(); reject({ errMsg: 'request:fail timeout' }) })
    req.on('error', (e) => reject({ errMsg: `request:fail ${e.message}` }))
  })
}

function httpPost(url: string, body: string, timeout: number): Promise<{ statusCode: number, data: string, header: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, data: Buffer.concat(chunks).toString('utf8'), header: res.headers as Record<string, string> }))
    })
    req.setTimeout(timeout, () => { req.destroy(); reject({ errMsg: 'request:fail timeout' }) })
    req.on('error', (e) => reject({ errMsg: `request:fail ${e.message}` }))
    req.end(body)
  })
}

let pageRoute = ''
let currentPhone: Phone | undefined

/**
 * Installs the phone's globals and loads the app (app.js: Taro's runtime, React, App()). Call once
 * per test file. `scene` is how the app was entered (1154: Moments' single-page mode);
 * `fontSizeSetting` is the reader's font size in WeChat's settings, in px (17: iOS's standard).
 */
export function bootApp({ scene = 1001, fontSizeSetting = 17 }: { scene?: number, fontSizeSetting?: number } = {}): Phone {
  const appListeners = { show: new Set<(o: unknown) => void>(), hide: new Set<(o: unknown) => void>() }
  const phone: Phone = {
    hideApp: () => { for (const f of appListeners.hide) f({}) },
    showApp: () => { for (const f of appListeners.show) f({ path: 'pages/issue/index', query: {}, scene: 1001 }) },
    navigations: [],
    stack: [],
    storage: new Map(),
    requests: [],
    answered: [],
    held: [],
    renderingCache: [],
    subscription: { answer: 'accept', mainSwitch: true, asked: 0, templateIds: [] },
    loginCodes: [],
    messages: []
  }
  const g = globalThis as Record<string, unknown>
  const systemInfo = { fontSizeSetting, platform: 'devtools', windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, pixelRatio: 2, statusBarHeight: 20, SDKVersion: '3.4.0', language: 'zh_CN', version: '8.0.40', theme: 'light' }
  const navigate = (kind: string) => (o: Options & Callbacks) => settle(o, async () => {
    const url = String(o.url ?? '').replace(/^\//, '')
    if (kind === 'navigateTo' && phone.stack.length >= 10) throw { errMsg: 'navigateTo:fail webview count limit exceed' }
    const delta = Number(o.delta ?? 1)
    if (kind === 'navigateBack' && delta >= phone.stack.length) throw { errMsg: 'navigateBack:fail cannot navigate back at first page.' }
    phone.navigations.push(`${kind} ${String(o.url ?? o.delta ?? '')}`.trim())
    if (kind === 'navigateTo') phone.stack.push(url)
    else if (kind === 'redirectTo') phone.stack[phone.stack.length - 1] = url
    else if (kind === 'reLaunch') phone.stack.splice(0, phone.stack.length, url)
    else if (kind === 'navigateBack') phone.stack.splice(phone.stack.length - delta, delta)
    return { errMsg: `${kind}:ok` }
  })
  g.wx = {
    getSystemInfoSync: () => systemInfo,
    getSystemInfo: (o: Callbacks) => settle(o, async () => systemInfo),
    getWindowInfo: () => systemInfo,
    getDeviceInfo: () => systemInfo,
    getAppBaseInfo: () => systemInfo,
    canIUse: () => true,
    getLaunchOptionsSync: () => ({ path: 'pages/issue/index', query: {}, scene }),
    getEnterOptionsSync: () => ({ path: 'pages/issue/index', query: {}, scene }),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    getStorageSync: (key: string) => (phone.storage.has(key) ? JSON.parse(phone.storage.get(key) as string) : ''),
    setStorageSync: (key: string, value: unknown) => { phone.storage.set(key, JSON.stringify(value)) },
    removeStorageSync: (key: string) => { phone.storage.delete(key) },
    getStorageInfoSync: () => ({ keys: [...phone.storage.keys()], currentSize: 0, limitSize: 10240 }),
    request: (o: Options & Callbacks) => {
      const url = String(o.url)
      phone.requests.push(url)
      const hold = phone.held.find((h) => h.pattern.test(url))?.until ?? Promise.resolve()
      const task = settle(o, () => hold.then(() => (String(o.method ?? 'GET') === 'POST' ? httpPost(url, String(typeof o.data === 'string' ? o.data : JSON.stringify(o.data)), Number(o.timeout ?? 60000)) : httpGet(url, Number(o.timeout ?? 60000))))
        .then((r) => { phone.answered.push(url); return r }))
      return Object.assign(task, { abort() {} })
    },
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),
    showToast: (o: Options & Callbacks) => settle(o, async () => { phone.messages.push(String(o.title)); return { errMsg: 'showToast:ok' } }),
    showModal: (o: Options & Callbacks) => settle(o, async () => { phone.messages.push(`${String(o.title)}：${String(o.content)}`); return { confirm: true, cancel: false } }),
    login: (o: Callbacks) => settle(o, async () => { const code = phone.issueCode?.() ?? `code-${phone.loginCodes.length + 1}`; phone.loginCodes.push(code); return { code, errMsg: 'login:ok' } }),
    getSetting: (o: Options & Callbacks) => settle(o, async () => {
      const { always, mainSwitch } = phone.subscription
      const itemSettings = always ? Object.fromEntries(phone.subscription.templateIds.map((id) => [id, always])) : {}
      return { authSetting: {}, subscriptionsSetting: { mainSwitch, itemSettings } }
    }),
    openSetting: (o: Callbacks) => settle(o, async () => { phone.navigations.push('openSetting'); return {} }),
    requestSubscribeMessage: (o: Options & Callbacks) => settle(o, async () => {
      phone.subscription.asked++
      phone.subscription.templateIds = o.tmplIds as string[]
      if (!phone.subscription.mainSwitch) throw { errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 20004 }
      const ids = o.tmplIds as string[]
      return Object.fromEntries([...ids.map((id) => [id, phone.subscription.always ?? phone.subscription.answer]), ['errMsg', 'requestSubscribeMessage:ok']])
    }),
    setNavigationBarTitle: () => {},
    onAppRoute: () => {},
    onAppShow: (f: (o: unknown) => void) => { appListeners.show.add(f) },
    onAppHide: (f: (o: unknown) => void) => { appListeners.hide.add(f) },
    offAppShow: (f: (o: unknown) => void) => { appListeners.show.delete(f) },
    offAppHide: (f: (o: unknown) => void) => { appListeners.hide.delete(f) }
  }
  g.getCurrentPages = () => phone.stack.map((entry) => {
    const [route, query = ''] = entry.split('?')
    return { route, options: Object.fromEntries(new URLSearchParams(query)) }
  })
  currentPhone = phone
  g.App = (options: Options) => { g.__app = options }
  g.getApp = () => g.__app
  // Taro's compiled pages call Page(); simulate knows only Component(). Register the page options as
  // a component whose attached lifetime runs the page lifecycle the way the WeChat client does.
  g.Page = (options: Options) => {
    const route = pageRoute
    const methods: Options = {}
    for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v
    // WeChat's page method for the dynamic initial rendering cache: the client keeps the data for the
    // next launch, so the stand-in records it (a deep copy, as the client serialises it).
    methods.setInitialRenderingCache = (data: unknown) => { phone.renderingCache.push({ route, data: JSON.parse(JSON.stringify(data)) }) }
    ;(g.Component as (o: Options) => void)({
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: Options & { onLoad: (q: unknown) => void, onShow: () => void, onReady: () => void, data: Options }) {
          this.route = route
          this.__route__ = route
          this.onLoad(this.data.__query ?? {})
          this.onShow?.()
          this.onReady?.()
        }
      }
    })
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(WEAPP_ROOT, 'app.js'))
  const app = g.__app as { onLaunch?: (o: unknown) => void, onShow?: (o: unknown) => void } | undefined
  app?.onLaunch?.({ path: 'pages/issue/index', query: {}, scene })
  app?.onShow?.({ path: 'pages/issue/index', query: {}, scene })
  return phone
}

export interface LoadedPage {
  root: SimNode
  /** The page options object's own methods, e.g. onShareAppMessage. */
  instance: Record<string, (...args: unknown[]) => unknown>
}

export interface SimNode {
  dom: Element
  querySelector(selector: string): SimNode | null
  querySelectorAll(selector: string): SimNode[]
  dispatchEvent(name: string, detail?: unknown): void
  instance: Record<string, unknown>
}

/** Loads a compiled page with a route query, attaches it, and returns its root. */
export function openPage(route: string, query: Record<string, string> = {}): LoadedPage {
  pageRoute = route
  // The page opened is on top of the stack (a test may have put others below it).
  const entry = Object.keys(query).length ? `${route}?${new URLSearchParams(query).toString()}` : route
  if (currentPhone) currentPhone.stack.push(entry)
  const id = simulate.load(path.join(WEAPP_ROOT, route), { rootPath: WEAPP_ROOT })
  const comp = simulate.render(id, {})
  comp.setData({ __query: query })
  const parent = document.createElement('parent-wrapper')
  comp.attach(parent)
  return { root: comp, instance: comp.instance }
}

/** All text in the rendered page, whitespace collapsed. */
export function pageText(page: LoadedPage): string {
  return (page.root.dom.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** Waits until `predicate` holds (React renders and requests settle asynchronously). */
export async function waitUntil(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}

interface DataNode { nn?: string, cl?: string, cn?: DataNode[], [alias: string]: unknown }

/**
 * The value a compiled template binds to `attribute` on the first element with `className`, read the
 * way WeChat reads it: from the page data Taro's runtime set, through the alias the template in
 * base.wxml uses for that attribute (e.g. image `src="{{i.p4}}"`). simulate does not reflect such
 * attributes into its DOM, so this is how a test sees them.
 */
export function boundAttribute(page: LoadedPage, className: string, attribute: string): unknown {
  const find = (n: DataNode | undefined): DataNode | undefined => {
    if (!n) return undefined
    if (typeof n.cl === 'string' && n.cl.split(/\s+/).includes(className)) return n
    for (const c of n.cn ?? []) {
      const hit = find(c)
      if (hit) return hit
    }
    return undefined
  }
  const node = find((page.root.instance.data as { root?: DataNode }).root)
  if (!node) throw new Error(`no element with class ${className}`)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const wxml: string = require('node:fs').readFileSync(path.join(WEAPP_ROOT, 'base.wxml'), 'utf8')
  const start = wxml.indexOf(`<template name="tmpl_0_${node.nn}">`)
  const block = wxml.slice(start, wxml.indexOf('</template>', start))
  const alias = new RegExp(`\\s${attribute}="\\{\\{i\\.(\\w+)`).exec(block)?.[1]
  if (start < 0 || !alias) throw new Error(`template for node ${node.nn} binds no ${attribute}`)
  return node[alias]
}
