/**
 * The worker thread that runs pdf.js. pdfjs-dist ships only ES modules (`.mjs`, with `import.meta`),
 * which jest's CommonJS module system cannot load; in a worker thread Node loads them natively, the
 * same way under the CLI (tsx) and under jest, and the parsing runs beside the main thread's image
 * encoding. pdf-source.ts starts it and is the only module that talks to it.
 *
 * Messages in: `{ id, type: 'open', files }`, `{ id, type: 'image', page, image }`, `{ id, type: 'close' }`.
 * Messages out: `{ id, ok: true, result }` or `{ id, ok: false, error: { file, page?, message } }`, and
 * while opening, `{ id, progress: { index, file, pageInFile } }` for each page read.
 */
import { parentPort } from 'node:worker_threads'
import fs from 'node:fs'
import path from 'node:path'
import type { PageContent } from './page-content'
import { drawing, isBoldFont, stripSubsetPrefix, textRuns, type FontFacts, type ImageRef, type OpCodes } from './page-geometry'

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>

/** Raw pixels of an image as pdf.js decoded them. */
export interface RawImage {
  width: number
  height: number
  channels: 1 | 3 | 4
  data: Uint8Array
}

export interface ThreadError {
  file: string
  page?: number
  message: string
  /** What kind of trouble, for front doors that answer each differently (see PdfProblem). */
  problem?: PdfProblem
}

/**
 * Why a PDF cannot be used, in a form code can branch on (the message is words for the editor and
 * may be reworded): locked with a password, unreadable (damaged, not a PDF, empty, a page that cannot
 * be read or rendered), or pages that are pictures with no text layer.
 */
export type PdfProblem = 'encrypted' | 'damaged' | 'needs-ocr'

/** An error that already names what went wrong in plain words. */
class Refusal extends Error {
  constructor (readonly detail: ThreadError) {
    super(detail.message)
  }
}

const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'))

let pdfjs: PdfJs | undefined
async function load (): Promise<PdfJs> {
  if (!pdfjs) {
    // The main-thread worker handler: pdf.js then parses in this thread instead of spawning its own.
    // (The worker build has no type declarations; a variable specifier keeps tsc from asking for them.)
    const workerBuild = 'pdfjs-dist/legacy/build/pdf.worker.mjs'
    ;(globalThis as any).pdfjsWorker = await import(workerBuild)
    pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs')
  }
  return pdfjs
}

interface OpenPage { doc: PdfDocument, page: PdfPage, images: ImageRef[], file: string, pageInFile: number }
const docs: PdfDocument[] = []
const pages: OpenPage[] = []

function opCodes (OPS: PdfJs['OPS']): OpCodes {
  return {
    save: OPS.save,
    restore: OPS.restore,
    transform: OPS.transform,
    setLineWidth: OPS.setLineWidth,
    constructPath: OPS.constructPath,
    paintFormXObjectBegin: OPS.paintFormXObjectBegin,
    paintFormXObjectEnd: OPS.paintFormXObjectEnd,
    paintImageXObject: OPS.paintImageXObject,
    paintInlineImageXObject: OPS.paintInlineImageXObject,
    paintImageXObjectRepeat: OPS.paintImageXObjectRepeat,
    stroke: OPS.stroke,
    closeStroke: OPS.closeStroke,
    fill: OPS.fill,
    eoFill: OPS.eoFill,
    fillStroke: OPS.fillStroke,
    eoFillStroke: OPS.eoFillStroke,
    closeFillStroke: OPS.closeFillStroke,
    closeEOFillStroke: OPS.closeEOFillStroke
  }
}

function describeOpenError (file: string, e: unknown): ThreadError {
  const name = (e as { name?: string })?.name
  const message = (e as Error)?.message ?? String(e)
  if (name === 'PasswordException') return { file, problem: 'encrypted', message: '该PDF已加密（设有密码），请重新导出不带密码的PDF' }
  if (name === 'InvalidPDFException') return { file, problem: 'damaged', message: `文件已损坏或不是PDF（${message}）` }
  return { file, problem: 'damaged', message: `无法读取该PDF（${message}）` }
}

async function openFile (lib: PdfJs, file: string, first: number, onPage: (page: PageContent) => void): Promise<PageContent[]> {
  const data = new Uint8Array(fs.readFileSync(file))
  let doc: PdfDocument
  try {
    doc = await lib.getDocument({
      data,
      cMapUrl: path.join(pdfjsDir, 'cmaps') + path.sep,
      cMapPacked: true,
      standardFontDataUrl: path.join(pdfjsDir, 'standard_fonts') + path.sep,
      wasmUrl: path.join(pdfjsDir, 'wasm') + path.sep,
      fontExtraProperties: true,
      isEvalSupported: false,
      // Warnings about fonts pdf.js substitutes go to the console otherwise; the extract stage reports
      // what matters itself.
      verbosity: 0
    }).promise
  } catch (e) {
    throw new Refusal(describeOpenError(file, e))
  }
  docs.push(doc)
  if (doc.numPages === 0) throw new Refusal({ file, problem: 'damaged', message: '该PDF没有页面' })
  const ops = opCodes(lib.OPS)
  const out: PageContent[] = []
  for (let n = 1; n <= doc.numPages; n++) {
    let content: PageContent
    try {
      const page = await doc.getPage(n)
      const viewport = page.getViewport({ scale: 1 })
      const opList = await page.getOperatorList()
      const text = await page.getTextContent()
      const fonts = new Map<string, FontFacts>()
      const fontFacts = (loadedName: string): FontFacts => {
        let facts = fonts.get(loadedName)
        if (!facts) {
          let name = loadedName
          let flag: boolean | undefined
          if (page.commonObjs.has(loadedName)) {
            const font = page.commonObjs.get(loadedName) as { name?: string, bold?: boolean, black?: boolean }
            if (font?.name) name = stripSubsetPrefix(font.name)
            flag = font?.bold === true || font?.black === true
          }
          facts = { name, bold: isBoldFont(name, flag) }
          fonts.set(loadedName, facts)
        }
        return facts
      }
      const items = text.items.filter((it): it is import('pdfjs-dist/types/src/display/api').TextItem => 'str' in it)
      const runs = textRuns(items, text.styles as any, fontFacts, viewport.transform)
      const size = { width: viewport.width, height: viewport.height }
      const { images, rules } = drawing(opList.fnArray, opList.argsArray, ops, viewport.transform, size)
      pages.push({ doc, page, images, file, pageInFile: n })
      content = {
        index: first + out.length,
        file,
        pageInFile: n,
        width: Math.round(viewport.width * 100) / 100,
        height: Math.round(viewport.height * 100) / 100,
        runs,
        images: images.map(({ objId: _o, inline: _i, ...placed }) => placed),
        rules
      }
    } catch (e) {
      if (e instanceof Refusal) throw e
      throw new Refusal({ file, page: n, problem: 'damaged', message: `第${n}页无法读取（${(e as Error)?.message ?? String(e)}）` })
    }
    out.push(content)
    onPage(content)
  }
  return out
}

async function open (files: string[], onPage: (page: PageContent) => void): Promise<PageContent[]> {
  const lib = await load()
  const all: PageContent[] = []
  for (const file of files) all.push(...await openFile(lib, file, all.length, onPage))
  return all
}

/** pdf.js image kinds (`ImageKind`): 1 bit grey, 8-bit RGB, 8-bit RGBA. */
const GRAYSCALE_1BPP = 1
const RGB_24BPP = 2
const RGBA_32BPP = 3

function toRaw (img: { width: number, height: number, kind?: number, data?: Uint8Array | Uint8ClampedArray, bitmap?: unknown }): RawImage {
  const { width, height, kind, data } = img
  if (!data) throw new Error('image pixels are not available (an image form pdf.js returned as a bitmap)')
  if (kind === RGB_24BPP) return { width, height, channels: 3, data: new Uint8Array(data) }
  if (kind === RGBA_32BPP) return { width, height, channels: 4, data: new Uint8Array(data) }
  if (kind === GRAYSCALE_1BPP) {
    // Rows of packed bits, each row padded to a byte; a set bit is white (as pdf.js paints it).
    const rowBytes = (width + 7) >> 3
    const out = new Uint8Array(width * height)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        out[y * width + x] = (data[y * rowBytes + (x >> 3)] & (0x80 >> (x & 7))) !== 0 ? 255 : 0
      }
    }
    return { width, height, channels: 1, data: out }
  }
  throw new Error(`unknown image kind ${String(kind)}`)
}

async function image (pageIndex: number, imageId: string): Promise<RawImage> {
  const open = pages[pageIndex]
  if (!open) throw new Error(`no page ${pageIndex}`)
  const ref = open.images.find(i => i.id === imageId)
  if (!ref) throw new Refusal({ file: open.file, page: open.pageInFile, message: `第${open.pageInFile}页没有图片${imageId}` })
  try {
    if (ref.inline) return toRaw(ref.inline as any)
    const id = ref.objId as string
    const objs = id.startsWith('g_') ? open.page.commonObjs : open.page.objs
    // The page's objects stay resolved from reading (pdf.js does not send an image twice, so a page
    // must not be cleaned up before its photos are taken).
    const data = await new Promise<any>(resolve => objs.get(id, resolve))
    return toRaw(data)
  } catch (e) {
    throw new Refusal({ file: open.file, page: open.pageInFile, message: `第${open.pageInFile}页的图片${imageId}无法解码（${(e as Error)?.message ?? String(e)}）` })
  }
}

async function close (): Promise<void> {
  for (const doc of docs.splice(0)) await doc.destroy()
  pages.length = 0
}

parentPort?.on('message', (msg: { id: number, type: string, files?: string[], page?: number, image?: string }) => {
  const run = async (): Promise<unknown> => {
    // Each page is announced as soon as it is read, so page images can be rendered meanwhile.
    if (msg.type === 'open') return await open(msg.files ?? [], page => parentPort!.postMessage({ id: msg.id, progress: { index: page.index, file: page.file, pageInFile: page.pageInFile } }))
    if (msg.type === 'image') return await image(msg.page ?? -1, msg.image ?? '')
    if (msg.type === 'close') return await close()
    throw new Error(`unknown request ${msg.type}`)
  }
  run().then(
    result => {
      const transfer = result && typeof result === 'object' && 'data' in result ? [(result as RawImage).data.buffer as ArrayBuffer] : []
      parentPort!.postMessage({ id: msg.id, ok: true, result }, transfer)
    },
    (e: unknown) => {
      const error: ThreadError = e instanceof Refusal ? e.detail : { file: '', message: (e as Error)?.message ?? String(e) }
      parentPort!.postMessage({ id: msg.id, ok: false, error })
    }
  )
})
