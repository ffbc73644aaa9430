// The typeset test issues and their ground truth agree: every field the truth names is printed on the
// pages it names (read back with poppler's pdftotext, a reader independent of the newsroom's), zones lie
// on their pages without overlapping, the sample's truth is the hand-checked reading of issue 763, and the
// bad PDFs are bad in the way their names say.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import expected763 from '../fixtures/newsroom/issue-763-expected.json'

const root = path.resolve(__dirname, '..', '..')

interface Zone { page: number, x: number, y: number, w: number, h: number }
interface Person { role: string, name: string }
interface Truth {
  producer: 'chromium' | 'cid'
  masthead: { paperName: string, date: string, number: number, yearNumber: number, publisher?: string, hotline?: string }
  pageSize: { width: number, height: number }
  pages: Array<{ name: string, file: string, pageInFile: number, items: number[] }>
  items: Array<{
    kind: 'article' | 'photo', page: number, kicker?: string, title: string, subtitle?: string, dateline?: string,
    byline: Person[], paragraphs: string[], figures: Array<{ caption?: string, credit?: Person }>, zones: Zone[]
  }>
  ads: Zone[]
}

const issues = ['sample/pdf', 'test/fixtures/pdf/qingchuan-2024-03-15', 'test/fixtures/pdf/yunxi-2025-11-06']

function load(dir: string): Truth {
  return JSON.parse(readFileSync(path.join(root, dir, 'truth.json'), 'utf8')) as Truth
}

/** A page's text as poppler reads it, with all white space removed (justification spreads CJK lines). */
function pageText(dir: string, page: { file: string, pageInFile: number }): string {
  const n = String(page.pageInFile)
  return execFileSync('pdftotext', ['-raw', '-f', n, '-l', n, path.join(root, dir, page.file), '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
}

const squeeze = (s: string) => s.replace(/\s+/g, '')

describe.each(issues)('%s', (dir) => {
  const truth = load(dir)
  const texts = truth.pages.map((p) => pageText(dir, p))

  test('the masthead and every page name are printed', () => {
    const [y, m, d] = truth.masthead.date.split('-').map(Number)
    expect(texts[0]).toContain(squeeze(truth.masthead.paperName))
    expect(texts[0]).toContain(`${y}年${m}月${d}日`)
    expect(texts[0]).toContain(`总第${truth.masthead.number}期`)
    expect(texts[0]).toContain(`${y}年第${truth.masthead.yearNumber}期`)
    if (truth.masthead.publisher) expect(texts[0]).toContain(squeeze(truth.masthead.publisher))
    truth.pages.forEach((p, i) => expect(texts[i]).toContain(squeeze(p.name)))
  })

  test('every item field is printed on the pages its zones name', () => {
    for (const item of truth.items) {
      const pages = [...new Set(item.zones.map((z) => z.page))]
      expect(pages[0]).toBe(item.page)
      const text = pages.map((p) => texts[p]).join('')
      for (const field of [item.kicker, item.title, item.subtitle, item.dateline]) if (field) expect(text).toContain(squeeze(field))
      for (const p of item.byline) expect(text).toContain(p.name)
      for (const para of item.paragraphs) {
        // A paragraph may run over a column or a page break; its two ends are each printed whole.
        expect(text).toContain(squeeze(para.slice(0, 12)))
        expect(text).toContain(squeeze(para.slice(-12)))
      }
      for (const f of item.figures) {
        if (f.caption) expect(text).toContain(squeeze(f.caption).slice(0, 12))
        if (f.credit) expect(text).toContain(`■${f.credit.role}${f.credit.name}摄`)
      }
    }
  })

  test('a continued article says where it goes and where it came from', () => {
    const continued = truth.items.filter((it) => new Set(it.zones.map((z) => z.page)).size > 1)
    expect(continued.length).toBeGreaterThan(dir === 'sample/pdf' ? -1 : 0)
    for (const item of continued) {
      const [from, to] = item.zones.map((z) => z.page)
      expect(texts[from]).toContain(`（下转第${to + 1}版）`)
      expect(texts[to]).toContain(`（上接第${from + 1}版）`)
    }
  })

  test('zones lie on their pages, one per page part, and never overlap', () => {
    const all: Array<Zone & { owner: string }> = []
    truth.items.forEach((item, k) => {
      expect(item.zones.length).toBeGreaterThan(0)
      expect(new Set(item.zones.map((z) => z.page)).size).toBe(item.zones.length)
      item.zones.forEach((z) => all.push({ ...z, owner: `item ${k}` }))
    })
    truth.ads.forEach((z, k) => all.push({ ...z, owner: `ad ${k}` }))
    for (const z of all) {
      expect(z.page).toBeLessThan(truth.pages.length)
      expect(z.x).toBeGreaterThanOrEqual(0)
      expect(z.y).toBeGreaterThanOrEqual(0)
      expect(z.x + z.w).toBeLessThanOrEqual(1)
      expect(z.y + z.h).toBeLessThanOrEqual(1)
      expect(z.w * z.h).toBeGreaterThan(0.002)
    }
    for (const a of all) {
      for (const b of all) {
        if (a === b || a.page !== b.page) continue
        const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x))
        const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y))
        expect({ pair: `${a.owner} / ${b.owner}`, overlap: ix * iy > 0.0005 }).toEqual({ pair: `${a.owner} / ${b.owner}`, overlap: false })
      }
    }
  })

  test('the fonts are what the producer promises', () => {
    const files = [...new Set(truth.pages.map((p) => p.file))]
    for (const file of files) {
      const fonts = execFileSync('pdffonts', [path.join(root, dir, file)], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean)
      expect(fonts.length).toBeGreaterThan(0)
      for (const line of fonts) {
        if (truth.producer === 'chromium') expect(line).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/)
        else expect(line).toMatch(/^(STSong-Light|SimHei|SimHei,Bold)\s+CID Type 0\s+UniGB-UCS2-H\s+no\s+no\s+no/)
      }
    }
  })
})

test('the sample issue typeset is the hand-checked reading of issue 763', () => {
  const truth = load('sample/pdf')
  expect(truth.pages.map((p) => p.name)).toEqual(expected763.pages.map((p) => p.name))
  expect(truth.masthead).toMatchObject({ paperName: '高新区报', date: '2023-08-22', number: 763, yearNumber: 63 })
  expect(truth.items.map((it) => ({ title: it.title, byline: it.byline, paragraphs: it.paragraphs }))).toEqual(
    expected763.articles.map((a) => ({ title: a.title, byline: a.byline, paragraphs: a.paragraphs }))
  )
  expect(truth.pages.map((p) => p.items)).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8]])
})

describe('bad PDFs', () => {
  const bad = (name: string) => path.join(root, 'test/fixtures/pdf/bad', name)
  const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' })

  test('encrypted.pdf opens only with its user password', () => {
    expect(run('pdfinfo', [bad('encrypted.pdf')]).status).not.toBe(0)
    const withPassword = run('pdfinfo', ['-upw', 'secret', bad('encrypted.pdf')])
    expect(withPassword.status).toBe(0)
    expect(withPassword.stdout).toMatch(/Encrypted:\s+yes/)
  })

  test('damaged.pdf and not-a-pdf.pdf cannot be read', () => {
    expect(run('pdftotext', [bad('damaged.pdf'), '-']).status).not.toBe(0)
    expect(run('pdftotext', [bad('not-a-pdf.pdf'), '-']).status).not.toBe(0)
  })

  test('empty-page.pdf has a page with nothing on it; scanned.pdf a page that is one image', () => {
    expect(squeeze(run('pdftotext', [bad('empty-page.pdf'), '-']).stdout)).toBe('')
    expect(run('pdfimages', ['-list', bad('empty-page.pdf')]).stdout.split('\n').slice(2).filter(Boolean)).toHaveLength(0)
    expect(squeeze(run('pdftotext', [bad('scanned.pdf'), '-']).stdout)).toBe('')
    const images = run('pdfimages', ['-list', bad('scanned.pdf')]).stdout.split('\n').slice(2).filter(Boolean)
    expect(images).toHaveLength(1)
    expect(images[0]).toMatch(/\bjpeg\b/)
  })

  test('second-page-scanned.pdf has text on page 1 and none on page 2', () => {
    expect(squeeze(run('pdftotext', ['-f', '1', '-l', '1', bad('second-page-scanned.pdf'), '-']).stdout)).toContain('青川晚报')
    expect(squeeze(run('pdftotext', ['-f', '2', '-l', '2', bad('second-page-scanned.pdf'), '-']).stdout)).toBe('')
    expect(run('pdfinfo', [bad('second-page-scanned.pdf')]).stdout).toMatch(/Pages:\s+2/)
  })
})
