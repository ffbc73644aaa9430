/**
 * Reads the pixel size from a PNG or JPEG header, so figures carry width and height without an image
 * library. Pure: works on bytes already read.
 */

/** An image file's type and pixel size. */
export interface ImageInfo {
  type: 'png' | 'jpeg'
  /** The file extension the feed uses for this type. */
  ext: 'png' | 'jpg'
  width: number
  height: number
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

function u16(b: Uint8Array, i: number): number {
  return (b[i] << 8) | b[i + 1]
}

function u32(b: Uint8Array, i: number): number {
  return ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3]
}

/**
 * Width and height of a PNG (from IHDR) or JPEG (from the first SOFn frame header); null for anything
 * else or a truncated header.
 */
export function imageSize(bytes: Uint8Array): ImageInfo | null {
  if (bytes.length >= 24 && PNG_SIGNATURE.every((v, i) => bytes[i] === v) && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR') {
    const width = u32(bytes, 16)
    const height = u32(bytes, 20)
    return width > 0 && height > 0 ? { type: 'png', ext: 'png', width, height } : null
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let i = 2
    while (i + 3 < bytes.length) {
      if (bytes[i] !== 0xff) return null
      const marker = bytes[i + 1]
      if (marker === 0xff) {
        i++
        continue
      }
      // Markers without a length: TEM and RST0..RST7.
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2
        continue
      }
      if (marker === 0xd9 || marker === 0xda) return null
      const length = u16(bytes, i + 2)
      const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc
      if (isFrame) {
        if (i + 8 >= bytes.length) return null
        const height = u16(bytes, i + 5)
        const width = u16(bytes, i + 7)
        return width > 0 && height > 0 ? { type: 'jpeg', ext: 'jpg', width, height } : null
      }
      i += 2 + length
    }
  }
  return null
}
