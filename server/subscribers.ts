/**
 * Readers' answers to the subscription prompt. Only 'accept' grants a credit (WeChat's one-time
 * subscription: one message per acceptance); any other answer is recorded as the reader's status and
 * clears their credits, because the latest answer is what the reader wants now and a send against
 * a withdrawn subscription would be refused with 43101 anyway.
 */
import type { Db } from './db'

/** What `wx.requestSubscribeMessage` reported for the template. */
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter'

/** The results a client may send. */
export const SUBSCRIBE_RESULTS: readonly SubscribeResult[] = ['accept', 'reject', 'ban', 'filter']

/** A reader's standing after recording an answer. */
export interface SubscriberState {
  status: SubscribeResult
  credits: number
}

/** Records one answer for `openid` in one statement and returns the reader's new state. */
export function recordSubscription(db: Db, openid: string, result: SubscribeResult, now = Date.now()): SubscriberState {
  const grant = result === 'accept' ? 1 : 0
  return db.prepare(`
    INSERT INTO subscribers (openid, status, credits, created_at, updated_at) VALUES (@openid, @result, @grant, @now, @now)
    ON CONFLICT (openid) DO UPDATE SET
      status = excluded.status,
      credits = CASE WHEN excluded.status = 'accept' THEN credits + 1 ELSE 0 END,
      updated_at = excluded.updated_at
    RETURNING status, credits
  `).get({ openid, result, grant, now }) as SubscriberState
}
