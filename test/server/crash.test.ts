// Exactly once across crashes: the server is killed with SIGKILL in the middle of dispatching an issue
// and started again on the same SQLite file. The fake WeChat records every message it accepted, so
// "every reader got exactly one" is checked where it matters, on WeChat's side.
import path from 'node:path'
import Database from 'better-sqlite3'
import { maskOpenid } from '../../server/log'
import { startFakeWechat, type FakeWechat } from './support/fake-wechat'
import { notify, serverEnv, startServer, status, subscribe, tempDir, waitDone, waitFor, writeFeed, type ServerProcess } from './support/server-process'

jest.setTimeout(30_000)

const ISSUE = '2023-08-22'
const READERS = ['o_r01', 'o_r02', 'o_r03', 'o_r04', 'o_r05', 'o_r06']

let fake: FakeWechat
let server: ServerProcess
let tmp: ReturnType<typeof tempDir>
let env: Record<string, string>

/** Outbox states straight from the file the killed process left behind. */
function statesOnDisk(): Record<string, string> {
  const db = new Database(path.join(tmp.dir, 'notifications.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const rows = db.prepare('SELECT openid, state FROM outbox WHERE issue_id = ? ORDER BY id').all(ISSUE) as { openid: string, state: string }[]
    return Object.fromEntries(rows.map((r) => [r.openid, r.state]))
  } finally {
    db.close()
  }
}

async function startWithReaders(extra: Record<string, string>): Promise<void> {
  env = serverEnv(fake, tmp.dir, writeFeed(tmp.dir, []), { SEND_CONCURRENCY: '1', ...extra })
  server = await startServer(env)
  for (const o of READERS) expect((await subscribe(server, fake, o)).status).toBe(200)
  // Then the issue is published (the test notifies it next).
  writeFeed(tmp.dir, [{ id: ISSUE, number: 763, headline: '高新区召开重点项目推进会' }])
}

function expectEveryReaderOnce(readers: string[]): void {
  expect(Object.fromEntries(readers.map((o) => [o, fake.delivered(o).length]))).toEqual(Object.fromEntries(readers.map((o) => [o, 1])))
}

beforeEach(async () => {
  fake = await startFakeWechat()
  tmp = tempDir()
})
afterEach(async () => {
  await server?.stop()
  await fake.close()
  tmp.cleanup()
})

test('killed between two messages: the restarted server sends the rest, every reader gets exactly one', async () => {
  // A pause after each send makes "between two messages" a moment the test can hit.
  await startWithReaders({ SEND_INTERVAL_MS: '500' })
  expect((await notify(server, ISSUE)).json.queued).toBe(6)
  await waitFor(async () => {
    const s = await status(server, ISSUE)
    const c = s.json.counts as Record<string, number>
    return c.sent === 3 && c.sending === 0
  }, 10_000, 'three messages sent')
  await server.kill()

  expect(fake.delivered()).toHaveLength(3)
  expect(Object.values(statesOnDisk())).toEqual(['sent', 'sent', 'sent', 'pending', 'pending', 'pending'])

  server = await startServer(env)
  const s = await waitDone(server, ISSUE)
  expect(s.counts).toEqual({ pending: 0, sending: 0, sent: 6, failed: 0, dropped: 0, unknown: 0, total: 6 })
  expectEveryReaderOnce(READERS)
  expect(fake.sends).toHaveLength(6)
})

test('killed after WeChat accepted a message but before the server recorded it: that message is not sent again', async () => {
  await startWithReaders({})
  let killing: Promise<void> | undefined
  fake.onDelivered = () => {
    // The third message reaches WeChat; the server dies before it hears back.
    if (fake.delivered().length === 3 && !killing) killing = server.kill()
    return killing
  }
  await notify(server, ISSUE)
  await waitFor(() => killing !== undefined, 10_000, 'the kill')
  await killing
  fake.onDelivered = undefined

  expect(fake.delivered()).toHaveLength(3)
  const third = fake.delivered()[2].touser
  expect(statesOnDisk()[third]).toBe('sending')

  server = await startServer(env)
  const s = await waitDone(server, ISSUE)
  expect(s.counts).toEqual({ pending: 0, sending: 0, sent: 5, failed: 0, dropped: 0, unknown: 1, total: 6 })
  expect(s.problems).toEqual([{ openid: maskOpenid(third), state: 'unknown', attempts: 1, errcode: null, errmsg: 'the server stopped while this message was being sent; WeChat may have delivered it, so it is not resent' }])
  expect(server.output()).toContain('messages were in flight when the server last stopped; marked unknown, not resent count=1')
  expectEveryReaderOnce(READERS)
  expect(fake.sends).toHaveLength(6)
})

test('the price of never sending twice: a message lost in flight before WeChat processed it is not sent at all', async () => {
  await startWithReaders({})
  let killing: Promise<void> | undefined
  let lost: string | undefined
  fake.onReceived = async (touser) => {
    if (fake.delivered().length === 2 && !killing) {
      lost = touser
      killing = server.kill()
      await killing
      return 'discard'
    }
  }
  await notify(server, ISSUE)
  await waitFor(() => killing !== undefined, 10_000, 'the kill')
  await killing
  fake.onReceived = undefined
  expect(statesOnDisk()[lost!]).toBe('sending')

  server = await startServer(env)
  const s = await waitDone(server, ISSUE)
  expect(s.counts).toMatchObject({ sent: 5, unknown: 1 })
  // The server cannot tell this case from the one above, so it errs on the side of silence.
  expect(fake.delivered(lost!)).toHaveLength(0)
  expectEveryReaderOnce(READERS.filter((o) => o !== lost))
  expect(fake.sends).toHaveLength(5)
})

test('a graceful stop waits for a slow send to be answered and recorded: the row ends sent, not unknown', async () => {
  // Three WeChat calls' worth of waiting (the old fixed 15 s grace would give up first), within the timeout.
  const SLOW_MS = 16_000
  await startWithReaders({ WECHAT_TIMEOUT_MS: '20000' })
  let stopping: Promise<number | null> | undefined
  fake.onDelivered = async () => {
    if (stopping) return
    stopping = server.stop()
    await new Promise((r) => setTimeout(r, SLOW_MS))
  }
  await notify(server, ISSUE)
  await waitFor(() => stopping !== undefined, 10_000, 'SIGTERM during the first send')
  const startedAt = Date.now()
  expect(await stopping).toBe(0)
  expect(Date.now() - startedAt).toBeGreaterThanOrEqual(SLOW_MS - 1000)
  fake.onDelivered = undefined
  const first = fake.delivered()[0].touser
  expect(statesOnDisk()[first]).toBe('sent')
  expect(server.output()).toMatch(/stopping: waiting for sends in flight count=1 maxWaitMs=82000/)

  // Nothing is unknown after the restart; the other readers get theirs.
  server = await startServer(env)
  const s = await waitDone(server, ISSUE)
  expect(s.counts).toEqual({ pending: 0, sending: 0, sent: 6, failed: 0, dropped: 0, unknown: 0, total: 6 })
  expectEveryReaderOnce(READERS)
}, 45_000)
