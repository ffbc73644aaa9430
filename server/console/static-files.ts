/**
 * The console page's built files (dist/console/, built by esbuild), served at /newsroom/ with a strict
 * Content-Security-Policy: scripts, styles and images only from this origin, no inline script, no
 * framing. The page is the same with or without ADMIN_TOKEN; its API says whether the console is on.
 */
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'

/** Sent with every console page and file. */
export const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2'
}

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer'
}

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>控制台尚未构建</title></head>
<body><p>控制台尚未构建：运行 npm start 或 npm run build:console</p></body></html>
`

/**
 * Answers GET/HEAD of `rest` (the path after /newsroom/) from `dir`: `''` is index.html. Paths are
 * confined to the folder. Without a built index.html the page says how to build it.
 */
export function serveConsoleFile (req: IncomingMessage, res: ServerResponse, dir: string, rest: string): void {
  const headers = { ...SECURITY_HEADERS, 'cache-control': 'no-cache' }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed')
    return
  }
  let rel: string
  try {
    rel = decodeURIComponent(rest) || 'index.html'
  } catch {
    res.writeHead(400, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('bad path')
    return
  }
  const root = path.resolve(dir)
  const file = path.resolve(root, rel)
  const stat = file.startsWith(root + path.sep) ? fs.statSync(file, { throwIfNoEntry: false }) : undefined
  if (!stat?.isFile()) {
    const index = !fs.existsSync(path.join(root, 'index.html'))
    if (rel === 'index.html' && index) {
      res.writeHead(404, { ...headers, 'content-type': 'text/html; charset=utf-8' })
      res.end(req.method === 'HEAD' ? undefined : NOT_BUILT)
      return
    }
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : 'not found')
    return
  }
  // esbuild names the page's JS and CSS by content hash (console-ABCD1234.js): those never change.
  if (/-[A-Z0-9]{8}\.(js|css)$/.test(file)) headers['cache-control'] = 'public, max-age=31536000, immutable'
  res.writeHead(200, { ...headers, 'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': String(stat.size) })
  if (req.method === 'HEAD') res.end()
  else fs.createReadStream(file).pipe(res)
}
