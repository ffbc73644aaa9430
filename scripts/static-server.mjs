// A small static server for the H5 build and the feed: what `npm start` serves and the end-to-end
// tests run against. Plain node:http so nothing else has to be installed.
import { createServer, request as httpRequest } from 'node:http'
import { createReadStream, promises as fs } from 'node:fs'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import path from 'node:path'

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8'
}
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/

/**
 * The TRUST_PROXY the notification server needs behind this server's /api/ proxy: one hop more than
 * the proxies in front of this server (its own TRUST_PROXY, 0 by default). A value that is not a
 * number is passed on as it is, for the notification server to refuse with its own message.
 */
export function trustProxyBehind(env = process.env) {
  const raw = (env.TRUST_PROXY ?? '').trim()
  if (raw === '') return '1'
  return /^\d+$/.test(raw) ? String(Number(raw) + 1) : raw
}

/**
 * Passes a request through to the notification server, body and answer streamed as they are. The
 * peer's address is appended to X-Forwarded-For (as any reverse proxy does), so the notification
 * server, trusting one more hop than this one does, rate-limits each reader on their own. The host and
 * scheme the browser used go along as X-Forwarded-Host and -Proto (kept from a trusted proxy in front,
 * else set here), so the newsroom console can tell its own page's requests from cross-site ones.
 */
function proxy(req, res, target, trustProxy) {
  const prior = req.headers['x-forwarded-for']
  const forwarded = [prior, req.socket.remoteAddress ?? 'unknown'].filter(Boolean).join(', ')
  const fromFront = (name, own) => (trustProxy > 0 && req.headers[name] ? req.headers[name] : own)
  const headers = {
    ...req.headers,
    host: new URL(target).host,
    'x-forwarded-for': forwarded,
    'x-forwarded-host': fromFront('x-forwarded-host', req.headers.host ?? ''),
    'x-forwarded-proto': fromFront('x-forwarded-proto', 'http')
  }
  const upstream = httpRequest(new URL(req.url ?? '/', target), { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers)
    answer.pipe(res)
  })
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify({ error: 'the notification server is not running' }))
  })
  req.pipe(upstream)
}

/**
 * Serves `appDir` at `/` and `feedDir` at `/feed/`, and passes `/api/` and `/newsroom/` (the
 * newsroom console) to `apiTarget` (the notification server) when given; `trustProxy` is the number
 * of proxies in front of this one. Resolves with { server, url } once listening. Paths are confined
 * to their folder and never reach a dot-file or dot-folder (the feed's `.newsroom/` state is not part
 * of the feed); feed JSON is sent with an ETag and `no-cache` so clients revalidate, hashed assets are
 * cached for a year, and text is gzipped when the client accepts it.
 */
export async function startStaticServer({ appDir, feedDir, host = '127.0.0.1', port = 8080, apiTarget, trustProxy = 0 }) {
  const server = createServer(async (req, res) => {
    try {
      const target = req.url ?? ''
      if (apiTarget && (target.startsWith('/api/') || target === '/newsroom' || target.startsWith('/newsroom/') || target.startsWith('/newsroom?'))) {
        proxy(req, res, apiTarget, trustProxy)
        return
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end()
        return
      }
      const url = new URL(req.url ?? '/', 'http://localhost')
      let pathname = decodeURIComponent(url.pathname)
      let root = appDir
      if (pathname === '/feed' || pathname.startsWith('/feed/')) {
        root = feedDir
        pathname = pathname.slice('/feed'.length) || '/'
      }
      if (pathname.endsWith('/')) pathname += 'index.html'
      const file = path.resolve(root, '.' + pathname)
      if (!file.startsWith(path.resolve(root) + path.sep) || path.relative(root, file).split(path.sep).some((part) => part.startsWith('.'))) {
        res.writeHead(403).end()
        return
      }
      const stat = await fs.stat(file).catch(() => null)
      if (!stat || !stat.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
        return
      }
      const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
      const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(file)
      const headers = {
        'content-type': type,
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff'
      }
      if (COMPRESSIBLE.test(type)) {
        const body = await fs.readFile(file)
        const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 16)}"`
        headers.etag = etag
        headers.vary = 'accept-encoding'
        if (req.headers['if-none-match'] === etag) {
          res.writeHead(304, headers).end()
          return
        }
        const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
        const out = gzip ? gzipSync(body) : body
        if (gzip) headers['content-encoding'] = 'gzip'
        headers['content-length'] = out.length
        res.writeHead(200, headers)
        res.end(req.method === 'HEAD' ? undefined : out)
        return
      }
      headers['content-length'] = stat.size
      res.writeHead(200, headers)
      if (req.method === 'HEAD') res.end()
      else createReadStream(file).pipe(res)
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('server error')
    }
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const address = server.address()
  return { server, url: `http://${host}:${address.port}/` }
}
