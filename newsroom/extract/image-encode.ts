/**
 * Encoding for phones: photos and page renders become progressive JPEG (mozjpeg) within a pixel width
 * and a byte budget. sharp (libvips) does the work; this module only chooses sizes and quality.
 */
import crypto from 'node:crypto'
import sharp, { type Sharp } from 'sharp'

/** An encoded image ready to publish: its bytes, exact pixel size and content hash. */
export interface EncodedImage {
  bytes: Buffer
  type: 'jpeg'
  width: number
  height: number
  /** sha256 of the bytes, lowercase hex: publish names files by it. */
  sha256: string
}

/** Raw pixels, 8 bits per channel, rows top to bottom. */
export interface RawPixels {
  width: number
  height: number
  channels: 1 | 3 | 4
  data: Uint8Array
}

export interface JpegOptions {
  /** Scale down (never up) to at most this width, keeping the aspect ratio. */
  maxWidth?: number
  /** Scale to exactly this width, keeping the aspect ratio. */
  width?: number
  /** Lower the quality step by step until the file fits; an error when even the lowest does not. */
  maxBytes?: number
  /** Starting quality (1–100). */
  quality?: number
}

const MIN_QUALITY = 40

/**
 * Encodes raw pixels (or an image file's bytes) as a progressive mozjpeg JPEG. Transparency is
 * flattened onto white, as on newsprint. With `maxBytes`, quality is lowered to 40 and then the image
 * slightly softened; throws when even that does not fit.
 */
export async function encodeJpeg (input: RawPixels | Buffer, options: JpegOptions = {}): Promise<EncodedImage> {
  const source = (): Sharp => Buffer.isBuffer(input)
    ? sharp(input, { limitInputPixels: 200_000_000 })
    : sharp(input.data, { raw: { width: input.width, height: input.height, channels: input.channels } })
  const meta = Buffer.isBuffer(input) ? await sharp(input).metadata() : { width: input.width, height: input.height }
  const srcWidth = meta.width ?? 1
  const srcHeight = meta.height ?? 1
  const width = options.width ?? Math.min(srcWidth, options.maxWidth ?? srcWidth)
  const height = Math.max(1, Math.round(srcHeight * width / srcWidth))
  // Pages of very small type may not fit even at the lowest quality; a slight softening (a 0.6 px
  // blur, invisible at reading size) then removes the fine detail JPEG spends most bytes on.
  for (const blur of [0, 0.6]) {
    let quality = blur > 0 ? Math.min(60, options.quality ?? 80) : options.quality ?? 80
    for (;;) {
      let pipeline = source().flatten({ background: '#ffffff' })
      if (width !== srcWidth || height !== srcHeight) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
      if (blur > 0) pipeline = pipeline.blur(blur)
      const { data, info } = await pipeline.jpeg({ quality, mozjpeg: true, progressive: true }).toBuffer({ resolveWithObject: true })
      if (options.maxBytes === undefined || data.length <= options.maxBytes) {
        return { bytes: data, type: 'jpeg', width: info.width, height: info.height, sha256: crypto.createHash('sha256').update(data).digest('hex') }
      }
      if (quality <= MIN_QUALITY) {
        if (blur > 0) throw new Error(`a ${width} px wide JPEG is ${data.length} bytes even at quality ${quality}, over ${options.maxBytes}`)
        break
      }
      // Between quality 40 and 80 a mozjpeg file shrinks by about 1.5% per step (measured on rendered
      // newspaper pages), so one step sized to the overshoot usually lands inside the budget: each
      // encode of a full page costs most of a second.
      const steps = Math.ceil(Math.log(data.length / options.maxBytes) / 0.015) + 1
      quality = Math.max(MIN_QUALITY, quality - Math.min(25, Math.max(2, steps)))
    }
  }
  throw new Error('unreachable')
}
