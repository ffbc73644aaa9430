/**
 * Where a photo lives in the feed. Pure: no I/O.
 *
 * The name carries the article's stable id and a hash of the bytes, so a changed photo gets a new name
 * (a reader's cache can never show an old photo under a reused name) and the same photo keeps its name
 * across rebuilds.
 */
import crypto from 'node:crypto'
import { slotKey } from '../feed-model'

/** `images/<issue-id>/<article-id>-<n>-<hash>.<ext>`: n counts the article's figures from 1. */
export function photoPath(issueId: string, articleId: string, n: number, data: Uint8Array, ext: string): string {
  const hash = crypto.createHash('sha256').update(data).digest('hex').slice(0, 12)
  return `images/${issueId}/${articleId}-${n}-${hash}.${ext}`
}

/** The key of a photo handed to the publisher: the item's index in the parsed issue and the figure's number. */
export function photoKey(item: number, n: number): string {
  return slotKey({ item, n })
}
