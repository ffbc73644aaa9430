/**
 * The feed folder on disk: building an issue into it, checking it, writing the schema file. This is the
 * only newsroom module that touches the file system (with cli.ts, which only parses arguments and prints).
 *
 * Everything is read, parsed and validated before the first write; writes go to temporary files that are
 * renamed into place (images, then the issue, then index.json last), so a failure leaves the folder as it
 * was and a reader never sees an index that points to a half-written issue.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describeProblems, validateIndex, validateIssue, type FeedIndex, type Issue, type IssueSummary, type PageImage } from '../src/core/feed'
import { feedJsonSchema } from '../src/core/feed/json-schema'
import { buildIssue, figureSlots, imagePath, mergeIndex, numberClashes, resolvePaper, serialise, slotKey, summarise, type FigureAsset, type PaperInput } from './feed-model'
import { imageSize } from './image-size'
import { parseIssue, type ParseOptions, type ParsedIssue } from './parse-issue'
import { placeholderPng } from './placeholder-png'

/** Input the command cannot use (other than a source line problem): a missing file, a broken index … */
export class InputError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** What `feed build` was asked to do; paths as the user gave them. */
export interface BuildOptions {
  /** Path of the extracted text, as the user gave it (it prefixes error messages). */
  source: string
  /** The feed folder; created when missing. */
  out: string
  /** Folder of photo files (PNG/JPEG), attached to photo items in order of appearance. */
  images?: string
  /** Path of a paper.json. */
  paper?: string
  /** Generate a labelled placeholder image for each photo item left without one. */
  placeholders?: boolean
  /** The clock, for `updatedAt`. */
  now?: () => Date
  parse?: ParseOptions
  /** An issue already recognised from page PDFs; `source` then only names the input in messages. */
  parsed?: ParsedIssue
  /** Images that came with the pages (the PDF path): photos by figure slot (`a5-1`), page images by page. */
  extracted?: ExtractedImages
}

/** One encoded image with its pixel size and content hash. */
export interface ImageBytes {
  bytes: Buffer
  width: number
  height: number
  sha256: string
}

/** Photos and page images extracted from the pages, ready to publish. */
export interface ExtractedImages {
  photos: Record<string, ImageBytes>
  pages: Array<{ full: ImageBytes, thumb: ImageBytes } | undefined>
}

/** What a build produced and changed. */
export interface BuildResult {
  parsed: ParsedIssue
  issue: Issue
  summary: IssueSummary
  index: FeedIndex
  /** Paths (relative to the feed folder) written, in the order they were put in place. */
  written: string[]
  /** Stale images of this issue that were removed. */
  removed: string[]
  /** Findings beyond the source's own warnings (unused images, a repeated issue number). */
  notes: string[]
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch (e) {
    throw new InputError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file, what)
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`)
  }
}

/** Photo files in a folder, by name with numbers compared as numbers (`2.jpg` before `10.jpg`). */
export function listImages(dir: string): string[] {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch (e) {
    throw new InputError(`cannot read the images folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  return names
    .filter((n) => !n.startsWith('.') && /\.(png|jpe?g)$/i.test(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((n) => path.join(dir, n))
}

function sameContent(file: string, data: Buffer): boolean {
  try {
    return fs.readFileSync(file).equals(data)
  } catch {
    return false
  }
}

/**
 * Puts files in place atomically one by one: all are first written to temporary names next to their
 * targets; only when every write succeeded are they renamed, in the given order.
 */
export function commitFiles(root: string, files: Array<{ rel: string, data: Buffer }>): void {
  const staged: Array<{ tmp: string, target: string }> = []
  try {
    for (const f of files) {
      const target = path.join(root, f.rel)
      fs.mkdirSync(path.dirname(target), { recursive: true })
      const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`
      fs.writeFileSync(tmp, f.data)
      staged.push({ tmp, target })
    }
  } catch (e) {
    for (const s of staged) fs.rmSync(s.tmp, { force: true })
    throw e
  }
  for (const s of staged) fs.renameSync(s.tmp, s.target)
}

const OUR_IMAGE = /^(?:a\d+-\d+|p\d+(?:-thumb)?-[0-9a-f]{8})\.(?:png|jpe?g)$/

/**
 * Builds one issue into a feed folder: writes `issues/<id>.json`, its images, and inserts or replaces the
 * issue in `index.json` (newest first). Files whose content would not change are not written, so
 * building the same source twice changes nothing. Throws SourceError (with the source line) or
 * InputError before anything is written.
 */
export function buildFeed(options: BuildOptions): BuildResult {
  const parsed = options.parsed ?? parseIssue(readText(options.source, 'the source'), options.parse)
  const notes: string[] = []

  let paperFile: PaperInput | undefined
  if (options.paper) {
    const json = readJson(options.paper, 'the paper file')
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw new InputError(`${options.paper} must hold a JSON object like { "id": "…", "name": "…" }`)
    paperFile = json as PaperInput
  }

  const indexFile = path.join(options.out, 'index.json')
  let existing: FeedIndex | undefined
  if (fs.existsSync(indexFile)) {
    const v = validateIndex(readJson(indexFile, 'the index'))
    if (!v.ok) throw new InputError(`${indexFile} is not a valid feed v1 index (${describeProblems(v.problems)}); fix or remove it first`)
    existing = v.value
  }
  const paper = resolvePaper({ file: paperFile, existing: existing?.paper, masthead: parsed.masthead })
  if ('error' in paper) throw new InputError(paper.error)

  const issueId = parsed.date
  const assets: Record<string, FigureAsset> = {}
  const imageWrites: Array<{ rel: string, data: Buffer }> = []
  const slots = figureSlots(parsed)
  const files = options.images ? listImages(options.images) : []
  slots.forEach((slot, i) => {
    const file = files[i]
    if (file !== undefined) {
      const data = fs.readFileSync(file)
      const info = imageSize(data)
      if (!info) throw new InputError(`${file} is not a readable PNG or JPEG image`)
      const rel = imagePath(issueId, slot, info.ext)
      assets[slotKey(slot)] = { src: rel, width: info.width, height: info.height }
      imageWrites.push({ rel, data })
    } else if (options.extracted?.photos[slotKey(slot)]) {
      const photo = options.extracted.photos[slotKey(slot)]
      const rel = imagePath(issueId, slot, 'jpg')
      assets[slotKey(slot)] = { src: rel, width: photo.width, height: photo.height }
      imageWrites.push({ rel, data: photo.bytes })
    } else if (options.placeholders) {
      const data = placeholderPng()
      const info = imageSize(data) as NonNullable<ReturnType<typeof imageSize>>
      const rel = imagePath(issueId, slot, 'png')
      assets[slotKey(slot)] = { src: rel, width: info.width, height: info.height, placeholder: true }
      imageWrites.push({ rel, data })
    }
  })
  if (files.length > slots.length) notes.push(`${files.length - slots.length} image(s) in ${options.images} not used (the issue has ${slots.length} photo item(s)): ${files.slice(slots.length).map((f) => path.basename(f)).join(', ')}`)
  if (options.images && files.length < slots.length && !options.placeholders) notes.push(`${slots.length - files.length} photo item(s) have no image`)

  // Page images are named by content, so a reader's cache never shows an old page under a reused name.
  const pageImages: Array<PageImage | undefined> = (options.extracted?.pages ?? []).map((r, i) => {
    if (!r) return undefined
    const name = (suffix: string, img: ImageBytes) => `images/${issueId}/p${i + 1}${suffix}-${img.sha256.slice(0, 8)}.jpg`
    const full = name('', r.full)
    const thumb = name('-thumb', r.thumb)
    imageWrites.push({ rel: full, data: r.full.bytes }, { rel: thumb, data: r.thumb.bytes })
    return { src: full, width: r.full.width, height: r.full.height, thumb: { src: thumb, width: r.thumb.width, height: r.thumb.height } }
  })
  const issue = buildIssue(parsed, assets, pageImages)
  const issueCheck = validateIssue(issue)
  if (!issueCheck.ok) throw new InputError(`the issue does not validate: ${describeProblems(issueCheck.problems)}`)
  const summary = summarise(issue)
  const merged = mergeIndex(existing, paper.paper, summary, (options.now ?? (() => new Date()))().toISOString())
  const indexCheck = validateIndex(merged.index)
  if (!indexCheck.ok) throw new InputError(`the index would not validate: ${describeProblems(indexCheck.problems)}`)
  for (const other of numberClashes(merged.index, summary)) notes.push(`issue ${other.id} in the index has the same number 总第${summary.number}期`)

  const writes: Array<{ rel: string, data: Buffer }> = []
  for (const w of imageWrites) if (!sameContent(path.join(options.out, w.rel), w.data)) writes.push(w)
  const issueRel = summary.path
  const issueData = Buffer.from(serialise(issue))
  if (!sameContent(path.join(options.out, issueRel), issueData)) writes.push({ rel: issueRel, data: issueData })
  if (merged.changed) writes.push({ rel: 'index.json', data: Buffer.from(serialise(merged.index)) })
  commitFiles(options.out, writes)

  // Images of an earlier build of this issue that the new one no longer uses.
  const removed: string[] = []
  const imageDir = path.join(options.out, 'images', issueId)
  const keep = new Set(imageWrites.map((w) => path.basename(w.rel)))
  if (fs.existsSync(imageDir)) {
    for (const name of fs.readdirSync(imageDir)) {
      if (OUR_IMAGE.test(name) && !keep.has(name)) {
        fs.rmSync(path.join(imageDir, name))
        removed.push(`images/${issueId}/${name}`)
      }
    }
  }
  return { parsed, issue, summary, index: merged.index, written: writes.map((w) => w.rel), removed, notes }
}

/** One problem found by {@link checkFeed}: the file (relative to the folder), the JSON path, the message. */
export interface CheckProblem {
  file: string
  path: string
  message: string
}

/** The outcome of {@link checkFeed}: the folder is valid when `problems` is empty. */
export interface CheckResult {
  problems: CheckProblem[]
  /** Issues listed in the index. */
  issues: number
  /** Not problems: issue files the index does not list. */
  notes: string[]
}

/**
 * Validates a whole feed folder: index.json and every issue it lists against the schema (and the
 * checks a schema cannot express), that each summary agrees with its issue, and that every relative
 * image (figures, page images and their thumbnails) exists and has the size the feed claims.
 */
export function checkFeed(dir: string): CheckResult {
  const problems: CheckProblem[] = []
  const notes: string[] = []
  const load = (rel: string): unknown => {
    const file = path.join(dir, rel)
    if (!fs.existsSync(file)) {
      problems.push({ file: rel, path: '/', message: 'is missing' })
      return undefined
    }
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8'))
    } catch (e) {
      problems.push({ file: rel, path: '/', message: `is not valid JSON: ${(e as Error).message}` })
      return undefined
    }
  }
  const raw = load('index.json')
  if (raw === undefined) return { problems, issues: 0, notes }
  const index = validateIndex(raw)
  if (!index.ok) {
    for (const p of index.problems) problems.push({ file: 'index.json', ...p })
    return { problems, issues: 0, notes }
  }
  index.value.issues.forEach((s, i) => {
    const json = load(s.path)
    if (json === undefined) return
    const v = validateIssue(json)
    if (!v.ok) {
      for (const p of v.problems) problems.push({ file: s.path, ...p })
      return
    }
    const expected = summarise(v.value)
    for (const key of ['id', 'date', 'number', 'yearNumber', 'pageCount', 'articleCount', 'headline'] as const) {
      if (s[key] !== expected[key]) problems.push({ file: 'index.json', path: `/issues/${i}/${key}`, message: `is ${JSON.stringify(s[key])} but the issue file says ${JSON.stringify(expected[key])}` })
    }
    if (s.cover && !v.value.articles.some((a) => a.figures.some((f) => f.src === s.cover?.src))) {
      problems.push({ file: 'index.json', path: `/issues/${i}/cover/src`, message: `${s.cover.src} is not a figure of the issue` })
    }
    v.value.articles.forEach((a, ai) => a.figures.forEach((f, fi) => {
      if (!f.src || /^https:\/\//.test(f.src)) return
      const at = `/articles/${ai}/figures/${fi}`
      const file = path.join(dir, f.src)
      if (!fs.existsSync(file)) return problems.push({ file: s.path, path: `${at}/src`, message: `${f.src} does not exist` })
      const info = imageSize(fs.readFileSync(file))
      if (!info) problems.push({ file: s.path, path: `${at}/src`, message: `${f.src} is not a PNG or JPEG image` })
      else if ((f.width !== undefined && f.width !== info.width) || (f.height !== undefined && f.height !== info.height)) {
        problems.push({ file: s.path, path: at, message: `says ${f.width}×${f.height} but ${f.src} is ${info.width}×${info.height}` })
      }
    }))
    // Page images (版面图) and their phone renditions: present, and exactly the size the page claims.
    v.value.pages.forEach((page, pi) => {
      const images = page.image ? [{ at: `/pages/${pi}/image`, img: page.image }, ...(page.image.thumb ? [{ at: `/pages/${pi}/image/thumb`, img: page.image.thumb }] : [])] : []
      for (const { at, img } of images) {
        if (/^https:\/\//.test(img.src)) continue
        const file = path.join(dir, img.src)
        if (!fs.existsSync(file)) {
          problems.push({ file: s.path, path: `${at}/src`, message: `${img.src} does not exist` })
          continue
        }
        const info = imageSize(fs.readFileSync(file))
        if (!info) problems.push({ file: s.path, path: `${at}/src`, message: `${img.src} is not a PNG or JPEG image` })
        else if (info.width !== img.width || info.height !== img.height) problems.push({ file: s.path, path: at, message: `says ${img.width}×${img.height} but ${img.src} is ${info.width}×${info.height}` })
      }
      const thumb = page.image?.thumb
      if (page.image && thumb && Math.abs(thumb.width / thumb.height - page.image.width / page.image.height) > 0.01 * (page.image.width / page.image.height)) {
        problems.push({ file: s.path, path: `/pages/${pi}/image/thumb`, message: 'has another aspect ratio than the page image' })
      }
    })
  })
  const listed = new Set(index.value.issues.map((s) => s.path))
  const issuesDir = path.join(dir, 'issues')
  if (fs.existsSync(issuesDir)) {
    for (const name of fs.readdirSync(issuesDir)) {
      if (name.endsWith('.json') && !listed.has(`issues/${name}`)) notes.push(`issues/${name} is not listed in index.json`)
    }
  }
  return { problems, issues: index.value.issues.length, notes }
}

/** Writes the JSON Schema of feed v1 (2-space JSON, final newline), atomically. */
export function writeSchemaFile(file: string): void {
  commitFiles(path.dirname(file), [{ rel: path.basename(file), data: Buffer.from(serialise(feedJsonSchema())) }])
}
