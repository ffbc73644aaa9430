// `npm start`: seed the working feed from the sample (first start only), build the H5 app and the
// newsroom console's page, start the notification server (notifications stay off unless WECHAT_*
// credentials are set; the newsroom console at /newsroom/ is on with ADMIN_TOKEN and publishes into
// the working feed), and serve it all on one port until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process'
import path from 'node:path'
import { buildConsole } from './build-console.mjs'
import { root, seedWorkingFeed, workingFeedDir } from './build-sample-feed.mjs'
import { startStaticServer, trustProxyBehind } from './static-server.mjs'

const port = Number(process.env.PORT || 8080)
const host = process.env.HOST || '127.0.0.1'
const notifyPort = Number(process.env.NOTIFY_PORT || port + 1)

// The feed the reader reads and the console publishes into: kept across restarts, so issues published
// in the console stay. FEED_DIR points it elsewhere (used as it is, never seeded).
const feedDir = process.env.FEED_DIR ? path.resolve(process.env.FEED_DIR) : workingFeedDir
if (!process.env.FEED_DIR && seedWorkingFeed(feedDir)) console.log(`Seeded the working feed ${path.relative(root, feedDir)}/ with the sample issue (delete the folder to start again from the sample).`)
const build = spawnSync(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
if (build.status !== 0) {
  console.error('The H5 build failed; see the output above.')
  process.exit(build.status ?? 1)
}
// The newsroom console's page (dist/console/), which the notification server serves at /newsroom/.
await buildConsole()

const notifier = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  // Readers reach it only through the /api/ proxy below: one more proxy hop to trust.
  env: { ...process.env, HOST: '127.0.0.1', PORT: String(notifyPort), FEED_DIR: feedDir, TRUST_PROXY: trustProxyBehind(process.env) }
})
notifier.on('exit', (code, signal) => {
  if (!stopping) console.error(`The notification server stopped (${signal ?? code}); reading still works, subscribing does not.`)
})

const { server, url } = await startStaticServer({ appDir: path.join(root, 'dist', 'h5'), feedDir, host, port, apiTarget: `http://127.0.0.1:${notifyPort}`, trustProxy: Number(process.env.TRUST_PROXY || 0) })
console.log(`\n高新区报 is being served at ${url}\n(feed: ${url}feed/index.json from ${path.relative(root, feedDir) || feedDir}; notification server: ${url}api/ → 127.0.0.1:${notifyPort}; newsroom console: ${url}newsroom/${process.env.ADMIN_TOKEN ? '' : ' (off: set ADMIN_TOKEN)'}; Ctrl-C to stop)`)

let stopping = false
function stop() {
  if (stopping) return
  stopping = true
  notifier.kill('SIGTERM')
  server.close(() => process.exit(0))
  server.closeAllConnections()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
