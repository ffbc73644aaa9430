/**
 * The text path's front door onto the feed folder: reads what `feed build` was given (the extracted
 * text, the paper file, a folder of photos) into a {@link PublishInput} for the publishing stage
 * (`publish/`), and checks a whole feed folder. The PDF path (build-pdf.ts) reads its paper file and
 * photo folder with the same readers. Only the publishing stage writes feed files.
 */
import fs from 'node:fs'
import path from 'node:path'
import { latestOf, validateIndex, validateIssue, type Issue } from '../src/core/feed'
import { feedJsonSchema } from '../src/core/feed/json-schema'
import { canonicalJson, figureSlots, serialise, slotKey, summarise, type PaperInput } from './feed-model'
import { imageSize } from './image-size'
import { parseIssue, type ParsedIssue, type ParseOptions } from './parse-issue'
import { hasPendingPublish, publishIssue, type PublishInput, type PublishOptions, type PublishResult } from './publish'
import { renameDurable, writeDurable } from './publish/durable'

/** Input the command cannot use (other than a source line problem): a missing file, a broken paper file … */
export class InputError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** What `feed build` was given; paths as the user gave them. */
export interface BuildFiles {
  /** Path of the extracted text, as the user gave it (it prefixes error messages). */
  source: string
  /** Folder of photo files (PNG/JPEG), attached to photo figures in order of appearance. */
  images?: string
  /** Path of a paper.json. */
  paper?: string
  parse?: ParseOptions
}

/** Largest source or paper file accepted: a 16-page issue's text is well under 1 MB. */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024

function readText(file: string, what: string): string {
  try {
    if (fs.statSync(file).size > MAX_TEXT_BYTES) throw new InputError(`${what}${file}超过${MAX_TEXT_BYTES / 1024 / 1024} MB，是不是选错了文件？`)
    return fs.readFileSync(file, 'utf8')
  } catch (e) {
    if (e instanceof InputError) throw e
    throw new InputError(`无法读取${what}${file}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file, what)
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new InputError(`${file}不是有效的JSON：${(e as Error).message}`)
  }
}

/** Photo files in a folder, by name with numbers compared as numbers (`2.jpg` before `10.jpg`). */
export function listImages(dir: string): string[] {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch (e) {
    throw new InputError(`无法读取图片文件夹${dir}：${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  return names
    .filter((n) => !n.startsWith('.') && /\.(png|jpe?g)$/i.test(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((n) => path.join(dir, n))
}

/** Largest photo file accepted (a page-wide press photo is a few MB). */
export const MAX_PHOTO_BYTES = 20 * 1024 * 1024

/** Reads a `--paper` file: a JSON object (what it may hold is checked when publishing). */
export function readPaperFile(file: string): PaperInput {
  const json = readJson(file, '报纸信息文件')
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new InputError(`${file}应是一个JSON对象，如 { "id": "…", "name": "…" }`)
  return json as PaperInput
}

/**
 * Reads an `--images` folder for a parsed issue: files in name order, one per photo figure in order of
 * appearance, keyed as the publisher expects; extra files are passed on (and reported as unused).
 */
export function readPhotoFolder(dir: string, parsed: ParsedIssue): { photos: Record<string, Uint8Array>, photoNames: Record<string, string> } {
  const photos: Record<string, Uint8Array> = {}
  const photoNames: Record<string, string> = {}
  const slots = figureSlots(parsed)
  listImages(dir).forEach((file, i) => {
    const key = slots[i] ? slotKey(slots[i]) : `extra:${i}`
    if (fs.statSync(file).size > MAX_PHOTO_BYTES) throw new InputError(`${file}超过${MAX_PHOTO_BYTES / 1024 / 1024} MB`)
    const data = fs.readFileSync(file)
    if (slots[i] && !imageSize(data)) throw new InputError(`${file}不是可读的PNG或JPEG图片`)
    photos[key] = data
    photoNames[key] = path.basename(file)
  })
  return { photos, photoNames }
}

/**
 * Reads the source (throws SourceError with the line for what cannot be parsed), the paper file and the
 * photos into the publisher's input (see {@link readPhotoFolder}).
 */
export function readBuildFiles(files: BuildFiles): PublishInput {
  const parsed = parseIssue(readText(files.source, '文本文件'), files.parse)
  const paper = files.paper ? readPaperFile(files.paper) : undefined
  const { photos, photoNames } = files.images ? readPhotoFolder(files.images, parsed) : { photos: {}, photoNames: {} }
  return { parsed, paper, photos, photoNames }
}

/**
 * `feed build`: reads the files and publishes them into `out` (see publish/publish.ts); `options` carry
 * the editor's intent (replace, beside, placeholders), the clock and the dry-run and report hooks.
 */
export async function buildFeed(files: BuildFiles & { out: string }, intent: Pick<PublishInput, 'replace' | 'beside' | 'placeholders' | 'now'> = {}, options: PublishOptions = {}): Promise<PublishResult> {
  const input = readBuildFiles(files)
  return publishIssue(files.out, { ...input, ...intent }, options)
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
 * Where `actual` first departs from `expected` (JSON values), under the JSON path `at`: an array of
 * another length is reported whole, since its items would all seem to differ after the first one missing.
 */
function firstDifference(actual: unknown, expected: unknown, at: string): { path: string, message: string } | undefined {
  if (canonicalJson(actual) === canonicalJson(expected)) return undefined
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return { path: at, message: `has ${actual.length} item(s) but the issue file gives ${expected.length}` }
    for (let i = 0; i < actual.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${at}/${i}`)
      if (d) return d
    }
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (isObject(actual) && isObject(expected)) {
    for (const key of [...new Set([...Object.keys(expected), ...Object.keys(actual)])]) {
      if (!(key in actual)) return { path: `${at}/${key}`, message: `is missing but the issue file says ${JSON.stringify(expected[key])}` }
      if (!(key in expected)) return { path: `${at}/${key}`, message: `is ${JSON.stringify(actual[key])} but the issue file has none` }
      const d = firstDifference(actual[key], expected[key], `${at}/${key}`)
      if (d) return d
    }
  }
  return { path: at, message: `is ${JSON.stringify(actual)} but the issue file says ${JSON.stringify(expected)}` }
}

/**
 * Validates a whole feed folder: index.json and every issue it lists against the schema (and the
 * checks a schema cannot express), that each summary agrees with its issue, that the index's `latest`
 * block is the newest issue's (derived from its file as the newsroom derives it), and that every
 * relative image (figures, page images and their phone renditions) exists and has the size the feed
 * claims.
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
  if (hasPendingPublish(dir)) notes.push('an interrupted publish is pending (.newsroom/journal.json); the next build, remove or recover in this folder completes it')
  const raw = load('index.json')
  if (raw === undefined) return { problems, issues: 0, notes }
  const index = validateIndex(raw)
  if (!index.ok) {
    for (const p of index.problems) problems.push({ file: 'index.json', ...p })
    return { problems, issues: 0, notes }
  }
  let newest: Issue | undefined
  index.value.issues.forEach((s, i) => {
    const json = load(s.path)
    if (json === undefined) return
    const v = validateIssue(json)
    if (!v.ok) {
      for (const p of v.problems) problems.push({ file: s.path, ...p })
      return
    }
    if (i === 0) newest = v.value
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
  // A feed published before the block existed has none: readers then wait for the issue file, which is
  // slower but right, so its absence is a note. A block that is there must be the truth.
  const { issues, latest } = index.value
  if (!latest) {
    if (issues.length > 0) notes.push('index.json has no /latest (the newest issue\'s pages and first-page list); the next build or remove in this folder writes it')
  } else if (issues.length === 0) {
    problems.push({ file: 'index.json', path: '/latest/id', message: `is ${JSON.stringify(latest.id)} but no issue is listed` })
  } else if (latest.id !== issues[0].id) {
    problems.push({ file: 'index.json', path: '/latest/id', message: `is ${JSON.stringify(latest.id)} but the newest issue (/issues/0) is ${JSON.stringify(issues[0].id)}` })
  } else if (newest) {
    const d = firstDifference(latest, latestOf(newest), '/latest')
    if (d) problems.push({ file: 'index.json', ...d })
  }
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
  const tmp = `${file}.tmp-${process.pid}-${Date.now().toString(16).slice(-8)}`
  writeDurable(tmp, Buffer.from(serialise(feedJsonSchema())))
  renameDurable(tmp, file)
}
