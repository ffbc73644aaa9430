// Starts one local server for the weapp and e2e projects: the H5 build at / and the sample feed at
// /feed/, on the port the test build of the mini-program was pointed at (see scripts/run-tests.mjs).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startStaticServer } from '../../scripts/static-server.mjs'

export const TEST_PORT = Number(process.env.TEST_PORT || 18731)

export default async function globalSetup() {
  if (globalThis.__testServer) return
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
  const { server, url } = await startStaticServer({ appDir: path.join(root, 'dist', 'h5'), feedDir: path.join(root, 'dist', 'feed'), port: TEST_PORT })
  globalThis.__testServer = server
  process.env.TEST_BASE_URL = url
}
