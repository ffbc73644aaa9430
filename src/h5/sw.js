// Service worker of the H5 edition: keeps the app shell and the photos readable offline. Feed JSON
// is left to the app, which keeps its own validated copy in storage; caching it here as well would
// let a stale copy hide a newer one.
const SHELL = 'gxqb-shell-v1'
const IMAGES = 'gxqb-images-v1'
const MAX_IMAGES = 200
// Page images (版面图) are kept by the app itself (src/platform/page-image-files.ts) under their own
// budget with least-recently-read eviction; this worker only answers from that cache.
const PAGES = 'gxqb-pages-v1'

// The build this worker belongs to (index.html registers sw.js?build=<hash>, and names its boot script
// boot.js?build=<hash> the same way).
const BUILD = new URL(self.location.href).searchParams.get('build')
const BOOT_PATH = new URL('./boot.js', self.location.href).pathname

// Everything the build emitted (precache.json lists it), so pages not yet visited open offline too.
async function precache() {
  const cache = await caches.open(SHELL)
  const manifest = await fetch('./precache.json', { cache: 'no-cache' }).then((r) => r.json()).catch(() => ({ files: [] }))
  const urls = ['./', ...manifest.files.map((f) => (f === 'boot.js' && BUILD ? `./boot.js?build=${encodeURIComponent(BUILD)}` : `./${f}`))]
  await cache.addAll(urls)
  return new Set(urls.map((u) => new URL(u, self.location.href).href))
}

// Hashed names change with every release: once the new ones are cached, drop what the last release left.
async function prune(current) {
  const cache = await caches.open(SHELL)
  for (const request of await cache.keys()) {
    const pathname = new URL(request.url).pathname
    if ((/\.[0-9a-f]{8}\.(js|css)$/.test(pathname) || pathname === BOOT_PATH) && !current.has(request.url)) await cache.delete(request)
  }
}

let current
self.addEventListener('install', (event) => {
  event.waitUntil(precache().then((urls) => { current = urls }).then(() => self.skipWaiting()))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== IMAGES && k !== PAGES).map((k) => caches.delete(k))))
      .then(() => (current ? prune(current) : undefined))
      .then(() => self.clients.claim())
  )
})

async function networkFirst(request, cacheName) {
  const cache = await caches.open(cacheName)
  try {
    const response = await fetch(request)
    if (response.ok) await cache.put(request, response.clone())
    return response
  } catch (e) {
    const hit = (await cache.match(request)) || (request.mode === 'navigate' ? await cache.match('./') : undefined)
    if (hit) return hit
    throw e
  }
}

async function cacheFirst(request, cacheName, limit) {
  const cache = await caches.open(cacheName)
  const hit = await cache.match(request)
  if (hit) return hit
  const response = await fetch(request)
  if (response.ok) {
    await cache.put(request, response.clone())
    if (limit) {
      const keys = await cache.keys()
      for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old)
    }
  }
  return response
}

// The page itself (an unhashed name): answered from the cache at once, and fetched again behind it
// for the next start. A new release's index.html is precached when its worker
// installs (before it prunes the old release's files), so a cached page never outlives its scripts.
const APP_PAGES = new Set([new URL('./', self.location.href).pathname, new URL('./index.html', self.location.href).pathname])
async function staleWhileRevalidate(event, key) {
  const cache = await caches.open(SHELL)
  const hit = await cache.match(key, { ignoreSearch: true })
  const fresh = fetch(event.request).then(async (response) => {
    if (response.ok && response.type === 'basic') await cache.put(key, response.clone())
    return response
  })
  if (!hit) return fresh
  event.waitUntil(fresh.catch(() => undefined))
  return hit
}

// The boot script starts the app's scripts its page lists, so a page and a boot script of different
// releases must never meet: index.html names its own build's (boot.js?build=<hash>), which never
// changes once cached. Offline without that exact copy, any kept copy stands in: the page and its boot
// script are precached together by one install, so that copy is of the same release.
async function bootScript(request) {
  const cache = await caches.open(SHELL)
  const hit = await cache.match(request)
  if (hit) return hit
  try {
    const response = await fetch(request)
    if (response.ok && response.type === 'basic') await cache.put(request, response.clone())
    return response
  } catch (e) {
    const kept = await cache.match(request, { ignoreSearch: true })
    if (kept) return kept
    throw e
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin) return
  // The editors' console and the notification server's API share this origin (npm start) but are not
  // this app: never kept or answered here, so a console page or an API answer cannot be served stale.
  if (/^\/(newsroom|api)(\/|$)/.test(url.pathname)) return
  // The app fetching a page image to keep it: straight to the network, so it is not kept twice.
  if (request.headers.get('x-page-image')) return
  if (url.pathname.startsWith('/feed/images/')) {
    event.respondWith(caches.open(PAGES).then((c) => c.match(request)).then((hit) => hit || cacheFirst(request, IMAGES, MAX_IMAGES)))
  }
  else if (url.pathname.startsWith('/feed/')) return
  // Hashed file names never change content: serve them from the cache once fetched.
  else if (/\.[0-9a-f]{8}\.(js|css)$/.test(url.pathname)) event.respondWith(cacheFirst(request, SHELL))
  // Only the app's own page: other pages on this origin (the newsroom's) are not this shell.
  else if (request.mode === 'navigate' && APP_PAGES.has(url.pathname)) event.respondWith(staleWhileRevalidate(event, new URL('./', self.location.href).href))
  else if (url.pathname === BOOT_PATH) event.respondWith(bootScript(request))
  else event.respondWith(networkFirst(request, SHELL))
})
