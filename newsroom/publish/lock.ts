/**
 * One writer at a time per feed folder: a lock file `.newsroom/lock` created with O_EXCL, holding its
 * owner (host, pid, start time, a random token).
 *
 * Written here rather than taken from proper-lockfile (the usual npm choice) because a lock left by a
 * build that crashed must be recovered at once when its owner is known to be dead, not after a staleness
 * timeout, and the console's server needs a wait that does not block its event loop. A lock whose owner
 * runs on this host and is no longer alive is stale; so is one older than `staleMs` from anywhere (a
 * build takes seconds).
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fsyncDir } from './durable'

/** The folder, inside a feed folder, that holds the newsroom's own state: lock, journal, id ledger. */
export const STATE_DIR = '.newsroom'

interface Owner {
  host: string
  pid: number
  since: string
  token: string
}

/** A held lock; `release` removes it only if it is still ours. */
export interface HeldLock {
  release: () => void
  /** Set when a stale lock was broken to get this one. */
  recovered?: string
}

/** Thrown when the lock could not be had in time; names the holder. */
export class LockBusyError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'LockBusyError'
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(file, 'utf8')) as Owner
    return typeof o.pid === 'number' && typeof o.token === 'string' ? o : undefined
  } catch {
    return undefined
  }
}

function staleReason(file: string, owner: Owner | undefined, staleMs: number): string | undefined {
  let mtime: number
  try {
    mtime = fs.statSync(file).mtimeMs
  } catch {
    return undefined
  }
  if (!owner) return Date.now() - mtime > 2000 ? '一个读不出内容的锁文件' : undefined
  if (owner.host === os.hostname() && !alive(owner.pid)) return `进程${owner.pid}（已不在运行）`
  if (Date.now() - mtime > staleMs) return `${owner.host}上的进程${owner.pid}（自${owner.since}起持有）`
  return undefined
}

/**
 * Takes the feed folder's lock, waiting (without blocking the event loop) up to `timeoutMs` while another
 * build holds it, and breaking a stale one. Creates the state folder (and the feed folder) if missing.
 */
export async function acquireLock(feedDir: string, opts: { timeoutMs?: number, staleMs?: number } = {}): Promise<HeldLock> {
  const timeoutMs = opts.timeoutMs ?? 60_000
  const staleMs = opts.staleMs ?? 10 * 60_000
  const dir = path.join(feedDir, STATE_DIR)
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'lock')
  const me: Owner = { host: os.hostname(), pid: process.pid, since: new Date().toISOString(), token: crypto.randomBytes(8).toString('hex') }
  const deadline = Date.now() + timeoutMs
  let recovered: string | undefined
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    try {
      const fd = fs.openSync(file, 'wx')
      try {
        fs.writeSync(fd, JSON.stringify(me))
        fs.fsyncSync(fd)
      } finally {
        fs.closeSync(fd)
      }
      fsyncDir(dir)
      return {
        recovered,
        release: () => {
          if (readOwner(file)?.token === me.token) fs.rmSync(file, { force: true })
        }
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    }
    const owner = readOwner(file)
    const stale = staleReason(file, owner, staleMs)
    if (stale) {
      // Move the stale lock aside under a unique name, then make sure it was the one judged stale: two
      // builds may judge the same lock stale, and the second must not break the lock the first just took.
      const aside = `${file}.stale-${me.token}`
      try {
        fs.renameSync(file, aside)
      } catch {
        continue
      }
      const moved = readOwner(aside)
      if (owner && moved?.token !== owner.token) {
        try {
          fs.linkSync(aside, file)
        } catch { /* a third build took the lock meanwhile; ours waits as usual */ }
      } else recovered = `已解除${stale}留下的过期锁`
      fs.rmSync(aside, { force: true })
      continue
    }
    if (Date.now() >= deadline) {
      throw new LockBusyError(`另一次生成正占用${file}（${owner ? `${owner.host}上的进程${owner.pid}，自${owner.since}起` : '占用者不明'}）；请等它结束后再试`)
    }
    await new Promise((resolve) => setTimeout(resolve, wait))
  }
}
