export default async function globalTeardown() {
  const server = globalThis.__testServer
  if (!server) return
  globalThis.__testServer = undefined
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
}
