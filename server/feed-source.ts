/**
 * Reads the feed index (from FEED_DIR or FEED_URL) to learn an issue's date, number and lead headline,
 * validated with the app's own feed validator so the server and the reader app agree on what a valid
 * feed is. Read on each notify request: the newsroom notifies right after building the feed.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describeProblems, validateIndex, type FeedIndex } from '../src/core/feed'
import type { FeedLocation } from './config'
import { request } from './http-client'
import type { IssueFacts } from './template'

/** The feed could not be read or is not a valid v1 feed. */
export class FeedSourceError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FeedSourceError'
  }
}

/** The word that names the newest issue in the notify command and endpoint. */
export const LATEST = 'latest'

/** Loads and validates index.json. Throws FeedSourceError. */
export async function readFeedIndex(location: FeedLocation, timeoutMs = 10_000): Promise<FeedIndex> {
  let text: string
  const where = location.kind === 'dir' ? path.join(location.dir, 'index.json') : `${location.url}index.json`
  try {
    if (location.kind === 'dir') {
      text = await readFile(where, 'utf8')
    } else {
      const res = await request(where, { timeoutMs, maxBytes: 8 * 1_048_576 })
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`)
      text = res.body
    }
  } catch (e) {
    throw new FeedSourceError(`cannot read ${where}: ${(e as Error).message}`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new FeedSourceError(`${where} is not JSON`)
  }
  const v = validateIndex(json)
  if (!v.ok) throw new FeedSourceError(`${where} is not a valid feed index: ${describeProblems(v.problems)}`)
  return v.value
}

/** The facts of issue `id` (or of the newest issue for `latest`) in `index`, or undefined when it has no such issue. */
export function issueFacts(index: FeedIndex, id: string): IssueFacts | undefined {
  const s = id === LATEST ? index.issues[0] : index.issues.find((i) => i.id === id)
  return s && { id: s.id, date: s.date, number: s.number, yearNumber: s.yearNumber, headline: s.headline, paperName: index.paper.name }
}
