/**
 * Durable file writes: a file is flushed to disk (fsync) before anything refers to it, and a directory
 * is flushed after an entry in it is created or renamed, so the order of renames survives a power cut.
 *
 * `NEWSROOM_TEST_CRASH_AFTER_STEPS=N` (tests only) makes the process SIGKILL itself right after its N-th
 * durable step (a staged file, the journal, a rename), to prove that a crash at any point leaves a feed
 * that was consistent.
 */
import fs from 'node:fs'
import path from 'node:path'

let steps = 0
const crashAfter = Number(process.env.NEWSROOM_TEST_CRASH_AFTER_STEPS ?? '0')

/** Counts one durable step; the crash hook for tests fires here. */
export function durableStep(): void {
  steps++
  if (crashAfter > 0 && steps >= crashAfter) process.kill(process.pid, 'SIGKILL')
}

/** Flushes a directory's entries (new names, renames) to disk. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = fs.openSync(dir, 'r')
    fs.fsyncSync(fd)
  } catch (e) {
    // Some file systems refuse fsync on a directory (EINVAL, EISDIR): nothing more can be done there.
    const code = (e as NodeJS.ErrnoException).code
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM') throw e
  } finally {
    if (fd !== undefined) fs.closeSync(fd)
  }
}

/** Writes a new file (it must not exist) and flushes its content to disk before returning. */
export function writeDurable(file: string, data: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const fd = fs.openSync(file, 'wx')
  try {
    let off = 0
    while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** Renames `from` over `to` and flushes the directories involved. */
export function renameDurable(from: string, to: string): void {
  fs.renameSync(from, to)
  fsyncDir(path.dirname(to))
  if (path.dirname(from) !== path.dirname(to)) fsyncDir(path.dirname(from))
}
