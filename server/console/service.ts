/**
 * What the console does, between its routes and the newsroom: uploads read with the feed command's own
 * readers (newsroom/read-sources.ts), drafts kept in the DraftStore, plans and publishes through the
 * publishing library (newsroom/publish), published issues opened again as drafts
 * (newsroom/console/core/from-feed.ts). The console never reads or writes a feed by code of its own.
 *
 * Errors reach the editor as ConsoleError with a Chinese sentence; the newsroom's own (English,
 * precise) message follows in brackets, so nothing it says is lost.
 */
import fs from 'node:fs'
import path from 'node:path'
import { validateIssue, type FeedIndex, type Issue } from '../../src/core/feed'
import type { Draft, DraftSummary, EditableIssue, EditableItem, NotifyAnswer, PublishAnswer, PublishedIssue, PublishPlanAnswer, PublishRequest, RemoveIssueRequest } from '../../newsroom/console/core/api'
import { API_BASE } from '../../newsroom/console/core/api'
import { deriveNotes, dropResolvedWarnings } from '../../newsroom/console/core/draft-notes'
import { editableFromFeed } from '../../newsroom/console/core/from-feed'
import { toPublishInput } from '../../newsroom/console/core/publish-input'
import { readEditableIssue } from '../../newsroom/console/core/validate-draft'
import { PdfSourceError } from '../../newsroom/extract/pdf-source'
import { InputError } from '../../newsroom/feed-folder'
import { buildIssue } from '../../newsroom/feed-model'
import { imageSize } from '../../newsroom/image-size'
import { SourceError } from '../../newsroom/parse-issue'
import { LockBusyError, planPublish, publishIssue, PublishError, readIndex, removeIssue, type PublishInput, type PublishPlan } from '../../newsroom/publish'
import { readIssueSources } from '../../newsroom/read-sources'
import { RecogniseError } from '../../newsroom/recognise/recognise-issue'
import { formatPlan, formatReport } from '../../newsroom/report'
import type { Logger } from '../log'
import { DraftStore, type DraftFiles, type DraftRecord } from './drafts-store'
import { ConsoleError, MESSAGES } from './errors'
import type { UploadedFile } from './upload'

/** What the service works with. `feedDir` is absent when the server only reads a feed by URL. */
export interface ServiceDeps {
  store: DraftStore
  feedDir?: string
  log: Logger
  /** How long a publish waits for another to finish before answering `busy`. */
  lockTimeoutMs?: number
}

const iso = (ms: number) => new Date(ms).toISOString()
const fileUrl = (draftId: string, name: string) => `${API_BASE}drafts/${draftId}/files/${encodeURIComponent(name)}`
/** Where a reader opens an issue (the H5 edition's hash route; the mini-program's page path is the same). */
export const readerLink = (issueId: string) => `/#/pages/issue/index?id=${encodeURIComponent(issueId)}`

/** Removes the recogniser's extras (the printed image's place, page sizes) a draft does not use. */
function editable (parsed: PublishInput['parsed']): EditableIssue {
  const { pageSizes: _sizes, ...issue } = parsed as PublishInput['parsed'] & { pageSizes?: unknown }
  return {
    ...issue,
    items: parsed.items.map((it) => {
      const { image: _image, ...item } = it as EditableItem & { image?: unknown }
      return item
    })
  }
}

/** What a draft and its summary both say about the stored record. */
function recordFacts (r: DraftRecord): Pick<Draft, 'id' | 'revision' | 'createdAt' | 'updatedAt' | 'source'> {
  return { id: r.id, revision: r.revision, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt), source: r.source }
}

/** The Chinese message for a source the newsroom could not read, naming the editor's file. */
function readFailure (e: unknown, names: Map<string, string>): ConsoleError | undefined {
  const own = (text: string) => {
    let t = text
    for (const [stored, name] of names) t = t.split(stored).join(name)
    return t
  }
  if (e instanceof SourceError) {
    return new ConsoleError(400, 'not-a-newspaper', `不是报纸版面：读不出一期报纸的报头和稿件（第 ${e.line} 行：${own(e.message)}）。`)
  }
  if (e instanceof PdfSourceError || e instanceof RecogniseError) {
    const name = path.basename(own(e.file))
    const detail = own(e.message)
    // The kind of trouble comes from the extractor as a code: its words are for editors and change.
    const problem = e instanceof PdfSourceError ? e.problem : undefined
    if (problem === 'encrypted') return new ConsoleError(400, 'pdf-encrypted', `PDF 已加密：“${name}”有密码保护。请从排版软件重新导出不加密的 PDF。（${detail}）`)
    if (problem === 'needs-ocr') return new ConsoleError(400, 'pdf-needs-ocr', `需要文字识别：“${name}”是扫描的图片，没有文字层。请上传排版软件导出的 PDF，或先做文字识别（OCR）。（${detail}）`)
    if (problem === 'damaged') return new ConsoleError(400, 'pdf-damaged', `PDF 已损坏：“${name}”无法读取，可能不完整或不是 PDF。请重新导出后再上传。（${detail}）`)
    return new ConsoleError(400, 'not-a-newspaper', `不是报纸版面：“${name}”读不出一期报纸（${detail}）。`)
  }
  if (e instanceof InputError) return new ConsoleError(400, 'bad-request', `文件无法读取（${own(e.message)}）。`)
  return undefined
}

/** The console's operations. */
export class ConsoleService {
  /** PDFs are read one upload at a time: reading is CPU-heavy and the server has other work. */
  private reading: Promise<unknown> = Promise.resolve()

  constructor (private readonly deps: ServiceDeps) {}

  get canPublish (): boolean {
    return this.deps.feedDir !== undefined
  }

  private feedDir (): string {
    if (!this.deps.feedDir) throw new ConsoleError(503, 'cannot-publish', MESSAGES.cannotPublish)
    return this.deps.feedDir
  }

  /** A record as the page sees it. */
  toDraft (r: DraftRecord): Draft {
    return {
      ...recordFacts(r),
      issue: r.issue,
      notes: deriveNotes(r.issue),
      pages: r.issue.pages.map((p, i) => {
        const f = r.files.pages[i]
        return f?.full && f.width && f.height ? { name: p.name, image: { url: fileUrl(r.id, f.full), width: f.width, height: f.height } } : { name: p.name }
      }),
      photos: r.files.photos.map((p) => ({ key: p.key, url: fileUrl(r.id, p.file), ...(p.width ? { width: p.width, height: p.height } : {}) })),
      ...(r.publishedId ? { publishedId: r.publishedId } : {}),
      ...(r.targetId ? { targetId: r.targetId } : {}),
      ...(r.published ? { published: { issueId: r.published.issueId, at: iso(r.published.at) } } : {})
    }
  }

  private summary (r: DraftRecord): DraftSummary {
    return {
      ...recordFacts(r),
      date: r.issue.date,
      number: r.issue.number,
      headline: r.issue.items[0]?.title ?? '',
      itemCount: r.issue.items.length,
      warningCount: r.issue.warnings.length,
      ...(r.publishedId ? { publishedId: r.publishedId } : {}),
      ...(r.published ? { published: { issueId: r.published.issueId, at: iso(r.published.at) } } : {})
    }
  }

  /** A draft by id, or 404. */
  get (id: string): DraftRecord {
    const r = this.deps.store.get(id)
    if (!r) throw new ConsoleError(404, 'not-found', MESSAGES.notFoundDraft)
    return r
  }

  list (): DraftSummary[] {
    return this.deps.store.list().map((r) => this.summary(r))
  }

  /**
   * Reads an upload (in `folder`, from readUpload) as `feed build --dry-run` would and stores it as a new
   * draft with its page images and photos; nothing is published. On any refusal the folder is deleted
   * and nothing is stored.
   */
  async createFromUpload (folder: string, files: UploadedFile[]): Promise<Draft> {
    try {
      const names = new Map(files.map((f) => [f.path, f.name]))
      for (const f of files.filter((x) => x.kind === 'txt')) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(fs.readFileSync(f.path))
        } catch {
          throw new ConsoleError(415, 'unsupported-file', `“${f.name}”不是 UTF-8 编码的文字稿。请从 PDF 导出文字时选择 UTF-8。`)
        }
      }
      // PDFs in file-name order (A01.pdf, A02.pdf …), as the feed command takes a folder.
      const ordered = [...files].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
      const started = Date.now()
      const job = this.reading.then(() => readIssueSources(ordered.map((f) => f.path)))
      this.reading = job.catch(() => undefined)
      let read: Awaited<ReturnType<typeof readIssueSources>>
      try {
        read = await job
      } catch (e) {
        const refusal = readFailure(e, names)
        if (refusal) {
          this.deps.log.info('console upload refused', { files: files.length, reason: refusal.code })
          throw refusal
        }
        throw e
      }
      const issue = editable(read.input.parsed)
      const draftFiles: DraftFiles = { pages: issue.pages.map(() => ({ publish: true })), photos: [], uploads: [] }
      // The upload itself stays with the draft, under source/.
      fs.mkdirSync(path.join(folder, 'source'))
      for (const f of ordered) {
        const rel = `source/${path.basename(f.path)}`
        fs.renameSync(f.path, path.join(folder, rel))
        draftFiles.uploads.push(rel)
      }
      read.input.pageImages?.forEach((img, k) => {
        if (!img) return
        const info = imageSize(img.full)
        const full = `page-${k + 1}.${info?.ext ?? 'jpg'}`
        fs.writeFileSync(path.join(folder, full), img.full)
        const page = draftFiles.pages[k]
        page.full = full
        if (info) {
          page.width = info.width
          page.height = info.height
        }
        if (img.thumb) {
          page.thumb = `page-${k + 1}-thumb.${imageSize(img.thumb)?.ext ?? 'jpg'}`
          fs.writeFileSync(path.join(folder, page.thumb), img.thumb)
        }
      })
      issue.items.forEach((it, i) => {
        const refs: Array<string | null> = []
        const count = (it.figure ? 1 : 0) + (it.figures?.length ?? 0)
        for (let n = 1; n <= count; n++) {
          const bytes = read.input.photos?.[`${i}:${n}`]
          if (!bytes) {
            refs.push(null)
            continue
          }
          const info = imageSize(bytes)
          const file = `photo-${i + 1}-${n}.${info?.ext ?? 'jpg'}`
          fs.writeFileSync(path.join(folder, file), bytes)
          draftFiles.photos.push({ key: file, file, ...(info ? { width: info.width, height: info.height } : {}) })
          refs.push(file)
        }
        if (refs.some((r) => r !== null)) it.photos = refs
      })
      const record = this.deps.store.create(folder, { source: { kind: read.kind, files: ordered.map((f) => f.name) }, issue, files: draftFiles })
      this.deps.log.info('console draft created', { draft: record.id, kind: read.kind, files: files.length, items: issue.items.length, warnings: issue.warnings.length, seconds: Math.round((Date.now() - started) / 100) / 10 })
      return this.toDraft(record)
    } catch (e) {
      fs.rmSync(folder, { recursive: true, force: true })
      throw e
    }
  }

  /** Saves the editor's issue (checked, warnings the corrections resolved dropped), or 409 when stale. */
  save (id: string, body: unknown): Draft {
    const r = this.get(id)
    const b = (typeof body === 'object' && body !== null ? body : {}) as { revision?: unknown, issue?: unknown }
    if (!Number.isInteger(b.revision)) throw new ConsoleError(400, 'bad-request', '保存时应附上草稿的版本号（revision）。')
    if (b.revision !== r.revision) throw new ConsoleError(409, 'stale-revision', MESSAGES.stale)
    const keys = new Set(r.files.photos.map((p) => p.key))
    const read = readEditableIssue(b.issue, { masthead: r.issue.masthead, warnings: r.issue.warnings, leftOut: r.issue.leftOut }, keys)
    if (!read.ok) throw new ConsoleError(400, 'invalid-issue', `草稿有 ${read.problems.length} 处需要改正，没有保存：${read.problems.slice(0, 3).map((p) => p.message).join('；')}`, {}, { problems: read.problems })
    if (read.issue.pages.length !== r.issue.pages.length) throw new ConsoleError(400, 'invalid-issue', '版面不能增减：版面图与上传的 PDF 一一对应。', {}, { problems: [{ path: '/pages', message: `应有 ${r.issue.pages.length} 个版面` }] })
    const saved = this.deps.store.save(id, b.revision as number, dropResolvedWarnings(read.issue))
    if (saved === undefined) throw new ConsoleError(404, 'not-found', MESSAGES.notFoundDraft)
    if (saved === 'stale') throw new ConsoleError(409, 'stale-revision', MESSAGES.stale)
    return this.toDraft(saved)
  }

  delete (id: string): void {
    if (!this.deps.store.delete(id)) throw new ConsoleError(404, 'not-found', MESSAGES.notFoundDraft)
  }

  /** A listed file of a draft: its path and content type, or 404. */
  file (id: string, name: string): { path: string, type: string } {
    const r = this.get(id)
    const file = this.deps.store.listedFile(r, name)
    if (!file || !fs.existsSync(file)) throw new ConsoleError(404, 'not-found', '草稿里没有这个文件。')
    return { path: file, type: /\.png$/i.test(name) ? 'image/png' : 'image/jpeg' }
  }

  private index (): FeedIndex | undefined {
    try {
      return readIndex(this.feedDir())
    } catch (e) {
      if (e instanceof PublishError) throw new ConsoleError(500, 'internal', `报纸数据的索引无法读取（${e.message}）。`)
      throw e
    }
  }

  /** The publisher's input for a draft: its photos re-keyed, page images from its PDFs, the issue it corrects. */
  private input (r: DraftRecord, beside: boolean): PublishInput {
    const photoFiles = new Map(r.files.photos.map((p) => [p.key, p.file]))
    const sendPages = r.files.pages.some((p) => p.publish && p.full)
    const base = toPublishInput(r.issue, {
      photo: (key) => {
        const file = photoFiles.get(key)
        return file ? this.deps.store.read(r, file) : undefined
      },
      ...(sendPages ? { pageImages: r.files.pages.map((p) => (p.publish && p.full ? { full: this.deps.store.read(r, p.full), ...(p.thumb ? { thumb: this.deps.store.read(r, p.thumb) } : {}) } : undefined)) } : {})
    })
    const stillPublished = r.publishedId && this.index()?.issues.some((s) => s.id === r.publishedId)
    return { ...base, ...(stillPublished ? { replace: r.publishedId } : {}), ...(beside ? { beside: true } : {}) }
  }

  /** The report `feed build --dry-run` prints for this draft. */
  private report (r: DraftRecord, input: PublishInput, plan?: PublishPlan): string {
    const name = r.source.files.join(', ')
    return formatReport(name, input.parsed, plan?.issue ?? buildIssue(input.parsed)) + (plan ? formatPlan(plan, true) : '')
  }

  /** A dry run of publishing the draft: what it would publish as, and what it would refuse. Writes nothing. */
  plan (id: string, beside: boolean): PublishPlanAnswer {
    const feedDir = this.feedDir()
    const r = this.get(id)
    const input = this.input(r, beside)
    try {
      const plan = planPublish(feedDir, input)
      this.deps.store.setTarget(r.id, plan.issue.id)
      return {
        issueId: plan.issue.id,
        date: plan.issue.date,
        number: plan.issue.number,
        ...(plan.replaces ? { replaces: { id: plan.replaces.id, date: plan.replaces.date, number: plan.replaces.number } } : {}),
        articles: plan.issue.articles,
        pages: plan.issue.pages.map((p) => ({ id: p.id, name: p.name })),
        report: this.report(r, input, plan)
      }
    } catch (e) {
      if (!(e instanceof PublishError)) throw e
      const preview = buildIssue(input.parsed)
      const clash = this.index()?.issues.find((s) => s.date === r.issue.date || s.number === r.issue.number)
      return {
        issueId: preview.id,
        date: preview.date,
        number: preview.number,
        conflict: { id: clash?.id ?? '', message: `不能这样发布：${e.message}` },
        articles: preview.articles,
        pages: preview.pages.map((p) => ({ id: p.id, name: p.name })),
        report: `${this.report(r, input)}error: ${e.message}\n`
      }
    }
  }

  /** Publishes the draft through the publishing library, after the editor confirmed date and number. */
  async publish (id: string, body: unknown): Promise<PublishAnswer> {
    const feedDir = this.feedDir()
    const r = this.get(id)
    const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<PublishRequest>
    if (!Number.isInteger(b.revision) || typeof b.confirm !== 'object' || b.confirm === null) throw new ConsoleError(400, 'bad-request', '发布时应附上草稿的版本号和确认的日期、期号。')
    if (b.revision !== r.revision) throw new ConsoleError(409, 'stale-revision', MESSAGES.stale)
    if (b.confirm.date !== r.issue.date || b.confirm.number !== r.issue.number) {
      throw new ConsoleError(409, 'confirm-mismatch', `确认的日期和期号与草稿不符：草稿是 ${r.issue.date} 总第${r.issue.number}期。请核对后再发布。`)
    }
    const input = this.input(r, b.beside === true)
    try {
      const result = await publishIssue(feedDir, input, { lockTimeoutMs: this.deps.lockTimeoutMs ?? 10_000 })
      const issue = result.plan.issue
      this.deps.store.markPublished(r.id, issue.id)
      this.deps.log.info('issue published from the console', { draft: r.id, issue: issue.id, articles: issue.articles.length, replaced: result.plan.replaces?.id, written: result.written.length, removed: result.removed.length })
      return { issueId: issue.id, articleIds: issue.articles.map((a) => a.id), url: readerLink(issue.id) }
    } catch (e) {
      if (e instanceof LockBusyError) throw new ConsoleError(503, 'busy', MESSAGES.busy, { 'retry-after': '10' })
      if (e instanceof PublishError) throw new ConsoleError(409, 'publish-refused', `没有发布，报纸数据未改动：${e.message}`)
      throw e
    }
  }

  /** The published issues, newest first. */
  issues (): PublishedIssue[] {
    return (this.index()?.issues ?? []).map((s) => ({ id: s.id, date: s.date, number: s.number, title: s.headline, articleCount: s.articleCount }))
  }

  /**
   * Opens a published issue as a new draft: the same review page, and publishing it again corrects the
   * issue with every id kept. Its page images and photos are copied into the draft to be shown; the
   * photos are sent again on publish (same bytes, same names), the page images are left to the
   * publisher, which keeps the published ones.
   */
  openIssue (issueId: string): Draft {
    const feedDir = this.feedDir()
    const summary = this.index()?.issues.find((s) => s.id === issueId)
    if (!summary) throw new ConsoleError(404, 'not-found', MESSAGES.notFoundIssue)
    const inFeed = (rel: string): string | undefined => {
      if (/^https?:/i.test(rel)) return undefined
      const file = path.resolve(feedDir, rel)
      return file.startsWith(path.resolve(feedDir) + path.sep) && fs.existsSync(file) ? file : undefined
    }
    let issue: Issue
    try {
      const v = validateIssue(JSON.parse(fs.readFileSync(path.join(feedDir, summary.path), 'utf8')))
      if (!v.ok) throw new Error('not valid feed v1')
      issue = v.value
    } catch (e) {
      throw new ConsoleError(500, 'internal', `这一期的数据文件无法读取（${summary.path}: ${(e as Error).message}）。`)
    }
    const opened = editableFromFeed(issue, this.index()?.paper)
    const folder = this.deps.store.incoming()
    try {
      const files: DraftFiles = { pages: [], photos: [], uploads: [] }
      issue.pages.forEach((p, k) => {
        const src = p.image ? inFeed(p.image.src) : undefined
        if (!p.image || !src) return files.pages.push({ publish: false })
        const full = `page-${k + 1}${path.extname(src).toLowerCase() || '.jpg'}`
        fs.copyFileSync(src, path.join(folder, full))
        files.pages.push({ full, width: p.image.width, height: p.image.height, publish: false })
      })
      opened.figureSources.forEach((srcs, i) => {
        const refs = srcs.map((rel, k) => {
          const src = rel ? inFeed(rel) : undefined
          if (!src) return null
          const file = `photo-${i + 1}-${k + 1}${path.extname(src).toLowerCase() || '.jpg'}`
          fs.copyFileSync(src, path.join(folder, file))
          const f = issue.articles[i].figures[k]
          files.photos.push({ key: file, file, ...(f.width && f.height ? { width: f.width, height: f.height } : {}) })
          return file
        })
        if (refs.some((x) => x !== null)) opened.issue.items[i].photos = refs
      })
      const record = this.deps.store.create(folder, { source: { kind: 'published', files: [issueId] }, issue: opened.issue, files, publishedId: issueId })
      this.deps.log.info('console draft opened from a published issue', { draft: record.id, issue: issueId })
      return this.toDraft(record)
    } catch (e) {
      fs.rmSync(folder, { recursive: true, force: true })
      throw e
    }
  }

  /** Takes an issue down through the publishing library, after the editor typed its id to confirm. */
  async removeIssue (issueId: string, body: unknown): Promise<void> {
    const feedDir = this.feedDir()
    const b = (typeof body === 'object' && body !== null ? body : {}) as Partial<RemoveIssueRequest>
    if (b.confirm !== issueId) throw new ConsoleError(409, 'confirm-mismatch', `撤下前请确认这一期的编号（${issueId}）。`)
    if (!this.index()?.issues.some((s) => s.id === issueId)) throw new ConsoleError(404, 'not-found', MESSAGES.notFoundIssue)
    try {
      const r = await removeIssue(feedDir, issueId, { lockTimeoutMs: this.deps.lockTimeoutMs ?? 10_000 })
      this.deps.store.forgetIssue(issueId)
      this.deps.log.info('issue taken down from the console', { issue: issueId, deleted: r.deleted.length })
    } catch (e) {
      if (e instanceof LockBusyError) throw new ConsoleError(503, 'busy', MESSAGES.busy, { 'retry-after': '10' })
      if (e instanceof PublishError) throw new ConsoleError(409, 'publish-refused', `没有撤下，报纸数据未改动：${e.message}`)
      throw e
    }
  }
}

/** The console's view of an issue's reminder dispatch. */
export function notifyAnswer (issueId: string, created: boolean, counts: { total: number, sent: number, dropped: number, failed: number, unknown: number }, done: boolean): NotifyAnswer {
  // dropped: WeChat refused that reader (unsubscribed, blocked); unknown: sent, outcome never learnt.
  return { issueId, queued: counts.total, sent: counts.sent, skipped: counts.dropped, failed: counts.failed + counts.unknown, done, created }
}
