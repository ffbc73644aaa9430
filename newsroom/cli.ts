/**
 * `npm run feed -- <command> …`: the newsroom's feed command, a thin front door: parses arguments, reads
 * the sources (feed-folder.ts for the text, build-pdf.ts for page PDFs), calls the publishing stage
 * (publish/) and prints; exit codes 0 ok, 1 bad input, a refused publish or a validation failure, 2
 * usage error.
 */
import path from 'node:path'
import type { PdfTimings } from './build-pdf'
import { PdfSourceError } from './extract/pdf-source'
import { checkFeed, InputError, writeSchemaFile } from './feed-folder'
import { buildIssue } from './feed-model'
import { SourceError } from './parse-issue'
import { publishIssue, PublishError, recoverFolder, removeIssue, type PublishInput } from './publish'
import { isTextSource as isText, readIssueSources } from './read-sources'
import { RecogniseError } from './recognise/recognise-issue'
import { formatNote, formatPlan, formatReport } from './report'

/** The text `--help` prints, and usage errors after their message. */
export const USAGE = `Usage: npm run feed -- <command> [options]

Commands:
  build <source>… --out <feed-dir> [--images <dir>] [--paper <paper.json>] [--placeholders]
        [--report] [--dry-run] [--replace <issue-id> | --beside]
      Turn one issue into feed v1 and publish it: writes <feed-dir>/issues/<id>.json and its images and
      lists the issue in <feed-dir>/index.json (newest first), atomically. A source is the issue's
      extracted text (one .txt), or its page PDFs: .pdf files and folders of them (taken in file-name
      order; each page is one 版), which also give page images, article zones and the printed photos. A
      rebuild of a published issue (same date and 总第N期) corrects it: article ids, links and photos are
      kept.
        --images <dir>    photo files (PNG/JPEG), one per photo in order of appearance (with PDFs, they
                          replace the printed photos)
        --paper <file>    the paper: { "id", "name", "site"?, "lunarMonthStyle"? … }; without it a new
                          folder takes the paper from the masthead
        --placeholders    give each photo left without an image a generated, labelled placeholder
        --report          print what was recognised and what will be written, before writing
        --dry-run         parse, validate and print the report; write nothing
        --replace <id>    this build corrects the published issue <id> (another date or number)
        --beside          another issue of a date already published (a 号外): published beside it
  remove <feed-dir> <issue-id>
      Take an issue down: out of index.json atomically, then its issue file and photos are deleted.
  recover <feed-dir>
      Complete a publish interrupted by a crash and delete its temporary files (any build does this too).
  check <feed-dir>
      Validate a whole feed folder: index.json, every issue, every image it refers to.
  schema [--out <file>]
      Write the JSON Schema of feed v1 (default docs/feed-v1.schema.json).

Exit codes: 0 ok, 1 bad input, a refused publish or a validation failure, 2 usage error.
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

const timingNote = (t: PdfTimings): string =>
  `；${t.pages}个版用时${t.total}秒（读取${t.extract}秒，识别${t.recognise}秒，图片和版面图${t.images}秒）`

async function runBuild(args: string[], io: Io, now?: () => Date): Promise<number> {
  const { positional, options } = parseArgs(args, ['--out', '--images', '--paper', '--replace'], ['--placeholders', '--report', '--dry-run', '--beside'])
  if (positional.length === 0) throw new UsageError('build needs a source: the issue\'s .txt, or its page PDFs (files or folders)')
  if (positional.some(isText) && positional.length > 1) {
    throw new UsageError(positional.every(isText) ? 'build takes one .txt source' : 'build takes either one .txt or page PDFs, not both')
  }
  const out = options.get('--out')
  if (typeof out !== 'string') throw new UsageError('build needs --out <feed-dir>')
  if (options.has('--replace') && options.has('--beside')) throw new UsageError('--replace and --beside exclude each other')
  const source = positional.join(' ')
  const dryRun = options.has('--dry-run')
  const wantReport = dryRun || options.has('--report')
  const files = { images: options.get('--images') as string | undefined, paper: options.get('--paper') as string | undefined }
  let input: PublishInput
  let timing = ''
  try {
    const read = await readIssueSources(positional, files)
    input = read.input
    if (read.timings) timing = timingNote(read.timings)
  } catch (e) {
    if (e instanceof SourceError) {
      io.err(`${formatNote(source, e)}\n`)
      return 1
    }
    if (e instanceof InputError || e instanceof PdfSourceError || e instanceof RecogniseError) {
      io.err(`错误：${e.message}\n`)
      return 1
    }
    throw e
  }
  let reported = false
  try {
    const r = await publishIssue(out, {
      ...input,
      replace: options.get('--replace') as string | undefined,
      beside: options.has('--beside'),
      placeholders: options.has('--placeholders'),
      now
    }, {
      dryRun,
      beforeWrite: (plan) => {
        if (!wantReport) return
        io.out(formatReport(source, input.parsed, plan.issue) + formatPlan(plan, dryRun))
        reported = true
      }
    })
    const planNotes = new Set(r.plan.notes)
    for (const n of r.notes) if (!wantReport || !planNotes.has(n)) io.err(`提示：${n}\n`)
    const issue = r.plan.issue
    const what = dryRun ? `试运行，没有写入（将写入：${r.plan.writes.map((w) => w.rel).join('、') || '无'}）` : r.written.length === 0 ? '没有变化' : `写入：${r.written.join('、')}`
    const removed = r.removed.length > 0 ? `；删除：${r.removed.join('、')}` : ''
    const warnings = input.parsed.warnings.length
    const warned = warnings > 0 ? `；${warnings}条请核对${wantReport ? '' : '（见 --report）'}` : ''
    io.out(`${issue.id} 总第${issue.number}期，${issue.pages.length}个版，${issue.articles.length}篇稿件，发布到${out}。${what}${removed}${warned}${timing}\n`)
    return 0
  } catch (e) {
    if (!(e instanceof PublishError)) throw e
    // The report also when the build is refused: the editor sees what was read, then why it stopped.
    if (wantReport && !reported) io.out(formatReport(source, input.parsed, buildIssue(input.parsed)))
    io.err(`错误：${e.message}\n`)
    return 1
  }
}

async function runRemove(args: string[], io: Io, now?: () => Date): Promise<number> {
  const { positional } = parseArgs(args, [], [])
  if (positional.length !== 2) throw new UsageError('remove needs a feed folder and an issue id')
  const [dir, id] = positional
  try {
    const r = await removeIssue(dir, id, { now })
    for (const n of r.notes) io.err(`提示：${n}\n`)
    io.out(`已从${path.join(dir, 'index.json')}撤下“${r.removed.id}”这一期（${r.removed.date} 总第${r.removed.number}期）；删除：${r.deleted.join('、') || '无'}\n`)
    return 0
  } catch (e) {
    if (!(e instanceof PublishError)) throw e
    io.err(`错误：${e.message}\n`)
    return 1
  }
}

async function runRecover(args: string[], io: Io): Promise<number> {
  const { positional } = parseArgs(args, [], [])
  if (positional.length !== 1) throw new UsageError('recover needs exactly one feed folder')
  try {
    const notes = await recoverFolder(positional[0])
    io.out(`${positional[0]}：${notes.join('；') || '没有需要恢复的'}\n`)
    return 0
  } catch (e) {
    if (!(e instanceof PublishError)) throw e
    io.err(`错误：${e.message}\n`)
    return 1
  }
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
 * Runs the command line `args` (without node and the script) and resolves to the exit code. Never calls
 * process.exit, so tests can call it in-process; `now` fixes the clock for `updatedAt`.
 */
export async function main(args: string[], io: Io = processIo, now?: () => Date): Promise<number> {
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
    if (command === 'build') return await runBuild(rest, io, now)
    if (command === 'remove') return await runRemove(rest, io, now)
    if (command === 'recover') return await runRecover(rest, io)
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
  main(process.argv.slice(2)).then((code) => { process.exitCode = code }, (e: unknown) => {
    process.stderr.write(`error: ${(e as Error).message}\n`)
    process.exitCode = 1
  })
}
