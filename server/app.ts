/**
 * Wires the server together: database, outbox, WeChat client, dispatcher, feed watch, rate limits and the HTTP
 * listener. Without WeChat credentials there is no client and no dispatcher: the server answers
 * health checks and says 503 to everything that would need WeChat.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Config } from './config'
import { openDatabase } from './db'
import { Dispatcher } from './dispatcher'
import type { Logger } from './log'
import { Outbox } from './outbox'
import { Publications } from './publications'
import { createHandler, createLimits } from './routes'
import { WechatClient } from './wechat-client'

/** A running server. */
export interface App {
  /** http://host:port, with the port actually bound (PORT=0 picks a free one). */
  url: string
  notifications: boolean
  /** Stops listening, lets in-flight sends finish and be recorded, closes the database. */
  close(): Promise<void>
}

/** Opens the database, starts the dispatcher (resuming unsent rows) and listens. */
export async function startApp(config: Config, log: Logger): Promise<App> {
  const db = openDatabase(config.databasePath)
  const outbox = new Outbox(db)
  const wechat = config.wechat ? new WechatClient(config.wechat, log, Date.now, { baseMs: config.dispatch.backoffMs, maxMs: config.dispatch.maxBackoffMs }) : undefined
  const dispatcher = wechat ? new Dispatcher(outbox, wechat, config.dispatch, log) : undefined
  const publications = wechat && config.feed && config.wechat ? new Publications(db, config.feed, config.wechat.timeoutMs, log) : undefined
  const server = http.createServer(createHandler({ config, db, outbox, limits: createLimits(config), wechat, dispatcher, publications, log }))
  // Slow or stalled clients must not hold sockets: a subscription is one small request. With the
  // newsroom console on, an editor's upload (up to 40 MB of page PDFs) needs longer to arrive.
  server.requestTimeout = config.adminToken ? 300_000 : 15_000
  server.headersTimeout = 10_000
  server.keepAliveTimeout = 5_000
  server.maxHeadersCount = 100

  dispatcher?.start()
  publications?.start(config.feedCheckSeconds)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(config.port, config.host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (e) {
    await dispatcher?.stop()
    await publications?.stop()
    db.close()
    throw e
  }
  const { port } = server.address() as AddressInfo
  const host = config.host.includes(':') ? `[${config.host}]` : config.host

  let closing: Promise<void> | undefined
  return {
    url: `http://${host}:${port}`,
    notifications: Boolean(dispatcher),
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeIdleConnections()
        await dispatcher?.stop()
        await publications?.stop()
        server.closeAllConnections()
        await closed
        db.close()
      })()
      return closing
    }
  }
}
