/**
 * The SQLite database: one file, WAL mode, synchronous=FULL so a committed "sending" mark survives
 * not only a killed process but a power cut, which the exactly-once design relies on (see README).
 * Migrations are numbered, applied in order in one transaction each, and recorded in
 * `schema_migrations`; a file written by a newer version is refused rather than misread.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** An open database handle. */
export type Db = Database.Database

/**
 * Migration n (1-based) is MIGRATIONS[n - 1]. Append only: a released migration is never edited.
 * Times are epoch milliseconds.
 */
export const MIGRATIONS: readonly string[] = [
  `
  -- A reader (by openid) and their last answer to the subscription prompt. credits counts accepted
  -- prompts not yet used by a message: WeChat allows one message per accepted one-time subscription.
  CREATE TABLE subscribers (
    openid TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('accept', 'reject', 'ban', 'filter')),
    credits INTEGER NOT NULL DEFAULT 0 CHECK (credits >= 0),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  -- One per notified issue: the message content, fixed when the notification was requested so that a
  -- resumed dispatch sends what the first one did.
  CREATE TABLE campaigns (
    issue_id TEXT PRIMARY KEY,
    template_id TEXT NOT NULL,
    page TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  -- The outbox: the intent to send one message to one reader about one issue, written (and the credit
  -- taken) before anything is sent. UNIQUE makes a second intent for the same pair impossible.
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    issue_id TEXT NOT NULL REFERENCES campaigns (issue_id),
    openid TEXT NOT NULL REFERENCES subscribers (openid),
    state TEXT NOT NULL DEFAULT 'pending'
      CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dropped', 'unknown')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    sending_since INTEGER,
    finished_at INTEGER,
    errcode INTEGER,
    errmsg TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (issue_id, openid)
  );
  CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
  `,
  `
  -- When the server learned that each issue was published: the first time it read a feed index
  -- listing it (at start, every FEED_CHECK_SECONDS, before recording each subscription, and when the
  -- issue is notified). Issues notified before this migration: their notification time.
  CREATE TABLE issues (
    issue_id TEXT PRIMARY KEY,
    published_at INTEGER NOT NULL
  );
  INSERT INTO issues (issue_id, published_at) SELECT issue_id, created_at FROM campaigns;

  -- One row per accepted subscription prompt. A credit pays for the next issue published after it was
  -- granted: it is used (outbox_id set) only by an issue whose published_at is later than granted_at.
  CREATE TABLE credits (
    id INTEGER PRIMARY KEY,
    openid TEXT NOT NULL REFERENCES subscribers (openid),
    granted_at INTEGER NOT NULL,
    outbox_id INTEGER REFERENCES outbox (id)
  );
  CREATE INDEX credits_unused ON credits (openid, granted_at, id) WHERE outbox_id IS NULL;
  -- Credits counted before this migration: granted at the latest when the reader's row last changed.
  WITH RECURSIVE n (i) AS (
    SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT COALESCE(MAX(credits), 0) FROM subscribers)
  )
  INSERT INTO credits (openid, granted_at)
    SELECT s.openid, s.updated_at FROM subscribers s JOIN n ON n.i <= s.credits WHERE s.status = 'accept';
  ALTER TABLE subscribers DROP COLUMN credits;

  -- What the app shows a reader their remaining reminders with: a random token handed out when they
  -- subscribe, stored only as its SHA-256. The openid itself never leaves the server.
  CREATE TABLE reader_tokens (
    token_hash TEXT PRIMARY KEY,
    openid TEXT NOT NULL REFERENCES subscribers (openid),
    created_at INTEGER NOT NULL
  );
  CREATE INDEX reader_tokens_openid ON reader_tokens (openid, created_at);
  `,
  `
  -- The newsroom console's logins: a random 32-byte id in the editor's cookie, stored only as its
  -- SHA-256, so a copy of the database opens no session. Deleted at logout; expired rows are purged.
  CREATE TABLE console_sessions (
    token_hash TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);

  -- Drafts: an upload with the editor's corrections. The issue and the list of the draft's files
  -- (page images, photos, under DRAFTS_DIR/<id>/) are JSON; revision counts accepted saves.
  CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    source TEXT NOT NULL,
    issue TEXT NOT NULL,
    files TEXT NOT NULL,
    published_id TEXT,
    target_id TEXT,
    published_issue_id TEXT,
    published_at INTEGER
  );
  CREATE INDEX drafts_newest ON drafts (created_at);
  `
]

function migrate(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)')
  const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v
  if (current > MIGRATIONS.length) {
    throw new Error(`the database is at schema version ${current}, newer than this server knows (${MIGRATIONS.length}); run a newer server`)
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
  for (let v = current + 1; v <= MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v - 1])
      record.run(v, Date.now())
    }).immediate()
  }
}

/** Opens (creating the folder and file if needed) and migrates the database at `file`. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  return db
}

/** The schema version a database is at. */
export function schemaVersion(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v
}
