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
 * flattened onto white, as on newsprint. Throws when `maxBytes` cannot be met at quality 40.
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
  let quality = options.quality ?? 80
  for (;;) {
    let pipeline = source().flatten({ background: '#ffffff' })
    if (width !== srcWidth || height !== srcHeight) pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    const { data, info } = await pipeline.jpeg({ quality, mozjpeg: true, progressive: true }).toBuffer({ resolveWithObject: true })
    if (options.maxBytes === undefined || data.length <= options.maxBytes) {
      return { bytes: data, type: 'jpeg', width: info.width, height: info.height, sha256: crypto.createHash('sha256').update(data).digest('hex') }
    }
    if (quality <= MIN_QUALITY) throw new Error(`a ${width} px wide JPEG is ${data.length} bytes even at quality ${quality}, over ${options.maxBytes}`)
    // Step by the overshoot: a file 50% too big drops further than one 5% too big.
    const over = data.length / options.maxBytes
    quality = Math.max(MIN_QUALITY, quality - (over > 1.3 ? 15 : over > 1.1 ? 8 : 4))
  }
}
