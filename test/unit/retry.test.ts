import { TransportError, type HttpGet } from '@/core/http'
import { withRetry } from '@/core/retry'

function scripted(answers: Array<number | TransportError>): HttpGet & { calls: number } {
  const state = { calls: 0 }
  const get: HttpGet = async () => {
    const a = answers[Math.min(state.calls++, answers.length - 1)]
    if (a instanceof TransportError) throw a
    return { status: a, body: '{}' }
  }
  return Object.defineProperty(get, 'calls', { get: () => state.calls }) as HttpGet & { calls: number }
}

const sleeps: number[] = []
const options = { retries: 2, baseDelayMs: 100, sleep: async (ms: number) => { sleeps.push(ms) }, random: () => 0.5 }
beforeEach(() => { sleeps.length = 0 })

test('retries timeouts and 5xx with doubling delays, then succeeds', async () => {
  const get = scripted([new TransportError('timeout', 't'), 503, 200])
  const res = await withRetry(get, options)('u', { timeoutMs: 1 })
  expect([res.status, get.calls, sleeps]).toEqual([200, 3, [100, 200]])
})

test('gives up after the last retry with the last failure', async () => {
  const get = scripted([new TransportError('offline', 'o')])
  await expect(withRetry(get, options)('u', { timeoutMs: 1 })).rejects.toMatchObject({ failure: 'offline' })
  expect(get.calls).toBe(3)
  const five = scripted([500])
  expect((await withRetry(five, options)('u', { timeoutMs: 1 })).status).toBe(500)
  expect(five.calls).toBe(3)
})

test('does not retry what retrying cannot fix: 404, 200 with bad content, non-transport errors', async () => {
  const notFound = scripted([404])
  expect((await withRetry(notFound, options)('u', { timeoutMs: 1 })).status).toBe(404)
  expect(notFound.calls).toBe(1)
  const boom: HttpGet = async () => { throw new Error('bug') }
  await expect(withRetry(boom, options)('u', { timeoutMs: 1 })).rejects.toThrow('bug')
})
