/**
 * Drafts: records in the server's SQLite database (the editable issue as JSON, its revision, where it
 * came from, what it publishes as) and files on disk, one folder per draft under the drafts folder
 * (the upload as sent, page images, photos). Both survive a restart.
 *
 * A draft's folder is filled first (as `.incoming-*`) and renamed into place before its record is
 * written, and on deletion the record goes first; a crash between the two leaves a folder without a
 * record, which {@link DraftStore.sweep} deletes at the next start.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { DraftSource, EditableIssue } from '../../newsroom/console/core/api'
import type { Db } from '../db'

/** A page of a draft: its name comes from the issue; the image files from the upload, if any. */
export interface DraftPageFiles {
  /** The page image shown to the editor (file name in the draft's folder). */
  full?: string
  /** Its phone rendition, published with it. */
  thumb?: string
  width?: number
  height?: number
  /** False for images copied from the published issue: the publisher keeps those as they are. */
  publish: boolean
}

/** A photo of a draft, under the key its items refer to. */
export interface DraftPhotoFile {
  key: string
  file: string
  width?: number
  height?: number
}

/** The files a draft holds besides its upload. */
export interface DraftFiles {
  /** Same order as the issue's pages. */
  pages: DraftPageFiles[]
  photos: DraftPhotoFile[]
  /** The upload as sent (`source/…`), kept with the draft. */
  uploads: string[]
}

/** A stored draft. Times are epoch milliseconds. */
export interface DraftRecord {
  id: string
  revision: number
  createdAt: number
  updatedAt: number
  source: DraftSource
  issue: EditableIssue
  files: DraftFiles
  publishedId?: string
  targetId?: string
  published?: { issueId: string, at: number }
}

interface Row {
  id: string
  revision: number
  created_at: number
  updated_at: number
  source: string
  issue: string
  files: string
  published_id: string | null
  target_id: string | null
  published_issue_id: string | null
  published_at: number | null
}

const DRAFT_ID = /^d-[0-9a-f]{16}$/
const INCOMING = '.incoming-'

function fromRow (r: Row): DraftRecord {
  return {
    id: r.id,
    revision: r.revision,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    source: JSON.parse(r.source) as DraftSource,
    issue: JSON.parse(r.issue) as EditableIssue,
    files: JSON.parse(r.files) as DraftFiles,
    ...(r.published_id ? { publishedId: r.published_id } : {}),
    ...(r.target_id ? { targetId: r.target_id } : {}),
    ...(r.published_issue_id && r.published_at !== null ? { published: { issueId: r.published_issue_id, at: r.published_at } } : {})
  }
}

/** Drafts over one database and one folder. */
export class DraftStore {
  constructor (private readonly db: Db, readonly dir: string, private readonly now: () => number = Date.now) {}

  /** Whether `id` has the shape of a draft id (anything else never reaches the file system). */
  static isId (id: string): boolean {
    return DRAFT_ID.test(id)
  }

  /** Deletes leftovers of a crash: unfinished uploads and folders no record owns. */
  sweep (): void {
    if (!fs.existsSync(this.dir)) return
    const known = new Set((this.db.prepare('SELECT id FROM drafts').all() as Array<{ id: string }>).map((r) => r.id))
    for (const name of fs.readdirSync(this.dir)) {
      if (name.startsWith(INCOMING) || (DRAFT_ID.test(name) && !known.has(name))) fs.rmSync(path.join(this.dir, name), { recursive: true, force: true })
    }
  }

  /** A new, empty folder for an upload being read; {@link create} takes it over, or the caller deletes it. */
  incoming (): string {
    fs.mkdirSync(this.dir, { recursive: true })
    return fs.mkdtempSync(path.join(this.dir, INCOMING))
  }

  /** Stores a new draft whose files are in `folder` (from {@link incoming}); revision 1. */
  create (folder: string, draft: Pick<DraftRecord, 'source' | 'issue' | 'files' | 'publishedId'>): DraftRecord {
    const id = `d-${randomBytes(8).toString('hex')}`
    const now = this.now()
    fs.renameSync(folder, path.join(this.dir, id))
    this.db.prepare('INSERT INTO drafts (id, revision, created_at, updated_at, source, issue, files, published_id) VALUES (?, 1, ?, ?, ?, ?, ?, ?)')
      .run(id, now, now, JSON.stringify(draft.source), JSON.stringify(draft.issue), JSON.stringify(draft.files), draft.publishedId ?? null)
    return this.get(id) as DraftRecord
  }

  get (id: string): DraftRecord | undefined {
    if (!DraftStore.isId(id)) return undefined
    const row = this.db.prepare('SELECT * FROM drafts WHERE id = ?').get(id) as Row | undefined
    return row ? fromRow(row) : undefined
  }

  /** Every draft, newest first. */
  list (): DraftRecord[] {
    return (this.db.prepare('SELECT * FROM drafts ORDER BY created_at DESC, rowid DESC').all() as Row[]).map(fromRow)
  }

  /**
   * Saves the editor's issue when `revision` is the stored one (revision + 1), atomically: two saves
   * from the same revision cannot both succeed. Answers 'stale' otherwise, undefined for no such draft.
   */
  save (id: string, revision: number, issue: EditableIssue): DraftRecord | 'stale' | undefined {
    if (!DraftStore.isId(id)) return undefined
    const r = this.db.prepare('UPDATE drafts SET issue = ?, revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?').run(JSON.stringify(issue), this.now(), id, revision)
    if (r.changes === 1) return this.get(id)
    return this.get(id) ? 'stale' : undefined
  }

  /** Records what the draft publishes as (from a plan); not a revision of its content. */
  setTarget (id: string, targetId: string): void {
    this.db.prepare('UPDATE drafts SET target_id = ? WHERE id = ?').run(targetId, id)
  }

  /** Records a publish: the draft now corrects that issue. */
  markPublished (id: string, issueId: string): DraftRecord | undefined {
    this.db.prepare('UPDATE drafts SET published_id = ?, target_id = ?, published_issue_id = ?, published_at = ? WHERE id = ?').run(issueId, issueId, issueId, this.now(), id)
    return this.get(id)
  }

  /** After an issue is taken down, drafts no longer correct it (publishing one again makes it anew). */
  forgetIssue (issueId: string): void {
    this.db.prepare('UPDATE drafts SET published_id = NULL, target_id = NULL WHERE published_id = ?').run(issueId)
  }

  /** Deletes the record, then the folder. False when there was no such draft. */
  delete (id: string): boolean {
    if (!DraftStore.isId(id)) return false
    const r = this.db.prepare('DELETE FROM drafts WHERE id = ?').run(id)
    fs.rmSync(path.join(this.dir, id), { recursive: true, force: true })
    return r.changes === 1
  }

  /** The path of one of a draft's files, only if the draft lists it (page image, photo). */
  listedFile (draft: DraftRecord, name: string): string | undefined {
    const listed = draft.files.pages.some((p) => p.full === name || p.thumb === name) || draft.files.photos.some((p) => p.file === name)
    return listed ? path.join(this.dir, draft.id, name) : undefined
  }

  /** Reads one of a draft's files. */
  read (draft: DraftRecord, name: string): Buffer {
    return fs.readFileSync(path.join(this.dir, draft.id, name))
  }
}
