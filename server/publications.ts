/**
 * When each issue was published, as this server learns it: the first time it reads a feed index that
 * lists the issue. A reminder credit pays for the next issue published after it was granted, so this
 * moment must come before any subscription made with the issue in the reader's hands. The server
 * therefore reads the index before recording every subscription (any issue the reader could have seen
 * is stamped no later than the credit), every FEED_CHECK_SECONDS (so a read failing at that moment
 * changes little), at start, and when an issue is notified.
 *
 * Not the index's `updatedAt` (it changes with every rebuild or correction of any issue) nor the
 * notify request (it comes after the readers who subscribed in between have the issue in hand).
 */
import type { FeedIndex } from '../src/core/feed'
import type { FeedLocation } from './config'
import type { Db } from './db'
import { readFeedIndex } from './feed-source'
import type { Logger } from './log'

/** Reads the feed and records first sightings. One per process. */
export class Publications {
  private reading: Promise<FeedIndex> | undefined
  /** When the read in `reading` started. */
  private readingSince = 0
  /** Every read not yet finished (an older one may still run beside a newer). */
  private readonly reads = new Set<Promise<unknown>>()
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly db: Db,
    private readonly feed: FeedLocation,
    private readonly timeoutMs: number,
    private readonly log: Logger,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * Reads the index and records every issue in it not seen before. A read already under way is
   * shared when it started at or after `notBefore` (epoch ms): one started earlier might have missed an
   * issue published since, so a new read is made. Rejects with the feed source's error.
   */
  observe(notBefore = 0): Promise<FeedIndex> {
    if (this.reading && this.readingSince >= notBefore) return this.reading
    this.readingSince = this.now()
    const reading: Promise<FeedIndex> = readFeedIndex(this.feed, this.timeoutMs)
      .then((index) => {
        this.record(index.issues.map((i) => i.id))
        return index
      })
      .finally(() => {
        this.reads.delete(reading)
        if (this.reading === reading) this.reading = undefined
      })
    this.reads.add(reading)
    this.reading = reading
    return reading
  }

  /** Like `observe`, but a feed that cannot be read is logged, not thrown: for reads that only help. */
  async tryObserve(why: string, notBefore = 0): Promise<void> {
    try {
      await this.observe(notBefore)
    } catch (e) {
      this.log.warn('could not read the feed to learn of new issues', { when: why, error: (e as Error).message })
    }
  }

  /** Records `issueIds` as published now unless already known. */
  record(issueIds: string[]): void {
    const at = this.now()
    const insert = this.db.prepare('INSERT INTO issues (issue_id, published_at) VALUES (?, ?) ON CONFLICT (issue_id) DO NOTHING')
    this.db.transaction(() => {
      for (const id of issueIds) {
        if (insert.run(id, at).changes > 0) this.log.info('new issue in the feed', { issue: id })
      }
    }).immediate()
  }

  /** When the server first saw `issueId` in the feed (epoch ms), or undefined. */
  publishedAt(issueId: string): number | undefined {
    return (this.db.prepare('SELECT published_at AS at FROM issues WHERE issue_id = ?').get(issueId) as { at: number } | undefined)?.at
  }

  /** Reads the feed now and then every `seconds` (0: only now). */
  start(seconds: number): void {
    void this.tryObserve('start')
    if (seconds > 0) {
      this.timer = setInterval(() => { void this.tryObserve('periodic check') }, seconds * 1000)
      this.timer.unref()
    }
  }

  /** Stops the periodic check and waits for the reads in progress, so the database can close after them. */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    await Promise.all([...this.reads].map((r) => r.catch(() => undefined)))
  }
}
