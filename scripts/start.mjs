// `npm start`: build the sample feed and the H5 app, then serve both on one port until Ctrl-C.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { buildSampleFeed, root, sampleFeedDir } from './build-sample-feed.mjs'
import { startStaticServer } from './static-server.mjs'

const port = Number(process.env.PORT || 8080)
const host = process.env.HOST || '127.0.0.1'

buildSampleFeed()
const build = spawnSync(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
if (build.status !== 0) {
  console.error('The H5 build failed; see the output above.')
  process.exit(build.status ?? 1)
}

const { server, url } = await startStaticServer({ appDir: path.join(root, 'dist', 'h5'), feedDir: sampleFeedDir, host, port })
console.log(`\n高新区报 is being served at ${url}\n(feed: ${url}feed/index.json; Ctrl-C to stop)`)

function stop() {
  server.close(() => process.exit(0))
  server.closeAllConnections()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
