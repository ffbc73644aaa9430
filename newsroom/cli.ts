/**
 * `npm run feed -- <command> …`: the newsroom's feed command. Parses arguments, calls feed-folder.ts and
 * prints; exit codes 0 ok, 1 bad input or validation failure, 2 usage error.
 */
import path from 'node:path'
import { buildFeedFromPdf } from './build-pdf'
import { PdfSourceError } from './extract/pdf-source'
import { buildFeed, checkFeed, InputError, writeSchemaFile, type BuildResult } from './feed-folder'
import { SourceError } from './parse-issue'
import { RecogniseError } from './recognise/recognise-issue'
import { formatNote, formatReport } from './report'

/** The text `--help` prints, and usage errors after their message. */
export const USAGE = `Usage: npm run feed -- <command> [options]

Commands:
  build <source>… --out <feed-dir> [--images <dir>] [--paper <paper.json>] [--placeholders] [--report]
      Turn one issue into feed v1: writes <feed-dir>/issues/<date>.json and inserts or replaces the issue
      in <feed-dir>/index.json (newest first). Building the same source twice changes nothing. A source is
      the issue's extracted text (one .txt), or its page PDFs: .pdf files and folders of them (taken in
      file-name order; each page is one 版), which also give page images, article zones and photos.
        --images <dir>    photo files (PNG/JPEG), attached to photo items in order of appearance
        --paper <file>    the paper: { "id", "name", "site"?, "lunarMonthStyle"? … }
        --placeholders    give each photo item without a file a generated, labelled placeholder image
        --report          print what was recognised (items, headlines, credits, warnings) to check
  check <feed-dir>
      Validate a whole feed folder: index.json, every issue, every image it refers to.
  schema [--out <file>]
      Write the JSON Schema of feed v1 (default docs/feed-v1.schema.json).

Exit codes: 0 ok, 1 bad input or validation failure, 2 usage error.
`

/** Where the command prints; tests pass their own. */
export interface Io {
  out: (text: string) => void
  err: (text: string) => void
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t)
}

class UsageError extends Error {}

interface Parsed {
  positional: string[]
  options: Map<string, string | true>
}

function parseArgs(args: string[], valued: string[], flags: string[]): Parsed {
  const positional: string[] = []
  const options = new Map<string, string | true>()
  for (let i = 0; i < args.length; i++) {
    const a = args[i]
    if (!a.startsWith('--')) {
      positional.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = eq < 0 ? a : a.slice(0, eq)
    const inline = eq < 0 ? undefined : a.slice(eq + 1)
    if (valued.includes(name)) {
      const value = inline ?? args[++i]
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`)
      options.set(name, value)
    } else if (flags.includes(name) && inline === undefined) options.set(name, true)
    else throw new UsageError(`unknown option ${a}`)
  }
  return { positional, options }
}

const isText = (source: string) => /\.txt$/i.test(source)

function runBuild(args: string[], io: Io, now?: () => Date): number | Promise<number> {
  const { positional, options } = parseArgs(args, ['--out', '--images', '--paper'], ['--placeholders', '--report'])
  if (positional.length === 0) throw new UsageError('build needs a source: the issue\'s .txt, or its page PDFs (files or folders)')
  if (positional.some(isText) && positional.length > 1) {
    throw new UsageError(positional.every(isText) ? 'build takes one .txt source' : 'build takes either one .txt or page PDFs, not both')
  }
  const out = options.get('--out')
  if (typeof out !== 'string') throw new UsageError('build needs --out <feed-dir>')
  const common = {
    out,
    images: options.get('--images') as string | undefined,
    paper: options.get('--paper') as string | undefined,
    placeholders: options.has('--placeholders'),
    now
  }
  const source = positional.join(' ')
  const done = (r: BuildResult, extra = ''): number => {
    if (options.has('--report')) io.out(formatReport(source, r.parsed, r.issue))
    for (const n of r.notes) io.err(`warning: ${n}\n`)
    const what = r.written.length === 0 ? 'nothing changed' : `wrote ${r.written.join(', ')}`
    const removed = r.removed.length > 0 ? `; removed ${r.removed.join(', ')}` : ''
    const warned = r.parsed.warnings.length > 0 ? `; ${r.parsed.warnings.length} warning(s)${options.has('--report') ? '' : ' (see --report)'}` : ''
    io.out(`${r.issue.id} 总第${r.issue.number}期: ${r.issue.pages.length} page(s), ${r.issue.articles.length} item(s) in ${out}: ${what}${removed}${warned}${extra}\n`)
    return 0
  }
  const failed = (e: unknown): number => {
    if (e instanceof SourceError) {
      io.err(`${formatNote(source, e)}\n`)
      return 1
    }
    if (e instanceof InputError || e instanceof PdfSourceError || e instanceof RecogniseError) {
      io.err(`error: ${e.message}\n`)
      return 1
    }
    throw e
  }
  if (isText(positional[0])) {
    try {
      return done(buildFeed({ ...common, source }))
    } catch (e) {
      return failed(e)
    }
  }
  return buildFeedFromPdf(positional, common).then(
    (r) => done(r, ` (${r.timings.pages} page(s) in ${r.timings.total} s: reading ${r.timings.extract} s, recognising ${r.timings.recognise} s, photos and page images ${r.timings.images} s)`),
    failed
  )
}

function runCheck(args: string[], io: Io): number {
  const { positional } = parseArgs(args, [], [])
  if (positional.length !== 1) throw new UsageError('check needs exactly one feed folder')
  const dir = positional[0]
  const r = checkFeed(dir)
  for (const n of r.notes) io.err(`note: ${n}\n`)
  if (r.problems.length > 0) {
    for (const p of r.problems) io.err(`${path.join(dir, p.file)}: ${p.path} ${p.message}\n`)
    io.err(`${r.problems.length} problem(s) in ${dir}\n`)
    return 1
  }
  io.out(`${dir}: index.json and ${r.issues} issue(s) are valid feed v1\n`)
  return 0
}

function runSchema(args: string[], io: Io): number {
  const { positional, options } = parseArgs(args, ['--out'], [])
  if (positional.length > 0) throw new UsageError('schema takes no arguments besides --out')
  const file = (options.get('--out') as string | undefined) ?? path.join(__dirname, '..', 'docs', 'feed-v1.schema.json')
  writeSchemaFile(file)
  io.out(`wrote ${file}\n`)
  return 0
}

/**
 * Runs the command line `args` (without node and the script) and returns the exit code — at once, or as
 * a promise when the build reads PDFs. Never calls process.exit, so tests can call it in-process; `now`
 * fixes the clock for `updatedAt`.
 */
export function main(args: string[], io: Io = processIo, now?: () => Date): number | Promise<number> {
  const [command, ...rest] = args
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      ;(command === undefined ? io.err : io.out)(USAGE)
      return command === undefined ? 2 : 0
    }
    if (rest.includes('--help')) {
      io.out(USAGE)
      return 0
    }
    if (command === 'build') {
      const r = runBuild(rest, io, now)
      return typeof r === 'number' ? r : r.catch((e: unknown) => {
        io.err(`error: ${(e as Error).message}\n`)
        return 1
      })
    }
    if (command === 'check') return runCheck(rest, io)
    if (command === 'schema') return runSchema(rest, io)
    throw new UsageError(`unknown command ${command}`)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`)
      return 2
    }
    io.err(`error: ${(e as Error).message}\n`)
    return 1
  }
}

if (require.main === module) {
  void Promise.resolve(main(process.argv.slice(2))).then((code) => { process.exitCode = code })
}
