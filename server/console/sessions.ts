/**
 * Console sessions in the server's SQLite database. A session id is 32 random bytes (base64url) that
 * only the editor's HttpOnly cookie holds; the table keeps its SHA-256, so a copy of the database opens
 * nothing. A session lasts a fixed time from login (not sliding: an unattended, logged-in browser
 * does not stay in for ever) and ends at once on logout. The stored hash also covers the admin token,
 * so changing ADMIN_TOKEN (say, after it leaked) ends every session at the next restart, with no
 * table to clear by hand.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../db'

/** The shape of an id this store hands out; anything else is not looked up. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/

/** Sessions over one database. */
export class SessionStore {
  /** @param secret the admin token the sessions are bound to */
  constructor (private readonly db: Db, private readonly lifetimeMs: number, private readonly secret: string, private readonly now: () => number = Date.now) {}

  private hash (id: string): string {
    return createHash('sha256').update(this.secret).update('\0').update(id).digest('hex')
  }

  /** Starts a session (purging expired ones); the id goes into the cookie and nowhere else. */
  create (): { id: string, expiresAt: number } {
    const now = this.now()
    const id = randomBytes(32).toString('base64url')
    const expiresAt = now + this.lifetimeMs
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM console_sessions WHERE expires_at <= ?').run(now)
      this.db.prepare('INSERT INTO console_sessions (token_hash, created_at, expires_at) VALUES (?, ?, ?)').run(this.hash(id), now, expiresAt)
    })()
    return { id, expiresAt }
  }

  /** The session's expiry, or undefined when there is no such live session. */
  find (id: string | undefined): { expiresAt: number } | undefined {
    if (!id || !SESSION_ID.test(id)) return undefined
    const row = this.db.prepare('SELECT expires_at AS expiresAt FROM console_sessions WHERE token_hash = ?').get(this.hash(id)) as { expiresAt: number } | undefined
    return row && row.expiresAt > this.now() ? row : undefined
  }

  /** Ends a session. */
  delete (id: string | undefined): void {
    if (id && SESSION_ID.test(id)) this.db.prepare('DELETE FROM console_sessions WHERE token_hash = ?').run(this.hash(id))
  }
}
