/**
 * `npm run server`: starts the notification server (configured by environment, see server/README.md).
 * `npm run server -- notify …` and `… status …` are the newsroom's command (notify-cli.ts).
 * Prints `listening on <url>` once ready; SIGTERM or SIGINT stop it after in-flight sends are recorded.
 */
import { startApp } from './app'
import { ConfigError, loadConfig, type Config } from './config'
import { createLogger } from './log'
import { NOTIFY_USAGE, runNotifyCli } from './notify-cli'

async function serve(): Promise<void> {
  const log = createLogger()
  let config: Config
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee server/README.md for the settings.\n`)
      process.exit(1)
    }
    throw e
  }
  const app = await startApp(config, log)
  if (!config.wechat) log.warn('notifications are off: WECHAT_APPID, WECHAT_SECRET and WECHAT_TEMPLATE_ID are not set')
  else if (!config.adminToken) log.warn('ADMIN_TOKEN is not set: issues cannot be notified')
  log.info(`listening on ${app.url}`, { notifications: app.notifications, database: config.databasePath, trustProxy: config.trustProxy })
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('stopping', { signal })
    app.close().then(() => process.exit(0), (e: unknown) => {
      log.error('stop failed', { error: (e as Error).message })
      process.exit(1)
    })
  }
  process.on('SIGINT', () => stop('SIGINT'))
  process.on('SIGTERM', () => stop('SIGTERM'))
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv
  if (command === undefined || command === 'serve') return serve()
  if (command === 'notify' || command === 'status') {
    process.exitCode = await runNotifyCli(command, rest)
    return
  }
  process.stderr.write(`unknown command ${JSON.stringify(command)}\nusage: npm run server [serve]\n${NOTIFY_USAGE}\n`)
  process.exitCode = 2
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`)
  process.exit(1)
})
