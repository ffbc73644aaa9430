// A request that does not arrive in time loses its connection, whatever the server-wide timeout:
// real sockets on a real node:http server, in process.
import http from 'node:http'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { limitRequestTime, readJsonBody, sendJson } from '../../server/http'

async function serve(ms: number): Promise<{ port: number, close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    limitRequestTime(req, res, ms)
    readJsonBody(req, 4096).then((body) => sendJson(res, 200, body), () => undefined)
  })
  server.requestTimeout = 300_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) })
  }
}

/** Sends headers promising 20 bytes and only `sent` of them; resolves with what came back and how long the socket lived. */
function stall(port: number, sent: string): Promise<{ answer: string, ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now()
    let answer = ''
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`POST /x HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 20\r\n\r\n${sent}`)
    })
    socket.on('data', (d) => { answer += d.toString() })
    socket.on('close', () => resolve({ answer, ms: Date.now() - started }))
    socket.on('error', () => undefined)
  })
}

test('a request body that stalls is cut off after its limit, though the server-wide timeout is minutes', async () => {
  const s = await serve(300)
  try {
    const { answer, ms } = await stall(s.port, '{"a":')
    expect(answer).toBe('')
    expect(ms).toBeGreaterThanOrEqual(250)
    expect(ms).toBeLessThan(5_000)
  } finally {
    await s.close()
  }
})

test('a request that arrives in time is answered and its connection kept past the limit', async () => {
  const s = await serve(300)
  try {
    const answer = await new Promise<string>((resolve, reject) => {
      const req = http.request({ port: s.port, host: '127.0.0.1', method: 'POST', path: '/x', headers: { 'content-type': 'application/json' }, agent: new http.Agent({ keepAlive: true }) }, (res) => {
        let text = ''
        res.on('data', (d) => { text += d })
        res.on('end', () => {
          // The timer was cleared: the kept-alive socket is still open well after the limit.
          setTimeout(() => resolve(`${text} ${req.socket?.destroyed ? 'closed' : 'open'}`), 600)
        })
      })
      req.on('error', reject)
      req.end('{"a":1}')
    })
    expect(answer).toBe('{"a":1} open')
  } finally {
    await s.close()
  }
})
