/**
 * The extract stage for PDFs: lists the page PDFs of an issue, reads every page's text runs, images and
 * rules (pdf.js, in a worker thread: pdfjs-thread.ts), and hands out photos and page images encoded for
 * phones. Reads files only; writes nothing.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { encodeJpeg, type EncodedImage } from './image-encode'
import type { PageContent } from './page-content'
import { renderPage, type PageRenditions } from './page-render'
import type { PdfProblem, RawImage, ThreadError } from './pdfjs-thread'

export type { PdfProblem } from './pdfjs-thread'

/**
 * A PDF the newsroom cannot use, with the file (and page, when one page is at fault) and a plain reason
 * in Chinese, for the editor. Raised before anything is written.
 */
export class PdfSourceError extends Error {
  readonly file: string
  readonly page?: number
  readonly reason: string
  /** The kind of trouble, when it is one a front door answers differently; the message is for people. */
  readonly problem?: PdfProblem
  constructor (detail: { file: string, page?: number, message: string, problem?: PdfProblem }) {
    super(`${detail.file}${detail.page ? ` 第${detail.page}页` : ''}：${detail.message}`)
    this.name = 'PdfSourceError'
    this.file = detail.file
    this.page = detail.page
    this.reason = detail.message
    this.problem = detail.problem
  }
}

/** Limits on what one build reads: a page PDF from a layout system is a few MB. */
export const SOURCE_LIMITS = {
  maxFileBytes: 200 * 1024 * 1024,
  maxPages: 64,
  /** Longest pdf.js may take over one page before the file is given up as damaged. */
  pageTimeoutMs: 60_000
}

/** Photos for phones: at most 1280 px wide. */
export const PHOTO_MAX_WIDTH = 1280

const bytes = (n: number): string => n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`

const byFileName = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })

/**
 * The PDF files a list of sources stands for, in order: a `.pdf` is itself; a folder gives its PDFs
 * in file-name order (numbers compared as numbers: `A2.pdf` before `A10.pdf`). Throws
 * PdfSourceError for a missing path, a folder without PDFs, or a file that is not a PDF.
 */
export function listPdfFiles (sources: readonly string[]): string[] {
  const files: string[] = []
  for (const source of sources) {
    let stat: fs.Stats
    try {
      stat = fs.statSync(source)
    } catch (e) {
      throw new PdfSourceError({ file: source, message: `无法读取（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）` })
    }
    if (stat.isDirectory()) {
      const pdfs = fs.readdirSync(source).filter(n => /\.pdf$/i.test(n) && !n.startsWith('.')).sort(byFileName)
      if (pdfs.length === 0) throw new PdfSourceError({ file: source, message: '文件夹里没有PDF文件' })
      files.push(...pdfs.map(n => path.join(source, n)))
    } else if (/\.pdf$/i.test(source)) {
      files.push(source)
    } else {
      throw new PdfSourceError({ file: source, problem: 'damaged', message: '不是PDF文件，也不是存放PDF的文件夹' })
    }
  }
  for (const file of files) {
    const size = fs.statSync(file).size
    if (size === 0) throw new PdfSourceError({ file, problem: 'damaged', message: '文件是空的' })
    if (size > SOURCE_LIMITS.maxFileBytes) throw new PdfSourceError({ file, message: `文件有${bytes(size)}，超过${bytes(SOURCE_LIMITS.maxFileBytes)}的上限` })
  }
  return files
}

/** Everything extracted from an issue's page PDFs. Call `close()` when done (it stops the worker). */
export interface ExtractedSources {
  /** Every page of every file, in order; `pages[i].index === i`. */
  pages: PageContent[]
  /** A placed image's pixels as a JPEG at most 1280 px wide (aspect kept). */
  image: (pageIndex: number, imageId: string) => Promise<EncodedImage>
  /** The page's printed image: 1500 px wide ≤ 400 KB, and 750 px wide ≤ 250 KB for phones. */
  render: (pageIndex: number) => Promise<PageRenditions>
  close: () => Promise<void>
}

interface PageRead { index: number, file: string, pageInFile: number }
interface Reply { id: number, ok?: boolean, result?: unknown, error?: ThreadError, progress?: PageRead }

/**
 * Starts pdfjs-thread.ts in a worker thread. The thread is TypeScript: it registers tsx's CommonJS
 * hook (in-thread, so it works under jest and under the CLI alike) before loading it.
 */
function startThread (): { call: <T>(msg: Record<string, unknown>, onProgress?: (p: PageRead) => void) => Promise<T>, stop: () => Promise<void> } {
  const entry = path.join(__dirname, 'pdfjs-thread.ts')
  const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(entry)})`
  const worker = new Worker(boot, { eval: true })
  let next = 1
  const waiting = new Map<number, { resolve: (v: any) => void, reject: (e: Error) => void, onProgress?: (p: PageRead) => void }>()
  let dead: Error | undefined
  const failAll = (e: Error): void => {
    dead = e
    for (const w of waiting.values()) w.reject(e)
    waiting.clear()
  }
  worker.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id)
    if (!w) return
    if (reply.progress) return w.onProgress?.(reply.progress)
    waiting.delete(reply.id)
    if (reply.ok) w.resolve(reply.result)
    else w.reject(new PdfSourceError(reply.error ?? { file: '', message: '未知错误' }))
  })
  worker.on('error', e => failAll(new Error(`the PDF reader stopped: ${e.message}`)))
  worker.on('exit', code => failAll(new Error(`the PDF reader exited (code ${code})`)))
  return {
    call: async <T>(msg: Record<string, unknown>, onProgress?: (p: PageRead) => void): Promise<T> => {
      if (dead) throw dead
      const id = next++
      return await new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve, reject, onProgress })
        worker.postMessage({ ...msg, id })
      })
    },
    stop: async () => {
      if (!dead) {
        worker.removeAllListeners('exit')
        dead = new Error('closed')
        await worker.terminate()
      }
    }
  }
}

/**
 * Checks what a page must have: text. A page with images and no text is a scan (it needs OCR first); a
 * page with neither is blank.
 */
function checkPages (pages: PageContent[]): void {
  for (const page of pages) {
    if (page.runs.length > 0) continue
    if (page.images.length > 0) throw new PdfSourceError({ file: page.file, page: page.pageInFile, problem: 'needs-ocr', message: `第${page.pageInFile}页是没有文字层的图片（扫描件？），需要先做文字识别（OCR）才能读取` })
    throw new PdfSourceError({ file: page.file, page: page.pageInFile, message: `第${page.pageInFile}页没有任何文字` })
  }
}

/** How extractSources works beside reading. */
export interface ExtractOptions {
  /**
   * Render each page's image as soon as pdf.js has read the page (default true): pdftoppm and sharp
   * then use the second core while pdf.js reads the next page, and render() returns the result.
   * A refusal cancels what was started.
   */
  prerender?: boolean
  /** Page renders at once once reading is done (default 2; one while reading). */
  renderConcurrency?: number
}

/**
 * Reads every page of the given sources (PDF files or folders of them, see listPdfFiles). Throws
 * PdfSourceError, naming file and page, for an encrypted, damaged, empty or image-only PDF; on error
 * nothing is left running.
 */
export async function extractSources (sources: readonly string[], options: ExtractOptions = {}): Promise<ExtractedSources> {
  const files = listPdfFiles(sources)
  const thread = startThread()
  const abort = new AbortController()
  const renders = new Map<number, Promise<PageRenditions>>()
  // Renders wait for a free lane: one while pdf.js reads (it has the other core), more afterwards.
  let lanes = 1
  let running = 0
  const queue: Array<{ go: () => void, stop: (e: Error) => void }> = []
  // Renders still waiting for a lane when the reader stops are refused, never left hanging.
  const cancelQueued = (): void => {
    for (const q of queue.splice(0)) q.stop(new Error('PDF读取已关闭'))
  }
  const pump = (): void => {
    while (running < lanes && queue.length > 0) {
      running++
      queue.shift()!.go()
    }
  }
  const schedule = (page: PageRead): Promise<PageRenditions> => {
    let started = renders.get(page.index)
    if (!started) {
      started = new Promise<void>((resolve, reject) => {
        if (abort.signal.aborted) return reject(new Error('PDF读取已关闭'))
        queue.push({ go: resolve, stop: reject })
        pump()
      })
        .then(async () => await renderPage(page.file, page.pageInFile, abort.signal))
        .catch((e: unknown) => { throw new PdfSourceError({ file: page.file, page: page.pageInFile, problem: 'damaged', message: `第${page.pageInFile}页无法生成版面图（${(e as Error).message}）` }) })
        .finally(() => { if (!abort.signal.aborted) { running--; pump() } })
      // Rejections surface when render() is asked for that page; an unasked page's failure is no error.
      started.catch(() => {})
      renders.set(page.index, started)
    }
    return started
  }
  let pages: PageContent[]
  try {
    // A page that keeps pdf.js busy for a minute is a broken or hostile file: stop the thread and say
    // which file it was (a newspaper page takes well under a second).
    let last: PageRead | undefined
    let timer: NodeJS.Timeout | undefined
    let onRead: (page: PageRead) => void = () => {}
    const stalled = new Promise<never>((_resolve, reject) => {
      const arm = (): void => {
        clearTimeout(timer)
        timer = setTimeout(() => {
          const where = last ? `在${last.file}第${last.pageInFile}页之后` : '在第一页'
          reject(new PdfSourceError({ file: last?.file ?? files[0], problem: 'damaged', message: `读取${where}停止：一页用时超过${SOURCE_LIMITS.pageTimeoutMs / 1000}秒，文件可能已损坏` }))
        }, SOURCE_LIMITS.pageTimeoutMs)
      }
      arm()
      onRead = page => {
        last = page
        arm()
        if (page.index >= SOURCE_LIMITS.maxPages) {
          clearTimeout(timer)
          reject(new PdfSourceError({ file: page.file, page: page.pageInFile, message: `这期报纸超过${SOURCE_LIMITS.maxPages}页` }))
        }
        if (options.prerender !== false) void schedule(page)
      }
    })
    try {
      pages = await Promise.race([thread.call<PageContent[]>({ type: 'open', files }, page => onRead(page)), stalled])
    } finally {
      clearTimeout(timer)
    }
    checkPages(pages)
  } catch (e) {
    abort.abort()
    cancelQueued()
    await thread.stop()
    throw e
  }
  lanes = Math.max(1, options.renderConcurrency ?? 2)
  pump()
  const pageAt = (pageIndex: number): PageContent => {
    const page = pages[pageIndex]
    if (!page) throw new RangeError(`no page ${pageIndex} (the issue has ${pages.length})`)
    return page
  }
  return {
    pages,
    image: async (pageIndex, imageId) => {
      const page = pageAt(pageIndex)
      const raw = await thread.call<RawImage>({ type: 'image', page: pageIndex, image: imageId })
      try {
        return await encodeJpeg(raw, { maxWidth: PHOTO_MAX_WIDTH, quality: 82 })
      } catch (e) {
        throw new PdfSourceError({ file: page.file, page: page.pageInFile, message: `图片${imageId}无法压缩（${(e as Error).message}）` })
      }
    },
    render: async pageIndex => await schedule(pageAt(pageIndex)),
    close: async () => {
      abort.abort()
      cancelQueued()
      try {
        await thread.call({ type: 'close' })
      } catch { /* the thread is stopped below either way */ }
      await thread.stop()
    }
  }
}
