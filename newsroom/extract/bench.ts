/**
 * Timing of the extract stage on a whole issue: reading every page, encoding every photo and rendering
 * every page image, as a build does. `npm run bench` can call benchExtract; run directly it prints one
 * JSON object:
 *
 *   npx tsx newsroom/extract/bench.ts [--pages 16] [--concurrency 2] <page PDFs or folders>…
 *
 * With --pages, the given pages are repeated into one PDF of that many pages (pdf-lib), so a 16-page
 * issue can be timed from the two-page sample.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { extractSources, listPdfFiles } from './pdf-source'

export interface ExtractBench {
  pages: number
  photos: number
  /** Wall time to read every page (worker start included). */
  readMs: number
  /** Wall time to encode every photo and render every page image after reading. */
  imagesMs: number
  totalMs: number
  msPerPage: number
  /** CPU time: this process (pdf.js thread and sharp included) while reading and afterwards, and pdftoppm. */
  cpuMs: { read: number, images: number, pdftoppm: number, perPage: number }
  /** Peak resident memory of this process (pdf.js thread included); pdftoppm runs beside it. */
  peakRssMb: number
  pageImageBytes: { fullMax: number, fullMean: number, thumbMax: number, thumbMean: number }
  photoBytes: { max: number, total: number }
}

/** Peak resident set of this process so far (Linux VmHWM; elsewhere the current RSS). */
function peakRssMb (): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))
    if (m) return Math.round(Number(m[1]) / 1024)
  } catch { /* not Linux */ }
  return Math.round(process.memoryUsage().rss / 1024 / 1024)
}

/** CPU time of waited-for child processes (Linux /proc: cutime + cstime, in clock ticks of 10 ms). */
function childCpuMs (): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ')
    // After the command name: field 3 is the state, so cutime and cstime (fields 16, 17) are at 13, 14.
    return (Number(fields[13]) + Number(fields[14])) * 10
  } catch {
    return 0
  }
}

const cpuMs = (since?: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since)
  return Math.round((u.user + u.system) / 1000)
}

/** Runs `tasks` with at most `limit` at a time, in order of start. */
async function pool<T> (tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++
      out[i] = await tasks[i]()
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, limit) }, lane))
  return out
}

/**
 * Reads the sources, then encodes all photos and renders all pages with `concurrency` jobs at a time
 * (pdftoppm and sharp use other cores than the reader), and reports times, memory and byte sizes.
 */
export async function benchExtract (sources: string[], concurrency = 2): Promise<ExtractBench> {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const k0 = childCpuMs()
  const ex = await extractSources(sources)
  const t1 = performance.now()
  const c1 = process.cpuUsage()
  try {
    const photoJobs = ex.pages.flatMap(p => p.images.map(img => async () => (await ex.image(p.index, img.id)).bytes.length))
    const renderJobs = ex.pages.map(p => async () => {
      const r = await ex.render(p.index)
      return [r.full.bytes.length, r.thumb.bytes.length]
    })
    const [photos, renders] = await Promise.all([pool(photoJobs, 1), pool(renderJobs, concurrency)])
    const t2 = performance.now()
    const images = cpuMs(c1)
    const read = cpuMs(c0) - images
    const pdftoppm = childCpuMs() - k0
    const full = renders.map(r => r[0])
    const thumb = renders.map(r => r[1])
    const mean = (xs: number[]): number => Math.round(xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length))
    return {
      pages: ex.pages.length,
      photos: photos.length,
      readMs: Math.round(t1 - t0),
      imagesMs: Math.round(t2 - t1),
      totalMs: Math.round(t2 - t0),
      msPerPage: Math.round((t2 - t0) / ex.pages.length),
      cpuMs: { read, images, pdftoppm, perPage: Math.round((read + images + pdftoppm) / ex.pages.length) },
      peakRssMb: peakRssMb(),
      pageImageBytes: { fullMax: Math.max(...full), fullMean: mean(full), thumbMax: Math.max(...thumb), thumbMean: mean(thumb) },
      photoBytes: { max: Math.max(0, ...photos), total: photos.reduce((s, x) => s + x, 0) }
    }
  } finally {
    await ex.close()
  }
}

/** One PDF of `count` pages, cycling through the pages of `files` (for timing a long issue). */
export async function repeatPages (files: string[], count: number, out: string): Promise<void> {
  // pdf-lib is a development dependency: only this benchmark needs to write PDFs.
  const { PDFDocument } = await import('pdf-lib')
  const target = await PDFDocument.create()
  const sources = await Promise.all(files.map(async f => await PDFDocument.load(fs.readFileSync(f))))
  const all = sources.flatMap(doc => doc.getPageIndices().map(i => ({ doc, i })))
  for (let n = 0; n < count; n++) {
    const { doc, i } = all[n % all.length]
    const [page] = await target.copyPages(doc, [i])
    target.addPage(page)
  }
  fs.writeFileSync(out, await target.save())
}

async function main (argv: string[]): Promise<void> {
  let pages: number | undefined
  let concurrency = 2
  const sources: string[] = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--pages') pages = Number(argv[++i])
    else if (argv[i] === '--concurrency') concurrency = Number(argv[++i])
    else sources.push(argv[i])
  }
  let inputs = sources
  let tmp: string | undefined
  if (pages) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-bench-'))
    const file = path.join(tmp, 'issue.pdf')
    await repeatPages(listPdfFiles(sources), pages, file)
    inputs = [file]
  }
  try {
    process.stdout.write(JSON.stringify(await benchExtract(inputs, concurrency), null, 2) + '\n')
  } finally {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${(e as Error).message}\n`)
    process.exit(1)
  })
}
