/**
 * Page images for the reader's 版面图: poppler's `pdftoppm` rasterises one page (it substitutes
 * non-embedded CJK fonts through fontconfig, so Chinese set in fonts the PDF does not carry still comes
 * out as real glyphs, which pdf.js in Node cannot do), then sharp encodes a large and a phone-sized JPEG.
 */
import { execFile } from 'node:child_process'
import { encodeJpeg, type EncodedImage } from './image-encode'

/** Sizes of the renditions: the full page at least 1500 px wide, the phone rendition about 750. */
export const PAGE_IMAGE = {
  fullWidth: 1500,
  fullMaxBytes: 400 * 1024,
  thumbWidth: 750,
  thumbMaxBytes: 250 * 1024,
  /** Per page; a newspaper page renders in about a second here. */
  timeoutMs: 60_000
}

export interface PageRenditions {
  full: EncodedImage
  thumb: EncodedImage
}

/** Thrown when pdftoppm fails or is missing; the caller adds the file and page. */
export class RenderError extends Error {}

/**
 * Reads a binary PPM (P6) as pdftoppm writes it to stdout. Written here because it is a three-line
 * header in front of raw RGB, which sharp takes directly; sharp itself does not read PPM.
 */
export function readPpm (buf: Buffer): { width: number, height: number, data: Buffer } {
  let pos = 0
  const fields: string[] = []
  while (fields.length < 4) {
    while (pos < buf.length && /\s/.test(String.fromCharCode(buf[pos]))) pos++
    if (buf[pos] === 0x23) { // a comment line
      while (pos < buf.length && buf[pos] !== 0x0a) pos++
      continue
    }
    const start = pos
    while (pos < buf.length && !/\s/.test(String.fromCharCode(buf[pos]))) pos++
    if (start === pos) throw new RenderError('pdftoppm 没有输出图像')
    fields.push(buf.toString('latin1', start, pos))
  }
  pos++ // the single whitespace byte after maxval
  const [magic, w, h, max] = fields
  const width = Number(w)
  const height = Number(h)
  if (magic !== 'P6' || max !== '255' || !(width > 0) || !(height > 0)) throw new RenderError(`pdftoppm 输出的图像头不对（${fields.join(' ')}）`)
  const data = buf.subarray(pos, pos + width * height * 3)
  if (data.length !== width * height * 3) throw new RenderError('pdftoppm 输出的图像不完整')
  return { width, height, data }
}

/** Rasterises page `pageInFile` (1-based) of `file` exactly `width` px wide, as raw RGB. */
export function rasterise (file: string, pageInFile: number, width: number, signal?: AbortSignal): Promise<{ width: number, height: number, data: Buffer }> {
  const args = ['-f', String(pageInFile), '-l', String(pageInFile), '-scale-to-x', String(width), '-scale-to-y', '-1', '--', file]
  return new Promise((resolve, reject) => {
    execFile('pdftoppm', args, { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, timeout: PAGE_IMAGE.timeoutMs, windowsHide: true, signal }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code
        if (signal?.aborted) return reject(new RenderError('已取消'))
        if (code === 'ENOENT') return reject(new RenderError('本机没有安装 pdftoppm（Debian：apt-get install poppler-utils）'))
        if ((err as { killed?: boolean }).killed) return reject(new RenderError(`用时超过${PAGE_IMAGE.timeoutMs / 1000}秒`))
        return reject(new RenderError(`pdftoppm 出错：${stderr.toString('utf8').trim() || err.message}`))
      }
      try {
        resolve(readPpm(stdout))
      } catch (e) {
        reject(e)
      }
    })
  })
}

/**
 * The page's image at 1500 px wide (≤ 400 KB) and 750 px wide (≤ 250 KB), both JPEG. The small one is
 * scaled down from the same raster, so both show exactly the same page.
 */
export async function renderPage (file: string, pageInFile: number, signal?: AbortSignal): Promise<PageRenditions> {
  const raster = await rasterise(file, pageInFile, PAGE_IMAGE.fullWidth, signal)
  const raw = { width: raster.width, height: raster.height, channels: 3 as const, data: raster.data }
  // A dense text page at 1500 px fits 400 KB at about quality 62; starting near it saves re-encodes.
  const [full, thumb] = await Promise.all([
    encodeJpeg(raw, { maxBytes: PAGE_IMAGE.fullMaxBytes, quality: 70 }),
    encodeJpeg(raw, { width: PAGE_IMAGE.thumbWidth, maxBytes: PAGE_IMAGE.thumbMaxBytes, quality: 80 })
  ])
  return { full, thumb }
}
