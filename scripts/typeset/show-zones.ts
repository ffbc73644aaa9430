/**
 * Draws an issue's ground-truth zones onto its pages, for checking the truth by eye:
 * `npx tsx scripts/typeset/show-zones.ts <issue-folder> <out-folder>` renders each page with pdftoppm
 * (poppler-utils) and writes `<out>/page-N.png` with articles outlined in blue and ads in red.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'

interface Truth {
  pages: Array<{ file: string, pageInFile: number }>
  items: Array<{ title: string, zones: Array<{ page: number, x: number, y: number, w: number, h: number }> }>
  ads: Array<{ page: number, x: number, y: number, w: number, h: number }>
}

async function main(): Promise<void> {
  const [dir, out] = process.argv.slice(2)
  if (!dir || !out) throw new Error('usage: show-zones.ts <issue-folder> <out-folder>')
  const truth = JSON.parse(readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth
  mkdirSync(out, { recursive: true })
  for (const [i, p] of truth.pages.entries()) {
    const png = execFileSync('pdftoppm', ['-r', '50', '-png', '-f', String(p.pageInFile), '-l', String(p.pageInFile), '-singlefile', path.join(dir, p.file)], { maxBuffer: 1 << 26 })
    const meta = await sharp(png).metadata()
    const W = meta.width ?? 0
    const H = meta.height ?? 0
    const rect = (z: { x: number, y: number, w: number, h: number }, colour: string) =>
      `<rect x="${z.x * W}" y="${z.y * H}" width="${z.w * W}" height="${z.h * H}" fill="${colour}" fill-opacity="0.12" stroke="${colour}" stroke-width="2"/>`
    const shapes = [
      ...truth.items.flatMap((it) => it.zones.filter((z) => z.page === i).map((z) => rect(z, '#1565c0'))),
      ...truth.ads.filter((z) => z.page === i).map((z) => rect(z, '#c62828'))
    ]
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${shapes.join('')}</svg>`
    await sharp(png).composite([{ input: Buffer.from(svg) }]).png().toFile(path.join(out, `page-${i + 1}.png`))
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
