// The service worker on an origin that also serves the editors' console (/newsroom/) and the
// notification server's API (/api/), as `npm start` does: neither may be kept in the app's caches.
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { startStaticServer } from '../../scripts/static-server.mjs'
import { openBrowser, type Session } from './browser'

const root = path.resolve(__dirname, '../..')
let s: Session
let app: Server
let api: Server
let appDir: string
let base: string

beforeAll(async () => {
  // The H5 build as built. The static server passes /newsroom/ and /api/ to the notification server, as
  // npm start does; a stand-in answers both (the console itself is not this test's subject).
  appDir = mkdtempSync(path.join(os.tmpdir(), 'gxqb-sw-scope-'))
  cpSync(path.join(root, 'dist', 'h5'), appDir, { recursive: true })
  api = createServer((req, res) => {
    if ((req.url ?? '').startsWith('/newsroom')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><meta charset="utf-8"><title>console</title><p id="console">console</p>')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify({ ok: true, url: req.url }))
  })
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  const apiPort = (api.address() as { port: number }).port
  const started = await startStaticServer({ appDir, feedDir: path.join(root, 'dist', 'feed'), port: 0, apiTarget: `http://127.0.0.1:${apiPort}` })
  app = started.server
  base = started.url
  s = await openBrowser()
})

afterAll(async () => {
  await s?.close()
  await new Promise((resolve) => app?.close(resolve))
  await new Promise((resolve) => api?.close(resolve))
  if (appDir) rmSync(appDir, { recursive: true, force: true })
})

test('pages under /newsroom/ and answers under /api/ go to the network and are never kept in the app\'s caches', async () => {
  const { page, context } = s
  await page.goto(base)
  await page.getByText('总第763期').waitFor()
  await page.evaluate(async () => { await navigator.serviceWorker.ready })
  await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)

  // A console page opened in the app's scope, and the API asked from a controlled page.
  await page.goto(`${base}newsroom/`)
  await page.locator('#console').waitFor()
  await page.goto(base)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  const answer = await page.evaluate(async () => (await fetch('/api/status')).json() as Promise<{ ok: boolean }>)
  expect(answer.ok).toBe(true)

  const kept = await page.evaluate(async () => {
    const urls: string[] = []
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
    }
    return urls
  })
  // The app's own shell is there (the check could see a kept entry) …
  expect(kept).toContain('/boot.js')
  // … and nothing of the console or the API.
  expect(kept.filter((p) => p.startsWith('/newsroom') || p.startsWith('/api'))).toEqual([])

  // Offline, the console is not answered from any cache (the app's page is, as before).
  await context.setOffline(true)
  const offline = await page.goto(`${base}newsroom/`).then(() => 'answered', () => 'failed')
  expect(offline).toBe('failed')
  await context.setOffline(false)
})
