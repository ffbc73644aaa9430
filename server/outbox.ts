/**
 * The outbox: one row per (issue, reader), with its state:
 *
 *   pending ──claim──▶ sending ──▶ sent | failed | dropped | unknown
 *      ▲                  │
 *      └──── retry ───────┘   (WeChat said it did not deliver: busy, 45009, token trouble)
 *
 * `claim` commits `sending` (with the attempt's time) before the HTTP call is made. A row found in
 * `sending` when the server starts was in flight when the previous process died: WeChat may or may not
 * have delivered it and has no way to ask, so it becomes `unknown` and is never sent again. That makes
 * delivery at-most-once in that window and exactly-once everywhere else (README: "Exactly once").
 * Every write is one statement or one IMMEDIATE transaction, so a crash leaves each row in one state.
 */
import type { Db } from './db'
import type { MessageData } from './template'

/** A row's state. */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'dropped' | 'unknown'

/** The content of an issue's messages, fixed when the issue is first notified. */
export interface Campaign {
  issueId: string
  templateId: string
  page: string
  data: MessageData
}

/** A row claimed for sending. */
export interface ClaimedDelivery {
  id: number
  openid: string
  /** Including this one. */
  attempts: number
  campaign: Campaign
}

/** A row that did not end in `sent`, for the status report. */
export interface Problem {
  openid: string
  state: DeliveryState
  attempts: number
  errcode: number | null
  errmsg: string | null
}

/** An issue's notification progress. */
export interface CampaignStatus {
  issueId: string
  createdAt: string
  counts: Record<DeliveryState, number> & { total: number }
  /** True when no row is pending or sending. */
  done: boolean
  /** At most 100, oldest first. */
  problems: Problem[]
}

/** Result of `enqueue`. */
export interface EnqueueResult {
  /** False when the issue had already been notified: nothing new is queued. */
  created: boolean
  queued: number
}

/** Outbox operations over one database. Synchronous: better-sqlite3 runs each call to completion. */
export class Outbox {
  private readonly campaigns = new Map<string, Campaign>()

  constructor(private readonly db: Db) {}

  /**
   * Records the campaign and, in the same transaction, one pending row per reader holding a credit
   * granted before the issue was published (`publishedAt`), using the oldest such credit of each. A
   * credit granted later is left for the next issue: the reader subscribed with this one in hand.
   * An issue already notified is left alone: notifying is idempotent.
   */
  enqueue(campaign: Campaign, publishedAt: number, now = Date.now()): EnqueueResult {
    const db = this.db
    return db.transaction((): EnqueueResult => {
      const created = db.prepare('INSERT INTO campaigns (issue_id, template_id, page, data, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (issue_id) DO NOTHING')
        .run(campaign.issueId, campaign.templateId, campaign.page, JSON.stringify(campaign.data), now)
      if (created.changes === 0) return { created: false, queued: 0 }
      const params = { issue: campaign.issueId, published: publishedAt, now }
      const queued = db.prepare(`
        INSERT INTO outbox (issue_id, openid, created_at)
        SELECT @issue, s.openid, @now FROM subscribers s
        WHERE s.status = 'accept'
          AND EXISTS (SELECT 1 FROM credits c WHERE c.openid = s.openid AND c.outbox_id IS NULL AND c.granted_at < @published)
        ORDER BY s.updated_at, s.openid
      `).run(params).changes
      db.prepare(`
        UPDATE credits SET outbox_id = (SELECT o.id FROM outbox o WHERE o.issue_id = @issue AND o.openid = credits.openid)
        WHERE id IN (
          SELECT (SELECT c.id FROM credits c WHERE c.openid = o.openid AND c.outbox_id IS NULL AND c.granted_at < @published ORDER BY c.granted_at, c.id LIMIT 1)
          FROM outbox o WHERE o.issue_id = @issue
        )
      `).run({ issue: params.issue, published: params.published })
      return { created: true, queued }
    }).immediate()
  }

  /** Claims the next due pending row: commits `sending`, counts the attempt, returns it. */
  claim(now = Date.now()): ClaimedDelivery | undefined {
    const row = this.db.prepare(`
      UPDATE outbox SET state = 'sending', attempts = attempts + 1, sending_since = @now
      WHERE id = (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT 1)
      RETURNING id, issue_id AS issueId, openid, attempts
    `).get({ now }) as { id: number, issueId: string, openid: string, attempts: number } | undefined
    if (!row) return undefined
    return { id: row.id, openid: row.openid, attempts: row.attempts, campaign: this.campaign(row.issueId) }
  }

  /** When the earliest pending row is due (epoch ms), or undefined when none is pending. */
  nextDueAt(): number | undefined {
    const row = this.db.prepare("SELECT MIN(next_attempt_at) AS at FROM outbox WHERE state = 'pending'").get() as { at: number | null }
    return row.at ?? undefined
  }

  /** WeChat accepted the message. */
  markSent(id: number, now = Date.now()): void {
    this.finish(id, 'sent', now, null, null)
  }

  /**
   * WeChat said it did not deliver and a later attempt may succeed: back to pending, due at `at`.
   * `countAttempt` false gives the attempt back (a quota pause is no fault of the message).
   */
  markRetry(id: number, at: number, errcode: number | null, errmsg: string, countAttempt = true): void {
    this.db.prepare(`
      UPDATE outbox SET state = 'pending', next_attempt_at = ?, errcode = ?, errmsg = ?, sending_since = NULL,
        attempts = attempts - ?
      WHERE id = ? AND state = 'sending'
    `).run(at, errcode, errmsg, countAttempt ? 0 : 1, id)
  }

  /**
   * Not delivered and not to be retried. `refund` gives the reader's credit back (when the fault was
   * ours, e.g. a bad template, and WeChat still holds the reader's subscription).
   */
  markFailed(id: number, errcode: number | null, errmsg: string, refund: boolean, now = Date.now()): void {
    this.db.transaction(() => {
      const openid = this.finish(id, 'failed', now, errcode, errmsg)
      if (!refund || !openid) return
      const status = this.db.prepare('SELECT status FROM subscribers WHERE openid = ?').get(openid) as { status: string } | undefined
      // The reader has since refused: nothing to give back.
      if (status?.status !== 'accept') return
      // The credit keeps its grant time, so it pays for the next issue as it would have.
      const back = this.db.prepare('UPDATE credits SET outbox_id = NULL WHERE outbox_id = ?').run(id).changes
      // A message queued before credits had rows: its credit was granted before the row was queued.
      if (back === 0) this.db.prepare('INSERT INTO credits (openid, granted_at) SELECT openid, created_at FROM outbox WHERE id = ?').run(id)
    }).immediate()
  }

  /** WeChat says the reader holds no subscription (43101): the row is dropped and so are their credits. */
  markDropped(id: number, errcode: number, errmsg: string, now = Date.now()): void {
    this.db.transaction(() => {
      const openid = this.finish(id, 'dropped', now, errcode, errmsg)
      if (openid) this.db.prepare('DELETE FROM credits WHERE openid = ? AND outbox_id IS NULL').run(openid)
    }).immediate()
  }

  /** The request may have reached WeChat but its answer was lost: never resent. */
  markUnknown(id: number, errmsg: string, now = Date.now()): void {
    this.finish(id, 'unknown', now, null, errmsg)
  }

  /**
   * Run once at start, before any claim: rows left `sending` by a process that died are `unknown`.
   * Returns how many.
   */
  recoverInterrupted(now = Date.now()): number {
    return this.db.prepare(`
      UPDATE outbox SET state = 'unknown', finished_at = ?,
        errmsg = 'the server stopped while this message was being sent; WeChat may have delivered it, so it is not resent'
      WHERE state = 'sending'
    `).run(now).changes
  }

  /** An issue's progress, or undefined when it was never notified. */
  status(issueId: string): CampaignStatus | undefined {
    const campaign = this.db.prepare('SELECT created_at AS createdAt FROM campaigns WHERE issue_id = ?').get(issueId) as { createdAt: number } | undefined
    if (!campaign) return undefined
    const counts: CampaignStatus['counts'] = { pending: 0, sending: 0, sent: 0, failed: 0, dropped: 0, unknown: 0, total: 0 }
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM outbox WHERE issue_id = ? GROUP BY state').all(issueId) as { state: DeliveryState, n: number }[]) {
      counts[r.state] = r.n
      counts.total += r.n
    }
    const problems = this.db.prepare(`
      SELECT openid, state, attempts, errcode, errmsg FROM outbox
      WHERE issue_id = ? AND state IN ('failed', 'dropped', 'unknown') ORDER BY id LIMIT 100
    `).all(issueId) as Problem[]
    return { issueId, createdAt: new Date(campaign.createdAt).toISOString(), counts, done: counts.pending + counts.sending === 0, problems }
  }

  private finish(id: number, state: DeliveryState, now: number, errcode: number | null, errmsg: string | null): string | undefined {
    const row = this.db.prepare(`
      UPDATE outbox SET state = ?, finished_at = ?, errcode = ?, errmsg = ?
      WHERE id = ? AND state = 'sending' RETURNING openid
    `).get(state, now, errcode, errmsg, id) as { openid: string } | undefined
    return row?.openid
  }

  private campaign(issueId: string): Campaign {
    let c = this.campaigns.get(issueId)
    if (!c) {
      const row = this.db.prepare('SELECT template_id AS templateId, page, data FROM campaigns WHERE issue_id = ?').get(issueId) as { templateId: string, page: string, data: string }
      c = { issueId, templateId: row.templateId, page: row.page, data: JSON.parse(row.data) as MessageData }
      this.campaigns.set(issueId, c)
    }
    return c
  }
}
