/**
 * Where a photo or a page image lives in the feed. Pure: no I/O.
 *
 * The name carries the article's stable id (or the page's id) and a hash of the bytes, so a changed image
 * gets a new name (a reader's cache can never show an old photo or page under a reused name) and the same
 * image keeps its name across rebuilds.
 */
import crypto from 'node:crypto'
import { slotKey } from '../feed-model'

/** `images/<issue-id>/<article-id>-<n>-<hash>.<ext>`: n counts the article's figures from 1. */
export function photoPath(issueId: string, articleId: string, n: number, data: Uint8Array, ext: string): string {
  return `images/${issueId}/${articleId}-${n}-${hash12(data)}.${ext}`
}

/** `images/<issue-id>/page-<page-id>-<hash>.<ext>`, or `page-<page-id>-thumb-<hash>` for the phone rendition. */
export function pageImagePath(issueId: string, pageId: string, rendition: 'full' | 'thumb', data: Uint8Array, ext: string): string {
  return `images/${issueId}/page-${pageId}${rendition === 'thumb' ? '-thumb' : ''}-${hash12(data)}.${ext}`
}

function hash12(data: Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex').slice(0, 12)
}

/** The key of a photo handed to the publisher: the item's index in the parsed issue and the figure's number. */
export function photoKey(item: number, n: number): string {
  return slotKey({ item, n })
}
