/**
 * The typefaces the test issues are set in, as small TrueType subsets of Debian's Noto CJK fonts.
 *
 * Why by hand: Chromium (Skia) embeds TrueType fonts as real subsets (CIDFontType2 with a ToUnicode map)
 * but turns CFF-flavoured fonts such as Noto CJK into Type 3 glyph procedures: nameless, large, and not
 * what layout systems emit. So each face is taken out of its OpenType collection (.ttc), cut down to
 * the characters the issues use and converted to TrueType outlines with fonteditor-core (MIT); the
 * collection-to-font copy is the few lines below, which no maintained npm package offers on its own.
 */
import { readFileSync } from 'node:fs'
import * as fontkit from '@pdf-lib/fontkit'
import { Font } from 'fonteditor-core'
// The converter fonteditor-core uses for its own OpenType-to-TrueType path; not in its typings.
const otfContours2ttfContours: (contours: unknown) => unknown = require('fonteditor-core/lib/ttf/util/otfContours2ttfContours').default

const NOTO = '/usr/share/fonts/opentype/noto'

export interface Face {
  /** PostScript name inside the collection, e.g. `NotoSerifCJKsc-Regular`. */
  postscript: string
  file: string
}

export const FACES = {
  serif: { postscript: 'NotoSerifCJKsc-Regular', file: `${NOTO}/NotoSerifCJK-Regular.ttc` },
  sans: { postscript: 'NotoSansCJKsc-Regular', file: `${NOTO}/NotoSansCJK-Regular.ttc` },
  sansBold: { postscript: 'NotoSansCJKsc-Bold', file: `${NOTO}/NotoSansCJK-Bold.ttc` }
} satisfies Record<string, Face>

/** Copies the font whose name table mentions `postscript` out of an OpenType collection into a standalone sfnt. */
export function fontFromCollection(collection: Buffer, postscript: string): Buffer {
  if (collection.toString('latin1', 0, 4) !== 'ttcf') return collection
  const count = collection.readUInt32BE(8)
  for (let i = 0; i < count; i++) {
    const start = collection.readUInt32BE(12 + 4 * i)
    const numTables = collection.readUInt16BE(start + 4)
    const tables = Array.from({ length: numTables }, (_, t) => {
      const r = start + 12 + 16 * t
      return { tag: collection.toString('latin1', r, r + 4), checksum: collection.readUInt32BE(r + 4), offset: collection.readUInt32BE(r + 8), length: collection.readUInt32BE(r + 12) }
    })
    const name = tables.find((t) => t.tag === 'name')
    if (!name) continue
    // Name records are UTF-16BE or Latin-1; dropping NULs makes both searchable as Latin-1.
    if (!collection.toString('latin1', name.offset, name.offset + name.length).replace(/\0/g, '').includes(postscript)) continue
    const headerLength = 12 + 16 * numTables
    const header = Buffer.alloc(headerLength)
    collection.copy(header, 0, start, start + 12)
    const bodies: Buffer[] = []
    let pos = headerLength
    tables.forEach((t, k) => {
      const r = 12 + 16 * k
      header.write(t.tag, r, 'latin1')
      header.writeUInt32BE(t.checksum, r + 4)
      header.writeUInt32BE(pos, r + 8)
      header.writeUInt32BE(t.length, r + 12)
      const body = Buffer.alloc(Math.ceil(t.length / 4) * 4)
      collection.copy(body, 0, t.offset, t.offset + t.length)
      bodies.push(body)
      pos += body.length
    })
    return Buffer.concat([header, ...bodies])
  }
  throw new Error(`no font named ${postscript} in the collection`)
}

interface Point { x: number, y: number, onCurve?: boolean }

/** A glyph's outline as fontkit decodes it (CID-keyed CFF with per-FD subroutines, which it reads right). */
function outline(glyph: fontkit.Glyph): Point[][] {
  const contours: Point[][] = []
  let current: Point[] = []
  const commands = (glyph.path as unknown as { commands: Array<{ command: string, args: number[] }> }).commands
  for (const { command, args } of commands) {
    if (command === 'moveTo') {
      if (current.length > 0) contours.push(current)
      current = [{ x: args[0], y: args[1], onCurve: true }]
    } else if (command === 'lineTo') current.push({ x: args[0], y: args[1], onCurve: true })
    else if (command === 'bezierCurveTo') current.push({ x: args[0], y: args[1] }, { x: args[2], y: args[3] }, { x: args[4], y: args[5], onCurve: true })
    else if (command === 'quadraticCurveTo') current.push({ x: args[0], y: args[1] }, { x: args[2], y: args[3], onCurve: true })
  }
  if (current.length > 0) contours.push(current)
  // A contour that returns to its start repeats the start point; TrueType closes contours itself.
  for (const c of contours) {
    const a = c[0]
    const b = c[c.length - 1]
    if (c.length > 1 && a.x === b.x && a.y === b.y && b.onCurve) c.pop()
  }
  return contours
}

/**
 * A TrueType subset of `face` holding the non-ASCII characters of `chars` (Latin letters and digits are set
 * in Liberation, a TrueType face, as Chinese papers set them in a Latin face). fonteditor-core builds the
 * font's tables but misreads many of Noto's CID-keyed charstrings, so every outline is taken from fontkit
 * and converted to quadratic curves with fonteditor-core's own converter. Takes ~10 s per face.
 */
export function trueTypeSubset(face: Face, chars: string): Buffer {
  const otf = fontFromCollection(readFileSync(face.file), face.postscript)
  const codes = new Set<number>()
  for (const ch of chars) {
    const c = ch.codePointAt(0) ?? 0x20
    if (c > 0x7e) codes.add(c)
  }
  const font = Font.create(otf, { type: 'otf', subset: [...codes].sort((a, b) => a - b), hinting: false })
  const data = font.get()
  const reader = fontkit.create(otf)
  for (const g of data.glyf as Array<Record<string, unknown>>) {
    // Noto maps several code points to one glyph (高 U+9AD8 and the Kangxi radical ⾼ U+2FBC, ・ and ·);
    // Chromium writes the lowest into the ToUnicode map, so keep only the characters actually printed.
    const mapped = ((g.unicode as number[] | undefined) ?? []).filter((c) => codes.has(c))
    g.unicode = mapped
    const code = mapped[0]
    if (code === undefined) continue
    const source = reader.glyphForCodePoint(code)
    const contours = otfContours2ttfContours(outline(source)) as Point[][]
    const points = contours.flat()
    g.compound = false
    delete g.glyfs
    g.contours = contours
    g.advanceWidth = source.advanceWidth
    g.xMin = points.length ? Math.min(...points.map((p) => p.x)) : 0
    g.yMin = points.length ? Math.min(...points.map((p) => p.y)) : 0
    g.xMax = points.length ? Math.max(...points.map((p) => p.x)) : 0
    g.yMax = points.length ? Math.max(...points.map((p) => p.y)) : 0
    // TrueType places the outline at xMin − lsb: a stale side bearing shifts the glyph.
    g.leftSideBearing = g.xMin
  }
  return font.write({ type: 'ttf', hinting: false }) as Buffer
}
