/**
 * Putting staged files in place so that a crash at any point leaves a feed that was consistent:
 *
 * 1. every new file is written under a temporary name next to its target and flushed;
 * 2. a journal (`.newsroom/journal.json`) listing the renames, in order, is written and flushed;
 * 3. the renames run in that order (the id ledger, photos, the issue, `index.json` last), each directory
 *    flushed after its rename; then the journal is removed.
 *
 * A crash before the journal leaves only temporary files, which the next run deletes. A crash after it
 * is completed by the next run ({@link recoverFeed}): every staged file was complete and validated.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { durableStep, fsyncDir, renameDurable, writeDurable } from './durable'
import { STATE_DIR } from './lock'

/** A file to put in place, relative to the feed folder. */
export interface FileWrite {
  rel: string
  data: Uint8Array
}

interface Journal {
  version: 1
  renames: Array<{ from: string, to: string }>
}

/** Temporary names carry this mark; anything with it found by a run holding the lock is debris. */
const TEMP = /\.tmp-\d+-[0-9a-f]{8}$/

/** The journal's path, relative to the feed folder. */
export const JOURNAL = `${STATE_DIR}/journal.json`

function tempName(rel: string): string {
  return `${rel}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`
}

function rollForward(root: string, journal: Journal): number {
  let done = 0
  for (const r of journal.renames) {
    const from = path.join(root, r.from)
    if (fs.existsSync(from)) {
      renameDurable(from, path.join(root, r.to))
      done++
    }
  }
  return done
}

/**
 * Puts `writes` in place in the given order (see the module comment). The caller holds the lock and has
 * validated everything first.
 */
export function commitFiles(root: string, writes: FileWrite[]): void {
  if (writes.length === 0) return
  const renames: Journal['renames'] = []
  try {
    for (const w of writes) {
      const from = tempName(w.rel)
      writeDurable(path.join(root, from), w.data)
      renames.push({ from, to: w.rel })
      durableStep()
    }
  } catch (e) {
    for (const r of renames) fs.rmSync(path.join(root, r.from), { force: true })
    throw e
  }
  // Flush each staging directory and its parents up to the feed folder: a folder created for this
  // publish (images/<issue-id>/) is itself a new entry in its parent.
  const base = path.resolve(root)
  const dirs = new Set<string>()
  for (const r of renames) {
    for (let d = path.dirname(path.resolve(base, r.from)); !dirs.has(d); d = path.dirname(d)) {
      dirs.add(d)
      if (d === base || !d.startsWith(base + path.sep)) break
    }
  }
  for (const dir of dirs) fsyncDir(dir)
  const journalFile = path.join(root, JOURNAL)
  const journalTemp = path.join(root, tempName(JOURNAL))
  writeDurable(journalTemp, Buffer.from(JSON.stringify({ version: 1, renames } satisfies Journal)))
  renameDurable(journalTemp, journalFile)
  durableStep()
  for (const r of renames) {
    renameDurable(path.join(root, r.from), path.join(root, r.to))
    durableStep()
  }
  fs.rmSync(journalFile)
  fsyncDir(path.dirname(journalFile))
}

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const e of entries) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) walk(p, out)
    else out.push(p)
  }
}

/** What {@link recoverFeed} found and did. */
export interface Recovery {
  /** Renames of an interrupted publish that were completed. */
  completed: number
  /** Temporary files of an interrupted run that were deleted (relative paths). */
  deleted: string[]
}

/**
 * Makes the folder whole after a crash: completes an interrupted publish from its journal, then deletes
 * every temporary file. Only call it holding the lock (another run's temporary files are not debris).
 */
export function recoverFeed(root: string): Recovery {
  let completed = 0
  const journalFile = path.join(root, JOURNAL)
  if (fs.existsSync(journalFile)) {
    let journal: Journal | undefined
    try {
      journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal
    } catch { /* a journal is renamed into place complete; an unreadable one was never acted on */ }
    if (journal && Array.isArray(journal.renames)) completed = rollForward(root, journal)
    fs.rmSync(journalFile)
    fsyncDir(path.dirname(journalFile))
  }
  const files: string[] = []
  walk(root, files)
  const deleted: string[] = []
  for (const f of files) {
    if (TEMP.test(f)) {
      fs.rmSync(f, { force: true })
      deleted.push(path.relative(root, f))
    }
  }
  return { completed, deleted }
}

/** True when a publish was interrupted after its journal was written (the next run completes it). */
export function hasPendingPublish(root: string): boolean {
  return fs.existsSync(path.join(root, JOURNAL))
}
