// What the feed command's tests share: running the command in-process, a fresh folder per test, and
// byte-for-byte pictures of a feed folder.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { main } from '../../newsroom/cli'

export interface FeedRun { code: number, out: string, err: string }

/** Runs `npm run feed -- <args>` in this process, at a fixed clock unless `now` says otherwise. */
export async function runFeed(args: string[], opts: { now?: string, onOut?: (text: string) => void } = {}): Promise<FeedRun> {
  let out = ''
  let err = ''
  const code = await main(args, { out: (t) => { out += t; opts.onOut?.(t) }, err: (t) => { err += t } }, () => new Date(opts.now ?? '2024-01-01T00:00:00.000Z'))
  return { code, out, err }
}

/** A new temporary folder for each test, removed after it; read `dir()` inside a test. */
export function tmpDirEachTest(prefix: string): () => string {
  let tmp = ''
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  })
  afterEach(() => {
    fs.rmSync(tmp, { recursive: true, force: true })
  })
  return () => tmp
}

/** Every file under `dir` (relative paths, sorted), or none when it does not exist. */
export function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else out.push(path.relative(dir, p))
    }
  }
  if (fs.existsSync(dir)) walk(dir)
  return out.sort()
}

/** Every file under `dir` with its bytes (base64), optionally without the newsroom's own state. */
export function snapshot(dir: string, withState = true): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of listFiles(dir)) {
    if (!withState && f.startsWith('.newsroom/')) continue
    out[f] = fs.readFileSync(path.join(dir, f)).toString('base64')
  }
  return out
}
