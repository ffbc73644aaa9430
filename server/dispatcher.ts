/**
 * The dispatch loop: `concurrency` workers, each claiming one due outbox row at a time, sending it and
 * recording the outcome. At start, rows a dead process left `sending` become `unknown` (never resent)
 * and everything still `pending` is picked up, so a restart resumes where the crash stopped.
 *
 * A worker makes sure a token can be had before it claims a row, so WeChat being unreachable leaves
 * rows pending instead of spending their attempts; when none can be had, every worker waits for the
 * WeChat client's one shared backoff. 45009 (daily quota) pauses every worker; "system
 * busy" and calls that never left back off per row, exponentially, up to `maxAttempts`.
 */
import type { DispatchConfig } from './config'
import { maskOpenid, type Logger } from './log'
import type { ClaimedDelivery, Outbox } from './outbox'
import type { MessageSender, SendOutcome } from './wechat-client'

/** Longest idle wait before looking at the outbox again, in case a wake-up was missed. */
const IDLE_MS = 60_000

/** Added to the longest possible send when stopping: recording the answer and leaving the loop. */
const STOP_MARGIN_MS = 2_000

/** Runs the outbox. Create one per process and database (see README: one server per database file). */
export class Dispatcher {
  private stopping = false
  private workers: Promise<void>[] = []
  private readonly kickWaiters = new Set<() => void>()
  private readonly stopWaiters = new Set<() => void>()
  private pausedUntilMs = 0
  private inFlight = 0

  constructor(
    private readonly outbox: Outbox,
    private readonly sender: MessageSender,
    private readonly options: DispatchConfig,
    private readonly log: Logger
  ) {}

  /** When sending resumes after a 45009 pause or token trouble, or undefined when not paused. */
  get pausedUntil(): Date | undefined {
    return this.pausedUntilMs > Date.now() ? new Date(this.pausedUntilMs) : undefined
  }

  /** Recovers interrupted rows and starts the workers. Call once. */
  start(): void {
    const interrupted = this.outbox.recoverInterrupted()
    if (interrupted > 0) this.log.warn('messages were in flight when the server last stopped; marked unknown, not resent', { count: interrupted })
    for (let i = 0; i < this.options.concurrency; i++) this.workers.push(this.work())
  }

  /** Wakes idle workers: new rows were queued. */
  kick(): void {
    for (const wake of [...this.kickWaiters]) wake()
  }

  /** How long `stop` waits at most: the longest one send can take, and a little to record it. */
  get maxStopMs(): number {
    return this.sender.maxSendMs + STOP_MARGIN_MS
  }

  /**
   * Stops claiming rows and waits for the sends in flight to be answered and recorded, for as long as
   * a send can take (`maxStopMs`), so none is left `sending` for the next start to mark `unknown`.
   * Resolves true when every worker finished, false when the wait ran out.
   */
  async stop(graceMs = this.maxStopMs): Promise<boolean> {
    this.stopping = true
    for (const wake of [...this.kickWaiters, ...this.stopWaiters]) wake()
    if (this.inFlight > 0) this.log.info('stopping: waiting for sends in flight', { count: this.inFlight, maxWaitMs: graceMs })
    let timer: NodeJS.Timeout | undefined
    const finished = await Promise.race([
      Promise.all(this.workers).then(() => true),
      new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), graceMs) })
    ])
    clearTimeout(timer)
    if (!finished) this.log.error('sends still in flight when the stop wait ran out; they will be marked unknown at the next start', { count: this.inFlight, waitedMs: graceMs })
    return finished
  }

  /** Sleeps `ms`; `stop` always ends the sleep early, `kick` only when `onKick`. */
  private wait(ms: number, onKick: boolean): Promise<void> {
    if (this.stopping) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.kickWaiters.delete(done)
        this.stopWaiters.delete(done)
        resolve()
      }
      const timer = setTimeout(done, Math.max(0, ms))
      ;(onKick ? this.kickWaiters : this.stopWaiters).add(done)
    })
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** Math.min(30, attempt - 1))
    // Jitter, so rows that failed together do not all come back together.
    return Math.round(base * (0.5 + Math.random() / 2))
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.step()
      } catch (e) {
        this.log.error('dispatch step failed', { error: (e as Error).message })
        await this.wait(this.options.backoffMs, false)
      }
    }
  }

  private async step(): Promise<void> {
    const now = Date.now()
    if (this.pausedUntilMs > now) return this.wait(this.pausedUntilMs - now, false)
    const due = this.outbox.nextDueAt()
    if (due === undefined) return this.wait(IDLE_MS, true)
    if (due > now) return this.wait(Math.min(due - now, IDLE_MS), true)
    try {
      await this.sender.accessToken()
    } catch (e) {
      // The client decides when the next token fetch may be made (one backoff shared by every
      // worker); all workers pause until then rather than each counting the failure again.
      const retryAt = (e as { retryAt?: number }).retryAt ?? Date.now() + this.options.backoffMs
      if (retryAt > this.pausedUntilMs) {
        this.pausedUntilMs = retryAt
        this.log.warn('no access token; sending paused', { error: (e as Error).message, retryInMs: retryAt - Date.now() })
      }
      return
    }
    if (this.stopping) return
    const delivery = this.outbox.claim()
    if (!delivery) return
    this.inFlight++
    try {
      const outcome = await this.sender.send({ touser: delivery.openid, templateId: delivery.campaign.templateId, page: delivery.campaign.page, data: delivery.campaign.data })
      this.record(delivery, outcome)
    } finally {
      this.inFlight--
    }
    if (this.options.sendIntervalMs > 0) await this.wait(this.options.sendIntervalMs, false)
  }

  private record(d: ClaimedDelivery, outcome: SendOutcome): void {
    const fields = { issue: d.campaign.issueId, openid: maskOpenid(d.openid), attempt: d.attempts }
    switch (outcome.kind) {
      case 'sent':
        this.outbox.markSent(d.id)
        this.log.info('sent', fields)
        return
      case 'retry':
        if (d.attempts >= this.options.maxAttempts) {
          this.outbox.markFailed(d.id, outcome.errcode, `gave up after ${d.attempts} attempts: ${outcome.errmsg}`, true)
          this.log.warn('gave up', { ...fields, errcode: outcome.errcode, errmsg: outcome.errmsg })
        } else {
          const delay = this.backoff(d.attempts)
          this.outbox.markRetry(d.id, Date.now() + delay, outcome.errcode, outcome.errmsg)
          this.log.warn('not delivered; will retry', { ...fields, errcode: outcome.errcode, errmsg: outcome.errmsg, retryInMs: delay })
        }
        return
      case 'rate-limited': {
        const until = Date.now() + this.options.rateLimitPauseMs
        this.pausedUntilMs = Math.max(this.pausedUntilMs, until)
        this.outbox.markRetry(d.id, until, outcome.errcode, outcome.errmsg, false)
        this.log.warn('WeChat quota reached (45009); sending paused', { ...fields, until: new Date(until).toISOString() })
        return
      }
      case 'dropped':
        this.outbox.markDropped(d.id, outcome.errcode, outcome.errmsg)
        this.log.info('reader holds no subscription; dropped with their credits', { ...fields, errcode: outcome.errcode })
        return
      case 'failed':
        this.outbox.markFailed(d.id, outcome.errcode, outcome.errmsg, outcome.refund)
        this.log.warn('failed; not retried', { ...fields, errcode: outcome.errcode, errmsg: outcome.errmsg })
        return
      case 'unknown':
        this.outbox.markUnknown(d.id, outcome.errmsg)
        this.log.warn('outcome unknown; not resent', { ...fields, errmsg: outcome.errmsg })
    }
  }
}
