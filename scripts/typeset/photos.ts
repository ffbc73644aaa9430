/**
 * Synthetic press photos: a scene drawn as SVG from a seed (sky, land, water, buildings, people as
 * shapes) and encoded to JPEG by sharp, so the test issues carry real photographic-looking images
 * without shipping anyone's pictures. Same seed, same bytes.
 */
import sharp from 'sharp'
import type { PhotoSpec } from './model'

/** A small deterministic generator (mulberry32); Math.random would change the PDFs on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function hsl(h: number, s: number, l: number): string {
  return `hsl(${h.toFixed(0)},${s.toFixed(0)}%,${l.toFixed(0)}%)`
}

function sceneSvg(spec: PhotoSpec, width: number): string {
  const height = Math.round(width / spec.aspect)
  const r = rng(spec.seed)
  const W = width
  const H = height
  const horizon = H * (0.35 + r() * 0.2)
  const parts: string[] = []
  const skyHue = 195 + r() * 25
  parts.push(`<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(skyHue, 60, 55)}"/><stop offset="1" stop-color="${hsl(skyHue + 10, 45, 85)}"/></linearGradient>`)
  parts.push(`<linearGradient id="ground" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(95 + r() * 30, 40, 42)}"/><stop offset="1" stop-color="${hsl(80 + r() * 20, 35, 25)}"/></linearGradient>`)
  parts.push(`<linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${hsl(200, 45, 48)}"/><stop offset="1" stop-color="${hsl(210, 50, 30)}"/></linearGradient>`)
  parts.push(`<radialGradient id="light" cx="0.5" cy="0.3" r="0.8"><stop offset="0" stop-color="${hsl(40, 70, 85)}"/><stop offset="1" stop-color="${hsl(30, 30, 35)}"/></radialGradient></defs>`)
  if (spec.scene === 'hall') {
    // A meeting hall: warm light, a stage banner, rows of seated heads.
    parts.push(`<rect width="${W}" height="${H}" fill="url(#light)"/>`)
    parts.push(`<rect x="${W * 0.1}" y="${H * 0.08}" width="${W * 0.8}" height="${H * 0.16}" fill="${hsl(355, 70, 40)}"/>`)
    for (let i = 0; i < 14; i++) parts.push(`<rect x="${W * 0.13 + i * W * 0.053}" y="${H * 0.13}" width="${W * 0.035}" height="${H * 0.06}" fill="${hsl(50, 80, 80)}"/>`)
    parts.push(`<rect x="${W * 0.05}" y="${H * 0.36}" width="${W * 0.9}" height="${H * 0.06}" fill="${hsl(30, 40, 30)}"/>`)
    for (let row = 0; row < 6; row++) {
      const y = H * (0.5 + row * 0.09)
      const n = 12 + row * 2
      for (let i = 0; i < n; i++) {
        const x = (W / n) * (i + 0.5 + (r() - 0.5) * 0.3)
        const s = H * (0.025 + row * 0.006)
        parts.push(`<ellipse cx="${x}" cy="${y}" rx="${s * 0.8}" ry="${s}" fill="${hsl(20, 20, 10 + r() * 15)}"/>`)
        parts.push(`<rect x="${x - s * 1.4}" y="${y + s * 0.8}" width="${s * 2.8}" height="${s * 2.2}" rx="${s * 0.6}" fill="${hsl(220 + r() * 30, 20, 15 + r() * 25)}"/>`)
      }
    }
  } else {
    parts.push(`<rect width="${W}" height="${horizon + 2}" fill="url(#sky)"/>`)
    for (let i = 0; i < 5; i++) {
      const cx = r() * W
      const cy = r() * horizon * 0.6
      parts.push(`<ellipse cx="${cx}" cy="${cy}" rx="${W * (0.08 + r() * 0.1)}" ry="${H * (0.02 + r() * 0.03)}" fill="white" opacity="${0.5 + r() * 0.3}"/>`)
    }
    parts.push(`<rect y="${horizon}" width="${W}" height="${H - horizon}" fill="url(#ground)"/>`)
    if (spec.scene === 'city' || spec.scene === 'school') {
      let x = 0
      while (x < W) {
        const bw = W * (0.04 + r() * 0.08)
        const bh = H * (0.1 + r() * (spec.scene === 'city' ? 0.35 : 0.15))
        const hue = spec.scene === 'school' ? 15 + r() * 20 : 200 + r() * 40
        parts.push(`<rect x="${x}" y="${horizon - bh}" width="${bw}" height="${bh + 4}" fill="${hsl(hue, 15 + r() * 20, 55 + r() * 25)}"/>`)
        for (let wy = horizon - bh + 6; wy < horizon - 6; wy += 9) {
          parts.push(`<rect x="${x + 3}" y="${wy}" width="${bw - 6}" height="3" fill="${hsl(205, 30, 35 + r() * 20)}" opacity="0.7"/>`)
        }
        x += bw + W * 0.005
      }
    }
    if (spec.scene === 'river' || spec.scene === 'city') {
      const top = horizon + (H - horizon) * 0.25
      parts.push(`<path d="M0 ${top} C ${W * 0.3} ${top - 20} ${W * 0.6} ${top + 30} ${W} ${top} L ${W} ${H * 0.82} C ${W * 0.6} ${H * 0.9} ${W * 0.3} ${H * 0.75} 0 ${H * 0.85} Z" fill="url(#water)"/>`)
      for (let i = 0; i < 40; i++) {
        const y = top + r() * (H * 0.8 - top)
        parts.push(`<rect x="${r() * W}" y="${y}" width="${10 + r() * 40}" height="1.5" fill="white" opacity="0.35"/>`)
      }
    }
    if (spec.scene === 'field' || spec.scene === 'river') {
      for (let i = 0; i < 60; i++) {
        const x = r() * W
        const y = horizon + r() * (H - horizon)
        const s = 3 + (y - horizon) / 12
        parts.push(`<circle cx="${x}" cy="${y}" r="${s}" fill="${hsl(90 + r() * 40, 45, 25 + r() * 25)}"/>`)
      }
      for (let i = 0; i < 8; i++) {
        const x = r() * W
        const h = H * (0.12 + r() * 0.12)
        parts.push(`<rect x="${x - 2}" y="${horizon - h * 0.4}" width="4" height="${h * 0.5}" fill="${hsl(25, 35, 25)}"/><circle cx="${x}" cy="${horizon - h * 0.5}" r="${h * 0.3}" fill="${hsl(100 + r() * 30, 40, 30)}"/>`)
      }
    }
    if (spec.scene === 'school' || spec.scene === 'field') {
      for (let i = 0; i < 9; i++) {
        const x = W * (0.1 + r() * 0.8)
        const y = H * (0.7 + r() * 0.2)
        const s = H * 0.03
        parts.push(`<circle cx="${x}" cy="${y - s * 3}" r="${s * 0.7}" fill="${hsl(25, 30, 20)}"/><rect x="${x - s * 0.8}" y="${y - s * 2.3}" width="${s * 1.6}" height="${s * 2.6}" rx="${s * 0.4}" fill="${hsl(r() * 360, 55, 50)}"/>`)
      }
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join('')}</svg>`
}

/** The photo as JPEG bytes, `width` pixels wide, kept under 100 KB. */
export async function makePhoto(spec: PhotoSpec, width = 720): Promise<{ jpeg: Buffer, width: number, height: number }> {
  const svg = sceneSvg(spec, width)
  // A touch of blur and noise so it reads as a photograph rather than a flat drawing.
  let quality = 72
  for (;;) {
    const jpeg = await sharp(Buffer.from(svg)).blur(0.8).modulate({ saturation: 0.9 }).jpeg({ quality, mozjpeg: true }).toBuffer()
    const meta = await sharp(jpeg).metadata()
    if (jpeg.length <= 100_000 || quality <= 40) return { jpeg, width: meta.width ?? width, height: meta.height ?? 0 }
    quality -= 8
  }
}
