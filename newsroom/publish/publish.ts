/**
 * The publishing stage: takes an issue as recognised (a parsed issue and the bytes of its photos and page
 * images, not a source path) and puts it in a feed folder, whichever path — text or page PDFs — read it.
 * The feed command and the newsroom console are both thin front doors onto these functions.
 *
 * Every publish plans first — reads the folder, matches the build to the published issue, assigns stable
 * ids, names photos, validates everything — and writes nothing until the plan is complete; `beforeWrite`
 * sees the plan before the first write (the editor's report), a dry run stops there. Writes happen under
 * the folder's lock, through the journal of commit.ts, and end by deleting files no published issue
 * references any more.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describeProblems, validateIndex, validateIssue, type FeedIndex, type Issue, type IssueSummary, type PageImage, type Paper, type Zone } from '../../src/core/feed'
import { buildIssue, feedZones, figureSlots, itemFigures, latestFor, mergeIndex, pageId, resolvePaper, serialise, slotKey, summarise, withLatest, type FigureAsset, type PaperInput } from '../feed-model'
import { imageSize } from '../image-size'
import type { PageZone, ParsedIssue } from '../parse-issue'
import { placeholderPng } from '../placeholder-png'
import { assignArticleIds, openingOf, type ArticleKey, type IdAssignment, type PublishedArticle } from './article-ids'
import { referencedFiles, removeUnreferenced } from './cleanup'
import { commitFiles, recoverFeed, type FileWrite, type Recovery } from './commit'
import { chooseIssueId } from './issue-id'
import { LEDGER, readLedger, recordIds } from './ledger'
import { acquireLock, STATE_DIR, type HeldLock } from './lock'
import { pageImagePath, photoPath } from './photo-names'

/** Input the publisher refuses; nothing was written. */
export class PublishError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'PublishError'
  }
}

/** A printed page's image (版面图) as encoded: the full rendition and a smaller one for phones. */
export interface PageImageInput {
  full: Uint8Array
  thumb?: Uint8Array
}

/** An issue to publish: as recognised, with its photos and, from page PDFs, page images and zones. */
export interface PublishInput {
  /** The issue; items recognised from page PDFs also carry `zones` (page index and fractions). */
  parsed: ParsedIssue & { items: Array<ParsedIssue['items'][number] & { zones?: PageZone[] }> }
  /** Photo bytes keyed by `photoKey(item, n)` (the item's index in `parsed.items`, the figure's number). */
  photos?: Record<string, Uint8Array>
  /** Where each photo came from, by the same key, for messages (a file name). */
  photoNames?: Record<string, string>
  /** Page images (PNG or JPEG bytes) by page index in `parsed.pages`; a page left out has none. */
  pageImages?: Array<PageImageInput | undefined>
  /** The paper (`--paper`); fields it leaves out come from the folder or the masthead. */
  paper?: PaperInput
  /** The published issue this build corrects (its id is kept). */
  replace?: string
  /** Publish beside an issue of the same date (a 号外) instead of refusing. */
  beside?: boolean
  /** Give each figure without a photo (new or published) the generated placeholder. */
  placeholders?: boolean
  /** The clock, for `updatedAt`. */
  now?: () => Date
}

/** Everything a publish will do, computed before the first write. */
export interface PublishPlan {
  issue: Issue
  summary: IssueSummary
  index: FeedIndex
  paper: Paper
  /** The published issue this build replaces (a correction), if any. */
  replaces?: IssueSummary
  ids: IdAssignment
  /** Figures (article id and number) that keep the photo already published. */
  keptPhotos: string[]
  /** Pages (ids) that keep the page image already published: the build brought none. */
  keptPageImages: string[]
  /** Files to put in place, in order (relative paths); unchanged files are not rewritten. */
  writes: FileWrite[]
  /** Findings for the editor beyond the source's own warnings. */
  notes: string[]
}

/** What a publish did. */
export interface PublishResult {
  plan: PublishPlan
  /** Paths put in place, in order; empty for a dry run or when nothing changed. */
  written: string[]
  /** Files deleted because no published issue references them any more. */
  removed: string[]
  /** Plan notes plus what happened on the way (a stale lock broken, an interrupted publish completed). */
  notes: string[]
  dryRun: boolean
}

/** Options of a publish or removal. */
export interface PublishOptions {
  /** Plan and validate only; write nothing. */
  dryRun?: boolean
  /** Called with the plan before anything is written (and for a dry run). */
  beforeWrite?: (plan: PublishPlan) => void
  lockTimeoutMs?: number
  staleLockMs?: number
}

function readJsonFile(file: string, what: string): unknown {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (e) {
    throw new PublishError(`无法读取${what}${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new PublishError(`${file}不是有效的JSON：${(e as Error).message}`)
  }
}

/** The folder's index, or undefined for a new folder; throws PublishError when it is not feed v1. */
export function readIndex(root: string): FeedIndex | undefined {
  const file = path.join(root, 'index.json')
  if (!fs.existsSync(file)) return undefined
  const v = validateIndex(readJsonFile(file, '索引'))
  if (!v.ok) throw new PublishError(`${file}不是有效的feed v1索引（${describeProblems(v.problems)}）；请先修好或移走它`)
  return v.value
}

function readIssue(root: string, summary: IssueSummary): Issue {
  const file = path.join(root, summary.path)
  const v = validateIssue(readJsonFile(file, '已发布的一期'))
  if (!v.ok) throw new PublishError(`已发布的${file}不是有效的feed v1（${describeProblems(v.problems)}），无法保留它的文章编号；请先修好它或撤下这一期`)
  return v.value
}

/**
 * A listed issue's file for the index's `latest` block, or what is wrong with it (for a refusal that
 * says which issue the block was to come from).
 */
function readListedIssue(root: string, summary: IssueSummary): { issue: Issue } | { problem: string } {
  const file = path.join(root, summary.path)
  let json: unknown
  try {
    json = readJsonFile(file, '')
  } catch (e) {
    if (e instanceof PublishError) return { problem: e.message }
    throw e
  }
  const v = validateIssue(json)
  return v.ok ? { issue: v.value } : { problem: `${file}不是有效的feed v1（${describeProblems(v.problems)}）` }
}

function sameContent(file: string, data: Uint8Array): boolean {
  try {
    const st = fs.statSync(file)
    return st.size === data.length && fs.readFileSync(file).equals(data)
  } catch {
    return false
  }
}

function publishedKeys(issue: Issue): PublishedArticle[] {
  const pageOf = new Map(issue.pages.map((p, i) => [p.id, i]))
  return issue.articles.map((a, order) => ({
    id: a.id,
    title: a.title,
    kicker: a.kicker,
    opening: openingOf(a.paragraphs[0] ?? a.figures[0]?.caption ?? ''),
    page: pageOf.get(a.pageId) ?? 0,
    order
  }))
}

function buildKeys(parsed: ParsedIssue): ArticleKey[] {
  return parsed.items.map((it, order) => ({
    title: it.title,
    kicker: it.kicker,
    opening: openingOf(it.paragraphs[0] ?? itemFigures(it)[0]?.caption ?? ''),
    page: it.page,
    order
  }))
}

/**
 * Names and sizes the page images a build brings (by page id and content hash); a page it brings none for
 * keeps the published issue's. Throws PublishError for bytes that are not an image, or too many pages.
 */
function planPageImages(issueId: string, input: PublishInput, previous: Issue | undefined): { images: Array<PageImage | undefined>, kept: string[], writes: FileWrite[] } {
  const { parsed } = input
  const given = input.pageImages ?? []
  if (given.length > parsed.pages.length) throw new PublishError(`给了${given.length}张版面图，但这期只有${parsed.pages.length}个版`)
  const previousPages = new Map(previous?.pages.map((p) => [p.id, p]))
  const images: Array<PageImage | undefined> = []
  const kept: string[] = []
  const writes: FileWrite[] = []
  const sized = (data: Uint8Array, what: string) => {
    const info = imageSize(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
    if (!info) throw new PublishError(`${what}不是可读的PNG或JPEG图片`)
    return info
  }
  parsed.pages.forEach((_p, i) => {
    const pid = pageId(i)
    const page = given[i]
    if (!page) {
      const published = previousPages.get(pid)?.image
      if (published) {
        images[i] = published
        kept.push(pid)
      }
      return
    }
    const full = sized(page.full, `${pid}的版面图`)
    const image: PageImage = { src: pageImagePath(issueId, pid, 'full', page.full, full.ext), width: full.width, height: full.height }
    writes.push({ rel: image.src, data: page.full })
    if (page.thumb) {
      const thumb = sized(page.thumb, `${pid}的手机版版面图`)
      image.thumb = { src: pageImagePath(issueId, pid, 'thumb', page.thumb, thumb.ext), width: thumb.width, height: thumb.height }
      writes.push({ rel: image.thumb.src, data: page.thumb })
    }
    images[i] = image
  })
  return { images, kept, writes }
}

/**
 * The published zones of matched articles, for a build that recognised none (from the text): zones on
 * pages the issue still has. A build with zones of its own keeps none.
 */
function keptZones(parsed: PublishInput['parsed'], articleIds: string[], previous: Issue | undefined): { zones: Array<Zone[] | undefined>, kept: number } {
  const zones: Array<Zone[] | undefined> = []
  if (!previous || parsed.items.some((it) => feedZones(it))) return { zones, kept: 0 }
  const byId = new Map(previous.articles.map((a) => [a.id, a]))
  const pagesNow = new Set(parsed.pages.map((_p, i) => pageId(i)))
  let kept = 0
  parsed.items.forEach((_it, i) => {
    const z = byId.get(articleIds[i])?.zones?.filter((zone) => pagesNow.has(zone.pageId))
    if (z && z.length > 0) {
      zones[i] = z
      kept++
    }
  })
  return { zones, kept }
}

/**
 * Plans a publish into `root` without writing anything (see the module comment). Throws PublishError for
 * anything the editor must settle first: an issue that would replace another, a broken index, an
 * unreadable photo, a result that does not validate.
 */
export function planPublish(root: string, input: PublishInput): PublishPlan {
  const { parsed } = input
  const notes: string[] = []
  const existing = readIndex(root)
  const paper = resolvePaper({ file: input.paper, existing: existing?.paper, masthead: parsed.masthead })
  if ('error' in paper) throw new PublishError(paper.error)
  if (paper.note) notes.push(paper.note)

  const choice = chooseIssueId(existing, { date: parsed.date, number: parsed.number }, { replace: input.replace, beside: input.beside })
  if ('error' in choice) throw new PublishError(choice.error)
  const issueId = choice.id
  const previous = choice.replaces ? readIssue(root, choice.replaces) : undefined
  let ledger
  try {
    ledger = readLedger(root)
  } catch (e) {
    throw new PublishError((e as Error).message)
  }
  const ids = assignArticleIds(previous ? publishedKeys(previous) : [], buildKeys(parsed), ledger.issues[issueId] ?? [])
  if (previous) {
    notes.push(`更正“${issueId}”这一期：保留${ids.kept.length}篇文章的编号${ids.fresh.length > 0 ? `，新编号：${ids.fresh.join(' ')}` : ''}`)
    for (const r of ids.retired) notes.push(`${r.id}“${r.title}”已不在这期中；它的编号停用，不会再给别的文章`)
  }

  const previousById = new Map(previous?.articles.map((a) => [a.id, a]))
  const assets: Record<string, FigureAsset> = {}
  const imageWrites: FileWrite[] = []
  const keptPhotos: string[] = []
  const photos = input.photos ?? {}
  const slots = figureSlots(parsed)
  const usedKeys = new Set<string>()
  let placeholder: Uint8Array | undefined
  for (const slot of slots) {
    const key = slotKey(slot)
    const articleId = ids.ids[slot.item]
    const data = photos[key]
    if (data !== undefined) {
      usedKeys.add(key)
      const info = imageSize(Buffer.from(data.buffer, data.byteOffset, data.byteLength))
      if (!info) throw new PublishError(`${input.photoNames?.[key] ?? `${articleId}的第${slot.n}张图片`}不是可读的PNG或JPEG图片`)
      const src = photoPath(issueId, articleId, slot.n, data, info.ext)
      assets[key] = { src, width: info.width, height: info.height }
      imageWrites.push({ rel: src, data })
      continue
    }
    const kept = previousById.get(articleId)?.figures[slot.n - 1]
    if (kept?.src && kept.width && kept.height) {
      assets[key] = { src: kept.src, width: kept.width, height: kept.height, ...(kept.placeholder ? { placeholder: true } : {}) }
      keptPhotos.push(`${articleId}-${slot.n}`)
      continue
    }
    if (input.placeholders) {
      placeholder ??= placeholderPng()
      const info = imageSize(Buffer.from(placeholder)) as NonNullable<ReturnType<typeof imageSize>>
      const src = photoPath(issueId, articleId, slot.n, placeholder, 'png')
      assets[key] = { src, width: info.width, height: info.height, placeholder: true }
      imageWrites.push({ rel: src, data: placeholder })
    }
  }
  const unused = Object.keys(photos).filter((k) => !usedKeys.has(k))
  if (unused.length > 0) notes.push(`有${unused.length}张图片没有用上（这期只有${slots.length}个图片位置）：${unused.map((k) => input.photoNames?.[k] ?? k).join('、')}`)
  const missing = slots.filter((s) => !assets[slotKey(s)]).length
  if (missing > 0 && Object.keys(photos).length > 0) notes.push(`有${missing}个图片位置没有图片`)
  if (keptPhotos.length > 0) notes.push(`保留了已发布的图片：${keptPhotos.join(' ')}`)

  // Page images and zones describe the printed pages, which a correction from the text does not change:
  // a build that brings none keeps the published ones (as it keeps photos) rather than losing them.
  const pages = planPageImages(issueId, input, previous)
  imageWrites.push(...pages.writes)
  if (pages.kept.length > 0) notes.push(`保留了已发布的版面图：${pages.kept.join(' ')}`)
  const zones = keptZones(parsed, ids.ids, previous)
  if (zones.kept > 0) notes.push(`保留了${zones.kept}篇文章已发布的版面热区`)

  const issue = buildIssue(parsed, assets, { id: issueId, articleIds: ids.ids }, { pageImages: pages.images, zones: zones.zones })
  const issueCheck = validateIssue(issue)
  if (!issueCheck.ok) throw new PublishError(`这一期没有通过校验：${describeProblems(issueCheck.problems)}`)
  const summary = summarise(issue)
  const merged = mergeIndex(existing, paper.paper, issue, (input.now ?? (() => new Date()))().toISOString(), (newest) => {
    const r = readListedIssue(root, newest)
    if ('problem' in r) throw new PublishError(`索引里最新一期的目录（latest）要取自最新的“${newest.id}”这一期，但${r.problem}；请先修好它，或撤下“${newest.id}”`)
    return r.issue
  })
  const indexCheck = validateIndex(merged.index)
  if (!indexCheck.ok) throw new PublishError(`索引将无法通过校验：${describeProblems(indexCheck.problems)}`)

  // Order matters (commit.ts): the id record first, photos, the issue, the index last.
  const writes: FileWrite[] = []
  const recorded = recordIds(ledger, issueId, ids.used)
  if (recorded.changed) writes.push({ rel: LEDGER, data: Buffer.from(serialise(recorded.ledger)) })
  const seen = new Set<string>()
  for (const w of imageWrites) {
    if (seen.has(w.rel)) continue
    seen.add(w.rel)
    if (!sameContent(path.join(root, w.rel), w.data)) writes.push(w)
  }
  const issueData = Buffer.from(serialise(issue))
  if (!sameContent(path.join(root, summary.path), issueData)) writes.push({ rel: summary.path, data: issueData })
  if (merged.changed) writes.push({ rel: 'index.json', data: Buffer.from(serialise(merged.index)) })
  return { issue, summary, index: merged.index, paper: paper.paper, replaces: choice.replaces, ids, keptPhotos, keptPageImages: pages.kept, writes, notes }
}

function recoveryNotes(r: Recovery): string[] {
  const notes: string[] = []
  if (r.completed > 0) notes.push(`完成了上次中断的发布（放好${r.completed}个文件）`)
  if (r.deleted.length > 0) notes.push(`删除了中断运行留下的${r.deleted.length}个临时文件`)
  return notes
}

/** Deletes what no published issue references, unless a listed issue cannot be read (then keeps all). */
function cleanUp(root: string, notes: string[]): string[] {
  const index = readIndex(root)
  if (!index) return []
  const issues: Issue[] = []
  for (const s of index.issues) {
    try {
      issues.push(readIssue(root, s))
    } catch {
      notes.push(`${s.path}读不出来，因此没有清理任何图片（不知道它用了哪些图片）`)
      return []
    }
  }
  return removeUnreferenced(root, referencedFiles(index, issues))
}

async function withLock<T>(root: string, opts: PublishOptions, notes: string[], fn: () => T | Promise<T>): Promise<T> {
  let lock: HeldLock
  const existed = fs.existsSync(root)
  try {
    lock = await acquireLock(root, { timeoutMs: opts.lockTimeoutMs, staleMs: opts.staleLockMs })
  } catch (e) {
    throw new PublishError((e as Error).message)
  }
  try {
    if (lock.recovered) notes.push(lock.recovered)
    notes.push(...recoveryNotes(recoverFeed(root)))
    return await fn()
  } catch (e) {
    // A folder this run created goes again when the build failed before publishing anything. Only empty
    // folders are removed (rmdir), so a build that took the lock meanwhile keeps its folder.
    if (!existed && !fs.existsSync(path.join(root, 'index.json'))) {
      lock.release()
      for (const dir of [path.join(root, STATE_DIR), root]) {
        try {
          fs.rmdirSync(dir)
        } catch { /* not empty: in use */ }
      }
    }
    throw e
  } finally {
    lock.release()
  }
}

/**
 * Publishes one issue into the feed folder `root` (created when missing): plans (see
 * {@link planPublish}), shows the plan to `beforeWrite`, then — unless `dryRun` — takes the lock,
 * completes any interrupted publish, plans again against what is now published, writes through the
 * journal and cleans up. A build that changes nothing writes nothing. Throws PublishError, having written
 * nothing, for input the editor must settle.
 */
export async function publishIssue(root: string, input: PublishInput, opts: PublishOptions = {}): Promise<PublishResult> {
  if (opts.dryRun) {
    const plan = planPublish(root, input)
    opts.beforeWrite?.(plan)
    return { plan, written: [], removed: [], notes: [...plan.notes], dryRun: true }
  }
  const notes: string[] = []
  return withLock(root, opts, notes, async () => {
    const plan = planPublish(root, input)
    opts.beforeWrite?.(plan)
    // Tests only: widen the window between reading the folder and writing it, where two builds without
    // a lock would overwrite each other's index.
    const pause = Number(process.env.NEWSROOM_TEST_PAUSE_BEFORE_COMMIT_MS ?? '0')
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause))
    commitFiles(root, plan.writes)
    const removed = cleanUp(root, notes)
    return { plan, written: plan.writes.map((w) => w.rel), removed, notes: [...plan.notes, ...notes], dryRun: false }
  })
}

/** What taking an issue down did. */
export interface RemoveResult {
  removed: IssueSummary
  /** Files deleted: the issue file and the photos no other issue uses. */
  deleted: string[]
  notes: string[]
}

/**
 * Takes an issue down: removes it from `index.json` atomically (through the journal), then deletes its
 * issue file and every photo no other published issue uses. The record of its article ids stays, so if
 * it is published again no id of a removed article comes back on another one. Throws PublishError when
 * the issue is not published.
 */
export async function removeIssue(root: string, issueId: string, opts: Pick<PublishOptions, 'lockTimeoutMs' | 'staleLockMs'> & { now?: () => Date } = {}): Promise<RemoveResult> {
  if (!fs.existsSync(path.join(root, 'index.json'))) throw new PublishError(`${root}里没有index.json：那里没有发布任何一期`)
  const notes: string[] = []
  return withLock(root, opts, notes, () => {
    const index = readIndex(root) as FeedIndex
    const summary = index.issues.find((s) => s.id === issueId)
    if (!summary) throw new PublishError(`${root}里没有发布“${issueId}”这一期（已发布：${index.issues.map((s) => s.id).join('、') || '无'}）`)
    const issues = index.issues.filter((s) => s.id !== issueId)
    const latest = latestFor(issues, index, undefined, (newest) => {
      const r = readListedIssue(root, newest)
      if ('problem' in r) throw new PublishError(`撤下“${issueId}”后，索引里最新一期的目录（latest）要取自“${newest.id}”这一期，但${r.problem}；请先修好它，或先撤下“${newest.id}”。没有改动任何文件`)
      return r.issue
    })
    const next = withLatest({ ...index, updatedAt: (opts.now ?? (() => new Date()))().toISOString(), issues }, latest)
    const v = validateIndex(next)
    if (!v.ok) throw new PublishError(`索引将无法通过校验：${describeProblems(v.problems)}`)
    commitFiles(root, [{ rel: 'index.json', data: Buffer.from(serialise(next)) }])
    const deleted = cleanUp(root, notes)
    return { removed: summary, deleted, notes }
  })
}

/** Completes an interrupted publish and deletes temporary files, under the lock; returns what it did. */
export async function recoverFolder(root: string, opts: Pick<PublishOptions, 'lockTimeoutMs' | 'staleLockMs'> = {}): Promise<string[]> {
  if (!fs.existsSync(root)) throw new PublishError(`${root}不存在`)
  const notes: string[] = []
  await withLock(root, opts, notes, () => undefined)
  return notes
}
