/**
 * PDFs the newsroom must refuse with a clear error: encrypted, damaged, an empty page, a scan with no text
 * layer, and something that is not a PDF at all. Made from a good page of a test issue.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'
import { setFixedInfo } from './html-producer'

/**
 * RC4, for the PDF standard security handler (revision 2, 40-bit). Written out because the handler needs
 * it and Node's OpenSSL 3 no longer offers RC4 by default; pdf-lib cannot encrypt.
 */
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i)
  let j = 0
  for (let i = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 255
    ;[s[i], s[j]] = [s[j], s[i]]
  }
  const out = Buffer.alloc(data.length)
  let i = 0
  j = 0
  for (let k = 0; k < data.length; k++) {
    i = (i + 1) & 255
    j = (j + s[i]) & 255
    ;[s[i], s[j]] = [s[j], s[i]]
    out[k] = data[k] ^ s[(s[i] + s[j]) & 255]
  }
  return out
}

const PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex')
const md5 = (...parts: Buffer[]) => createHash('md5').update(Buffer.concat(parts)).digest()
const padded = (pw: string) => Buffer.concat([Buffer.from(pw, 'latin1'), PAD]).subarray(0, 32)

/** A one-page PDF whose content needs the user password `secret` (standard handler, V1 R2). */
function encryptedPdf(): Buffer {
  const id = md5(Buffer.from('encrypted test page'))
  const P = -44
  const O = rc4(md5(padded('owner-secret')).subarray(0, 5), padded('secret'))
  const p = Buffer.alloc(4)
  p.writeInt32LE(P)
  const key = md5(padded('secret'), O, p, id).subarray(0, 5)
  const U = rc4(key, PAD)
  const objKey = (num: number) => md5(key, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(0, 10)
  const content = Buffer.from('BT /F1 28 Tf 72 1000 Td (Encrypted issue page) Tj ET')
  const stream = rc4(objKey(4), content)
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 1191] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${O.toString('hex')}> /U <${U.toString('hex')}> /P ${P} >>`
  ]
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  const offsets: number[] = []
  let pos = parts[0].length
  objects.forEach((body, i) => {
    offsets.push(pos)
    const chunk = body === null
      ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${stream.length} >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')])
      : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`)
    parts.push(chunk)
    pos += chunk.length
  })
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  const trailer = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] >>\nstartxref\n${pos}\n%%EOF\n`
  parts.push(Buffer.from(xref + trailer))
  return Buffer.concat(parts)
}

/** Writes the bad PDFs into `outDir`, made from the good page PDF `good`. */
export async function writeBadPdfs(outDir: string, good: string): Promise<void> {
  writeFileSync(path.join(outDir, 'encrypted.pdf'), encryptedPdf())
  const bytes = readFileSync(good)
  writeFileSync(path.join(outDir, 'damaged.pdf'), bytes.subarray(0, Math.floor(bytes.length * 0.6)))

  const empty = await PDFDocument.create()
  empty.addPage([841.89, 1190.55])
  setFixedInfo(empty)
  writeFileSync(path.join(outDir, 'empty-page.pdf'), await empty.save({ useObjectStreams: false }))

  // A scan: the good page rendered to a grey JPEG at 100 dpi and placed as the page's only content.
  const png = execFileSync('pdftoppm', ['-r', '100', '-gray', '-png', '-singlefile', good], { maxBuffer: 1 << 27 })
  const jpeg = await sharp(png).jpeg({ quality: 55, mozjpeg: true }).toBuffer()
  const scan = await PDFDocument.create()
  const src = await PDFDocument.load(bytes)
  const { width, height } = src.getPage(0).getSize()
  const page = scan.addPage([width, height])
  page.drawImage(await scan.embedJpg(jpeg), { x: 0, y: 0, width, height })
  setFixedInfo(scan)
  writeFileSync(path.join(outDir, 'scanned.pdf'), await scan.save({ useObjectStreams: false }))

  // The good page followed by the scan: the error must name page 2, not the file alone.
  const mixed = await PDFDocument.create()
  const [first] = await mixed.copyPages(src, [0])
  mixed.addPage(first)
  const [second] = await mixed.copyPages(await PDFDocument.load(await scan.save()), [0])
  mixed.addPage(second)
  setFixedInfo(mixed)
  writeFileSync(path.join(outDir, 'second-page-scanned.pdf'), await mixed.save({ useObjectStreams: false }))

  writeFileSync(path.join(outDir, 'not-a-pdf.pdf'), '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>\n')
}
