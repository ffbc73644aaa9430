/**
 * Readers' answers to the subscription prompt, their credits and the tokens the app reads them with.
 * Only 'accept' grants a credit (WeChat's one-time subscription: one message per acceptance), stamped
 * with when it was granted, because it pays for the next issue published after that moment. Any other
 * answer is recorded as the reader's status and clears their unused credits, because the latest
 * answer is what the reader wants now and a send against a withdrawn subscription would be refused
 * with 43101 anyway.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from './db'

/** What `wx.requestSubscribeMessage` reported for the template. */
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter'

/** The results a client may send. */
export const SUBSCRIBE_RESULTS: readonly SubscribeResult[] = ['accept', 'reject', 'ban', 'filter']

/** A reader's standing: their last answer and the credits not yet used by a message. */
export interface SubscriberState {
  status: SubscribeResult
  credits: number
}

/** A reader token: 32 random bytes, base64url. */
export const READER_TOKEN = /^[A-Za-z0-9_-]{43}$/

/** Tokens kept per reader (one per subscription, newest kept): a reader may use more than one phone. */
const TOKENS_PER_READER = 5

const hash = (token: string) => createHash('sha256').update(token).digest('base64url')

/** The unused credits of `openid`. */
export function unusedCredits(db: Db, openid: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM credits WHERE openid = ? AND outbox_id IS NULL').get(openid) as { n: number }).n
}

/**
 * Records one answer for `openid` in one transaction, granting a credit stamped `now` on accept, and
 * returns the reader's new state.
 */
export function recordSubscription(db: Db, openid: string, result: SubscribeResult, now = Date.now()): SubscriberState {
  return db.transaction((): SubscriberState => {
    db.prepare(`
      INSERT INTO subscribers (openid, status, created_at, updated_at) VALUES (@openid, @result, @now, @now)
      ON CONFLICT (openid) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at
    `).run({ openid, result, now })
    if (result === 'accept') db.prepare('INSERT INTO credits (openid, granted_at) VALUES (?, ?)').run(openid, now)
    else db.prepare('DELETE FROM credits WHERE openid = ? AND outbox_id IS NULL').run(openid)
    return { status: result, credits: unusedCredits(db, openid) }
  }).immediate()
}

/**
 * Hands out a new token with which the app can read `openid`'s state (`readerState`). Only its hash
 * is stored; the oldest tokens beyond the last few of this reader stop working.
 */
export function issueReaderToken(db: Db, openid: string, now = Date.now()): string {
  const token = randomBytes(32).toString('base64url')
  db.transaction(() => {
    db.prepare('INSERT INTO reader_tokens (token_hash, openid, created_at) VALUES (?, ?, ?)').run(hash(token), openid, now)
    db.prepare(`
      DELETE FROM reader_tokens WHERE openid = ? AND token_hash NOT IN
        (SELECT token_hash FROM reader_tokens WHERE openid = ? ORDER BY created_at DESC, rowid DESC LIMIT ?)
    `).run(openid, openid, TOKENS_PER_READER)
  }).immediate()
  return token
}

/** The state of the reader a token was handed to, or undefined for a token this server does not know. */
export function readerState(db: Db, token: string): SubscriberState | undefined {
  const row = db.prepare(`
    SELECT s.openid, s.status FROM reader_tokens t JOIN subscribers s ON s.openid = t.openid WHERE t.token_hash = ?
  `).get(hash(token)) as { openid: string, status: SubscribeResult } | undefined
  return row && { status: row.status, credits: unusedCredits(db, row.openid) }
}
