/**
 * The newsroom console's HTTP contract: every request and answer of `/newsroom/api/*`, shared by the
 * server (server/console/) and the page (newsroom/console/web/). Types only, apart from a few constants
 * both sides must agree on; nothing here imports runtime code.
 *
 * Conventions:
 * - JSON in and out, except the upload (multipart/form-data) and draft files (images).
 * - Every refusal is {@link ApiError}: a code for the page's logic and a Chinese sentence for the editor.
 * - Every route but `GET session` and `POST login` needs the session cookie (401 without). Every
 *   non-GET request must come from the console's own origin (`Origin` equal to the request's host, or
 *   `Sec-Fetch-Site: same-origin`); anything else, a missing `Origin` included, is refused with 403.
 */
import type { PageZone, ParsedIssue, ParsedItem } from '../../parse-issue'
import type { Article } from '../../../src/core/feed/feed-v1'

/** Where the console lives; the session cookie's Path. */
export const CONSOLE_BASE = '/newsroom/'
/** Where its API lives. */
export const API_BASE = '/newsroom/api/'
/** The session cookie's name (HttpOnly: the page never reads it). */
export const SESSION_COOKIE = 'nr_session'

/**
 * Upload limits, enforced by the server while the upload streams in (413 past a size, 400 past a
 * count); the page may check them first to save the editor a wasted upload.
 */
export const UPLOAD_LIMITS = {
  /** All files of one upload together. */
  totalBytes: 40 * 1024 * 1024,
  /** One PDF. */
  pdfBytes: 25 * 1024 * 1024,
  /** One .txt (the text path's own limit). */
  textBytes: 8 * 1024 * 1024,
  /** PDFs in one upload (one per 版, or several pages in one). */
  pdfFiles: 20
} as const

/** Machine-readable reasons of a refusal. */
export type ApiErrorCode =
  | 'console-off' // 503: ADMIN_TOKEN not set on the server
  | 'cannot-publish' // 503: the server has no FEED_DIR (FEED_URL only): it can read but not publish
  | 'unauthenticated' // 401: no session, or it expired
  | 'wrong-token' // 401: login with the wrong token
  | 'rate-limited' // 429: too many login attempts (Retry-After says when to try again)
  | 'cross-site' // 403: a non-GET request not from the console's own origin
  | 'bad-request' // 400: a malformed body or parameter
  | 'not-found' // 404
  | 'method-not-allowed' // 405
  | 'too-large' // 413: a file or the whole upload over UPLOAD_LIMITS
  | 'unsupported-file' // 415: not a .txt or .pdf
  | 'not-a-newspaper' // 400: parsed, but not an issue of a newspaper (no masthead, no articles …)
  | 'pdf-damaged' // 400
  | 'pdf-encrypted' // 400
  | 'pdf-needs-ocr' // 400: a scan, no text to read
  | 'invalid-issue' // 400: a PUT issue that fails validation (details in `problems`)
  | 'stale-revision' // 409: the draft changed since the page loaded it
  | 'confirm-mismatch' // 409: publish/take-down confirmation does not name this issue
  | 'publish-refused' // 409: the publishing library refused (conflict with a published issue …)
  | 'busy' // 503: another publish holds the feed folder's lock
  | 'notifications-off' // 503: no WECHAT_* configuration on the server
  | 'internal' // 500

/** Every error answer. */
export interface ApiError {
  error: ApiErrorCode
  /** One or two Chinese sentences the page shows the editor as is. */
  message: string
  /** For `invalid-issue`: where (a JSON path into the issue) and what. */
  problems?: Array<{ path: string, message: string }>
}

/** `GET /newsroom/api/session` → 200 (401 `unauthenticated`, 503 `console-off`). */
export interface SessionInfo {
  /** ISO time the session ends (fixed at login; see server/README.md). */
  expiresAt: string
  /** False when the server has only FEED_URL: drafts work, publishing answers 503 `cannot-publish`. */
  canPublish: boolean
  /** False without WECHAT_* configuration: 通知订阅读者 answers 503 `notifications-off`. */
  notifications: boolean
}

/** `POST /newsroom/api/login` body → 204 with the cookie. `POST /newsroom/api/logout` (no body) → 204. */
export interface LoginRequest {
  token: string
}

/** A figure-bearing item's photos, by the draft's file names, in `itemFigures` order (figure, then figures). */
export type ItemPhotos = Array<string | null>

/**
 * One item of a draft: the newsroom's parsed item plus where it is printed (PDFs only) and its photos.
 * `photos` travels with the item through every edit (move, merge, delete), because the publisher keys
 * photos by item index, which edits change; the server turns it into the publisher's keys at publish
 * time. A merge concatenates both items' `figure`/`figures` and `photos` in the same order.
 */
export type EditableItem = ParsedItem & {
  zones?: PageZone[]
  /** Entry k is the {@link DraftPhoto.key} of figure k+1 (null: none, the published one is kept). */
  photos?: ItemPhotos
}

/**
 * The issue as the editor edits it: the newsroom's {@link ParsedIssue} with {@link EditableItem}s — the
 * object the publishing library takes as `parsed`. `warnings` and `leftOut` are the recogniser's,
 * with source lines; the server turns them into {@link DraftNote}s. `masthead`, `warnings` and
 * `leftOut` are the server's: a PUT may send them back as received, but what it sends is ignored
 * (a warning goes away when the editor's correction resolves it, see draft-notes.ts). `pages[k].items`
 * must list exactly the items whose `page` is k. Each item's `paragraphLines` is trimmed or padded by
 * the server to as many entries as `paragraphs` (a split paragraph may repeat its line).
 */
export type EditableIssue = Omit<ParsedIssue, 'items'> & { items: EditableItem[] }

/** Something the editor should look at, tied to the item whose source lines it concerns. */
export interface DraftNote {
  /** Index in `issue.items`; absent when the note concerns no item (masthead, page furniture …). */
  item?: number
  message: string
  kind: 'warning' | 'left-out'
}

/** A page (版) of the draft, with its image when the draft came from PDFs (or a published issue that had one). */
export interface DraftPage {
  name: string
  image?: { url: string, width: number, height: number }
}

/** A photo the draft holds (printed in the PDFs, or published before), by the key items refer to. */
export interface DraftPhoto {
  key: string
  url: string
  width?: number
  height?: number
}

/** Where a draft came from. */
export interface DraftSource {
  kind: 'text' | 'pdf' | 'published'
  /** Upload file names as the editor's computer named them, or the published issue's id. */
  files: string[]
}

/** An upload with its corrections, saved on the server. */
export interface Draft {
  id: string
  /** Starts at 1; each accepted PUT adds 1. Send it back with PUT and publish. */
  revision: number
  createdAt: string
  updatedAt: string
  source: DraftSource
  issue: EditableIssue
  /** Derived by the server from `issue.warnings` and `issue.leftOut` at every save. */
  notes: DraftNote[]
  /** Same order as `issue.pages`. */
  pages: DraftPage[]
  photos: DraftPhoto[]
  /** The published issue this draft corrects (opened from it, or matched by date and number at plan time). */
  publishedId?: string
  /** The id it will publish as, when known from the last plan or publish. */
  targetId?: string
  /** Set once published from this draft: the issue id and when. */
  published?: { issueId: string, at: string }
}

/** `GET /newsroom/api/drafts` → DraftSummary[], newest first. */
export interface DraftSummary {
  id: string
  revision: number
  createdAt: string
  updatedAt: string
  source: DraftSource
  date: string
  number: number
  /** The first item's title. */
  headline: string
  itemCount: number
  warningCount: number
  publishedId?: string
  published?: { issueId: string, at: string }
}

/**
 * `POST /newsroom/api/drafts`: multipart/form-data, one or more parts named `files` (one .txt, or up to
 * UPLOAD_LIMITS.pdfFiles .pdf, taken in file-name order) → 201 {@link Draft}.
 */
export type CreateDraftAnswer = Draft

/**
 * `PUT /newsroom/api/drafts/:id` body → 200 {@link Draft} (409 `stale-revision`, 400 `invalid-issue`
 * with `problems`). At most 4 MB of JSON.
 */
export interface SaveDraftRequest {
  revision: number
  issue: EditableIssue
}

/** `POST /newsroom/api/drafts/:id/plan` body (optional) → 200 {@link PublishPlanAnswer}; writes nothing. */
export interface PlanRequest {
  beside?: boolean
}

/** The issue a publish replaces or collides with. */
export interface IssueRef {
  id: string
  date: string
  number: number
}

/** What publishing the draft would do. */
export interface PublishPlanAnswer {
  /** The id it would publish as. */
  issueId: string
  date: string
  number: number
  /** The published issue it would correct (same date and 总第N期, or the one it was opened from). */
  replaces?: IssueRef
  /** Publishing would be refused: it would land on this published issue; `message` says what to do. */
  conflict?: { id: string, message: string }
  /** The feed-v1 articles as they would be published (ids included), for the preview. */
  articles: Article[]
  /** Page names and ids as they would be published, same order as the draft's pages. */
  pages: Array<{ id: string, name: string }>
  /** The editor's report (the same text `feed build --dry-run` prints). */
  report: string
}

/** `POST /newsroom/api/drafts/:id/publish` body → 200 {@link PublishAnswer}. */
export interface PublishRequest {
  revision: number
  /** Must equal the draft's date and 总第N期 (409 `confirm-mismatch` otherwise). */
  confirm: { date: string, number: number }
  /** Publish beside an issue of the same date (a 号外) instead of being refused. */
  beside?: boolean
}

/** A successful publish. */
export interface PublishAnswer {
  issueId: string
  articleIds: string[]
  /** The reader's link to the issue, relative to the site the feed is served from (`/#/pages/issue/index?id=…`). */
  url: string
}

/** `GET /newsroom/api/issues` → PublishedIssue[], newest first. */
export interface PublishedIssue {
  id: string
  date: string
  number: number
  /** The issue's headline (its first article's title). */
  title: string
  articleCount: number
}

/** `POST /newsroom/api/issues/:id/draft` (no body) → 201 {@link Draft} with `source.kind: 'published'` and `publishedId`. */
export type OpenIssueAnswer = Draft

/**
 * `POST /newsroom/api/issues/:id/notify` (no body) → 200, and `GET` the same path → 200 (404 when never
 * notified): the reminder dispatch of that issue. `queued` is every reminder the dispatch holds
 * (one per subscriber with a reminder left); `sent`, `skipped` (WeChat refused the reader: unsubscribed,
 * blocked) and `failed` count the outcomes so far; `done` once none is pending.
 */
export interface NotifyAnswer {
  issueId: string
  queued: number
  sent: number
  skipped: number
  failed: number
  done: boolean
  /** False when this issue had already been notified: nothing new was queued. */
  created: boolean
}

/** `DELETE /newsroom/api/issues/:id` body → 204 (409 `confirm-mismatch` unless confirm is the id). */
export interface RemoveIssueRequest {
  confirm: string
}
