import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Route {
  status?: number
  body: string
  contentType?: string
  /** Hold the response this long (to provoke timeouts). */
  delayMs?: number
}

export interface FeedServer {
  /** Base URL ending in `/`. */
  url: string
  /** Replace what a path answers; `undefined` makes it 404. */
  set(path: string, route: Route | undefined): void
  /** Paths requested so far, in order. */
  hits: string[]
  close(): Promise<void>
}

/**
 * A real HTTP server on loopback whose answers a test sets per path: good feeds, server errors, HTML
 * error pages with status 200, truncated JSON, slow answers.
 */
export async function startFeedServer(routes: Record<string, Route> = {}): Promise<FeedServer> {
  const table = new Map(Object.entries(routes))
  const hits: string[] = []
  const timers = new Set<NodeJS.Timeout>()
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\//, '')
    hits.push(path)
    const route = table.get(path)
    const answer = () => {
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>404 Not Found</body></html>')
        return
      }
      res.writeHead(route.status ?? 200, { 'content-type': route.contentType ?? 'application/json; charset=utf-8' }).end(route.body)
    }
    if (route?.delayMs) {
      const t = setTimeout(() => { timers.delete(t); answer() }, route.delayMs)
      timers.add(t)
    } else answer()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    set(path, route) {
      if (route) table.set(path, route)
      else table.delete(path)
    },
    hits,
    async close() {
      for (const t of timers) clearTimeout(t)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}

/** A route that serves a value as JSON. */
export function json(value: unknown): Route {
  return { body: JSON.stringify(value) }
}
