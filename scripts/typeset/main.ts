/**
 * Typesets the test issues into PDFs with their ground truth (npm run typeset). Writes sample/pdf/ (the
 * sample issue 763 as two 版) and test/fixtures/pdf/ (further issues and bad PDFs). Optional arguments
 * pick issues by folder name.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { writeBadPdfs } from './bad-pdfs'
import { produceWithCid } from './cid-producer'
import { FACES, trueTypeSubset } from './fonts'
import { printedChars, produceWithChromium, type FontFiles } from './html-producer'
import { issue763 } from './issues/issue-763'
import { qingchuan } from './issues/qingchuan-2024-03-15'
import { yunxi } from './issues/yunxi-2025-11-06'
import { leaves, truthOf, type IssueSpec, type Placement } from './model'

const root = path.resolve(__dirname, '..', '..')

const issues: IssueSpec[] = [issue763, qingchuan, yunxi]

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const chosen = issues.filter((issue) => only.length === 0 || only.some((o) => issue.dir.includes(o)))
  // Cut from every Chromium issue, not only the chosen ones: glyph ids, and so the PDFs' bytes, depend on it.
  const chars = chosen.some((i) => i.producer === 'chromium')
    ? [...new Set(issues.filter((i) => i.producer === 'chromium').map(printedChars).join(''))].sort().join('')
    : ''
  const fonts: FontFiles | undefined = chars === '' ? undefined : { serif: trueTypeSubset(FACES.serif, chars), sans: trueTypeSubset(FACES.sans, chars), sansBold: trueTypeSubset(FACES.sansBold, chars) }
  for (const issue of chosen) {
    // The truth lists items in reading order; the page trees must place them in that order.
    const order = issue.pages.flatMap((p) => leaves(p.body)).flatMap((n) => 'item' in n && (n.part ?? 0) === 0 ? [n.item] : [])
    if (order.some((k, i) => k !== i) || order.length !== issue.items.length) throw new Error(`${issue.dir}: the pages place items in the order ${order.join(',')}`)
    const started = Date.now()
    const outDir = path.join(root, issue.dir)
    mkdirSync(outDir, { recursive: true })
    const placed: Placement = issue.producer === 'cid' ? await produceWithCid(issue, outDir) : await produceWithChromium(issue, outDir, fonts as FontFiles)
    writeFileSync(path.join(outDir, 'truth.json'), JSON.stringify(truthOf(issue, placed), null, 2) + '\n')
    console.log(`${issue.dir}: ${issue.pages.length} pages, ${issue.items.length} items (${Date.now() - started} ms)`)
  }
  if (only.length === 0 || only.includes('bad')) {
    const bad = path.join(root, 'test/fixtures/pdf/bad')
    mkdirSync(bad, { recursive: true })
    await writeBadPdfs(bad, path.join(root, qingchuan.dir, '01.pdf'))
    console.log('test/fixtures/pdf/bad: encrypted, damaged, empty page, scanned, second page scanned, not a PDF')
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err)
  process.exit(1)
})
