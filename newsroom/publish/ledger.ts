/**
 * The record of article ids ever used per issue, `.newsroom/article-ids.json`, kept so that a removed
 * article's id is never given to another article, even after the issue itself was taken down and
 * published again. It is written before the issue that uses new ids (see commit.ts), so a crash can only
 * waste an id, never reuse one.
 */
import fs from 'node:fs'
import path from 'node:path'
import { STATE_DIR } from './lock'

/** The ledger's path, relative to the feed folder. */
export const LEDGER = `${STATE_DIR}/article-ids.json`

/** Issue id → every article id it ever used. */
export interface Ledger {
  version: 1
  issues: Record<string, string[]>
}

/** Reads the ledger; an absent one is empty. Throws with the file named when it is unreadable. */
export function readLedger(root: string): Ledger {
  const file = path.join(root, LEDGER)
  if (!fs.existsSync(file)) return { version: 1, issues: {} }
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as Ledger
    if (v && v.version === 1 && v.issues && typeof v.issues === 'object' && Object.values(v.issues).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'))) return v
  } catch { /* reported below */ }
  throw new Error(`${file}不是可读的文章编号记录；发布前请从备份恢复它（这份记录只增不减）`)
}

/** The ledger with `ids` recorded for `issueId`, and whether that changed it. Pure. */
export function recordIds(ledger: Ledger, issueId: string, ids: string[]): { ledger: Ledger, changed: boolean } {
  const before = ledger.issues[issueId] ?? []
  const merged = [...new Set([...before, ...ids])]
  if (merged.length === before.length) return { ledger, changed: false }
  const order = (id: string) => Number(/^a(\d+)$/.exec(id)?.[1] ?? Number.MAX_SAFE_INTEGER)
  merged.sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1))
  return { ledger: { version: 1, issues: { ...ledger.issues, [issueId]: merged } }, changed: true }
}
