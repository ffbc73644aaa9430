/**
 * A generated stand-in image for a photo whose file did not come with the text: light grey, diagonal
 * stripes, a frame and the word PLACEHOLDER, so nobody mistakes it for the photograph. Encoded as a
 * greyscale PNG with node's zlib; the bytes depend only on the size, so rebuilding changes nothing.
 */
import { deflateSync } from 'node:zlib'

/** 5×7 bitmap glyphs for the letters the label needs; rows top to bottom, bit 4 = leftmost column. */
const GLYPHS: Record<string, number[]> = {
  P: [0b11110, 0b10001, 0b10001, 0b11110, 0b10000, 0b10000, 0b10000],
  L: [0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b11111],
  A: [0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001],
  C: [0b01110, 0b10001, 0b10000, 0b10000, 0b10000, 0b10001, 0b01110],
  E: [0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111],
  H: [0b10001, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001],
  O: [0b01110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110],
  D: [0b11110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b11110],
  R: [0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001],
  ' ': [0, 0, 0, 0, 0, 0, 0]
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** Encodes 8-bit greyscale pixels (row-major, `width * height` bytes) as a PNG file. */
export function encodeGreyPng(width: number, height: number, pixels: Uint8Array): Buffer {
  const raw = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0
    raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0))
  ])
}

/** The default placeholder size: the 8:5 of a typical news photo. */
export const PLACEHOLDER_SIZE = { width: 800, height: 500 } as const

/**
 * The placeholder image as PNG bytes: grey ground with diagonal stripes, a dark frame and PLACEHOLDER in
 * large block letters on a light band across the middle.
 */
export function placeholderPng(width: number = PLACEHOLDER_SIZE.width, height: number = PLACEHOLDER_SIZE.height): Buffer {
  const px = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) px[y * width + x] = (x + y) % 48 < 10 ? 0xcc : 0xe4
  }
  const frame = Math.max(2, Math.round(Math.min(width, height) / 100))
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x < frame || y < frame || x >= width - frame || y >= height - frame) px[y * width + x] = 0x70
    }
  }
  const text = 'PLACEHOLDER'
  const scale = Math.max(1, Math.floor(width / (text.length * 6 + 4)))
  const textWidth = (text.length * 6 - 1) * scale
  const x0 = Math.floor((width - textWidth) / 2)
  const y0 = Math.floor((height - 7 * scale) / 2)
  for (let y = Math.max(0, y0 - 2 * scale); y < Math.min(height, y0 + 9 * scale); y++) {
    for (let x = frame; x < width - frame; x++) px[y * width + x] = 0xf4
  }
  ;[...text].forEach((ch, i) => {
    const rows = GLYPHS[ch]
    rows.forEach((bits, row) => {
      for (let col = 0; col < 5; col++) {
        if (!(bits & (1 << (4 - col)))) continue
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const x = x0 + (i * 6 + col) * scale + dx
            const y = y0 + row * scale + dy
            if (x >= 0 && x < width && y >= 0 && y < height) px[y * width + x] = 0x50
          }
        }
      }
    })
  })
  return encodeGreyPng(width, height, px)
}
