/**
 * Queueing an issue's reminders: one message per reader holding a credit granted before the issue was
 * published. Shared by the admin endpoint (`POST /api/issues/<id>/notify`, which `npm run server --
 * notify` calls) and the newsroom console's 通知订阅读者, so both take exactly the same path.
 */
import type { Config } from './config'
import type { Dispatcher } from './dispatcher'
import { FeedSourceError, issueFacts, LATEST } from './feed-source'
import { HttpError } from './http'
import type { Logger } from './log'
import type { CampaignStatus, Outbox } from './outbox'
import type { Publications } from './publications'
import { buildMessageData, issuePagePath, type MessageData } from './template'
import type { FeedIndex } from '../src/core/feed'

/** What queueing needs; `dispatcher` and `publications` are absent when notifications are off. */
export interface NotifyDeps {
  config: Config
  outbox: Outbox
  dispatcher?: Dispatcher
  publications?: Publications
  log: Logger
}

/** The outcome of {@link queueIssueNotification}. */
export interface Queued {
  issueId: string
  /** False when the issue had already been notified: nothing new was queued. */
  created: boolean
  queued: number
  data: MessageData
  status: CampaignStatus
}

/**
 * Queues the reminders of issue `rawId` (an id, or `latest`) and wakes the dispatcher; idempotent per
 * issue. Throws HttpError: 503 when notifications are off or no feed is configured, 502 when the feed
 * cannot be read, 404 when it does not list the issue.
 */
export async function queueIssueNotification(deps: NotifyDeps, rawId: string): Promise<Queued> {
  const { config } = deps
  if (!deps.dispatcher || !config.wechat) throw new HttpError(503, 'notifications are not configured on this server')
  const publications = deps.publications
  if (!publications) throw new HttpError(503, 'no feed configured (FEED_DIR or FEED_URL)')
  let index: FeedIndex
  try {
    // A read that started before this request might predate the issue being notified.
    index = await publications.observe(Date.now())
  } catch (e) {
    if (e instanceof FeedSourceError) throw new HttpError(502, e.message)
    throw e
  }
  const issue = issueFacts(index, rawId)
  if (!issue) throw new HttpError(404, rawId === LATEST ? 'the feed has no issues' : `the feed has no issue ${rawId}`)
  // Just recorded by observe() if this is the first time the server sees the issue.
  const publishedAt = publications.publishedAt(issue.id) ?? Date.now()
  const data = buildMessageData(config.wechat.fields, issue)
  const result = deps.outbox.enqueue({ issueId: issue.id, templateId: config.wechat.templateId, page: issuePagePath(issue.id), data }, publishedAt)
  deps.log.info(result.created ? 'issue queued for notification' : 'issue already notified; nothing new queued', { issue: issue.id, queued: result.queued })
  deps.dispatcher.kick()
  return { issueId: issue.id, created: result.created, queued: result.queued, data, status: deps.outbox.status(issue.id)! }
}
