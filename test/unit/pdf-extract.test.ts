// The extract stage on real PDFs: text runs (position, size, font, weight) from embedded, standard and
// non-embedded CID fonts; placed images and their pixels; rules; page images; and every refusal.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import sharp from 'sharp'
import { extractSources, listPdfFiles, PdfSourceError, SOURCE_LIMITS, type ExtractedSources } from '../../newsroom/extract/pdf-source'
import type { PageContent, TextRun } from '../../newsroom/extract/page-content'
import { imageSize } from '../../newsroom/image-size'
import {
  BILEVEL, PAGE, makeBlank, makeDensePage, makeEncrypted, makeFormPlacement, makeKitchenSink, makeLargePhoto, makeNoPages, makeNotPdf, makeScan, makeTextPages,
  makeTruncatedStream
} from '../fixtures/extract/make-pdfs'

jest.setTimeout(90_000)

let tmp: string
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'extract-'))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

function write (name: string, bytes: Uint8Array): string {
  const file = path.join(tmp, name)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, bytes)
  return file
}

/** The runs on one baseline band, left to right. */
function line (page: PageContent, top: number, tolerance = 2): TextRun[] {
  return page.runs.filter(r => Math.abs(r.y - top) <= tolerance).sort((a, b) => a.x - b.x)
}

async function pixels (jpeg: Buffer): Promise<{ data: Buffer, width: number, height: number, channels: number }> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height, channels: info.channels }
}

function meanColour (p: { data: Buffer, channels: number }): number[] {
  const sum = [0, 0, 0]
  const n = p.data.length / p.channels
  for (let i = 0; i < p.data.length; i += p.channels) for (let c = 0; c < 3; c++) sum[c] += p.data[i + Math.min(c, p.channels - 1)]
  return sum.map(s => s / n)
}

describe('a page with text, images and rules', () => {
  let ex: ExtractedSources
  let page: PageContent
  beforeAll(async () => {
    ex = await extractSources([write('kitchen-sink.pdf', await makeKitchenSink())])
    page = ex.pages[0]
  })
  afterAll(async () => { await ex.close() })

  test('the page: its size in points, file and position', () => {
    expect(ex.pages).toHaveLength(1)
    expect(page).toMatchObject({ index: 0, file: path.join(tmp, 'kitchen-sink.pdf'), pageInFile: 1, width: PAGE.width, height: PAGE.height })
  })

  test('an embedded TrueType subset: text through its ToUnicode map, real name, bold, size and width', async () => {
    const [run] = page.runs.filter(r => r.text === 'Headline Bold')
    expect(run).toBeDefined()
    // pdf-lib names subsets after the font plus a tag; the name must be the font's, not pdf.js's g_d0_f1.
    expect(run.font).toMatch(/^DejaVuSerif-Bold/)
    expect(run.bold).toBe(true)
    expect(run.size).toBe(24)
    expect(run.h).toBe(24)
    expect(run.x).toBe(50)
    const font = fontkit.create(fs.readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf')) as any
    const advance = font.layout('Headline Bold').glyphs.reduce((s: number, g: { advanceWidth: number }) => s + g.advanceWidth, 0) * 24 / font.unitsPerEm
    expect(run.w).toBeCloseTo(advance, 1)
    // The baseline is 62 pt from the top: the run's box stands on it, its top about 0.8 em above.
    expect(run.y).toBeGreaterThan(62 - 24)
    expect(run.y).toBeLessThan(62 - 24 * 0.7)
  })

  test('a standard font: Helvetica, regular weight', () => {
    const [run] = page.runs.filter(r => r.text === 'body text here')
    expect(run).toMatchObject({ font: 'Helvetica', bold: false, size: 10, x: 50 })
  })

  test('a non-embedded Adobe-GB1 font under UniGB-UCS2-H decodes to Chinese, one em per character', () => {
    // Baseline 142 pt from the top; Adobe-GB1's em box runs 0.88 above it.
    const runs = line(page, 142 - 12 * 0.88).filter(r => r.x < 290)
    expect(runs.map(r => r.text).join('')).toBe('本报讯（记者张三）高新区')
    expect(runs[0]).toMatchObject({ x: 50, size: 12, h: 12, font: 'STSong-Light', bold: false })
    expect(runs[0].y).toBeCloseTo(142 - 12 * 0.88, 1)
    const last = runs[runs.length - 1]
    expect(last.x + last.w).toBeCloseTo(50 + 13 * 12, 1)
  })

  test('a non-embedded Adobe-GB1 font under GBK-EUC-H decodes too', () => {
    const runs = line(page, 142 - 18 * 0.88).filter(r => r.x >= 290)
    expect(runs.map(r => r.text).join('')).toBe('高新区')
    expect(runs[0]).toMatchObject({ x: 300, size: 18, w: 54, font: 'STSong-Light' })
  })

  test('images are placed where the page draws them, in drawing order, with their pixel sizes', () => {
    expect(page.images).toEqual([
      { id: 'img0', x: 300, y: 242, w: 200, h: 100, pixelWidth: 200, pixelHeight: 100 },
      { id: 'img1', x: 50, y: 362, w: 120, h: 80, pixelWidth: 120, pixelHeight: 80 },
      { id: 'img2', x: 400, y: 422, w: 40, h: 40, pixelWidth: 40, pixelHeight: 40 },
      { id: 'img3', x: 450, y: 692, w: 80, h: 50, pixelWidth: 8, pixelHeight: 5 }
    ])
  })

  test('image pixels come out as JPEG with the right colours: raw RGB, a JPEG, RGBA flattened on white', async () => {
    const red = await ex.image(0, 'img0')
    expect(red).toMatchObject({ type: 'jpeg', width: 200, height: 100 })
    expect(imageSize(red.bytes)).toMatchObject({ type: 'jpeg', width: 200, height: 100 })
    expect(red.sha256).toBe(crypto.createHash('sha256').update(red.bytes).digest('hex'))
    meanColour(await pixels(red.bytes)).forEach((v, i) => expect(Math.abs(v - [200, 30, 30][i])).toBeLessThan(8))
    const blue = await ex.image(0, 'img1')
    meanColour(await pixels(blue.bytes)).forEach((v, i) => expect(Math.abs(v - [20, 30, 200][i])).toBeLessThan(8))
    const clear = await ex.image(0, 'img2')
    meanColour(await pixels(clear.bytes)).forEach(v => expect(v).toBeGreaterThan(245))
  })

  test('a 1-bit image is unpacked: black where the bits say black', async () => {
    const img = await ex.image(0, 'img3')
    expect(img).toMatchObject({ width: 8, height: 5 })
    const p = await pixels(img.bytes)
    const grey = (x: number, y: number): number => p.data[(y * p.width + x) * p.channels]
    BILEVEL.forEach((row, y) => [...row].forEach((c, x) => {
      if (c === '#') expect(grey(x, y)).toBeLessThan(110)
      else expect(grey(x, y)).toBeGreaterThan(145)
    }))
  })

  test('an image id the page does not have is refused with the file and page', async () => {
    await expect(ex.image(0, 'img9')).rejects.toThrow(/kitchen-sink\.pdf 第1页：第1页没有图片img9/)
  })

  test('rules: a stroked line, a thin filled box, the edges of a stroked box, a line under a scaling matrix', () => {
    const rules = [...page.rules].sort((a, b) => a.y1 - b.y1 || a.x1 - b.x1 || a.y2 - b.y2 || a.x2 - b.x2)
    expect(rules).toEqual([
      { x1: 40, y1: 152, x2: 555, y2: 152, width: 0.5 },
      { x1: 290, y1: 232, x2: 510, y2: 232, width: 1 },
      { x1: 290, y1: 232, x2: 290, y2: 352, width: 1 },
      { x1: 510, y1: 232, x2: 510, y2: 352, width: 1 },
      { x1: 290, y1: 352, x2: 510, y2: 352, width: 1 },
      { x1: 200, y1: 442, x2: 200, y2: 642, width: 0.5 },
      { x1: 40, y1: 541.5, x2: 555, y2: 541.5, width: 1 }
    ])
  })

  test('the page image: 1500 px wide and a 750 px phone rendition, sizes exact, within their byte budgets', async () => {
    const { full, thumb } = await ex.render(0)
    expect(full.width).toBe(1500)
    expect(full.height).toBe(Math.round(1500 * PAGE.height / PAGE.width))
    expect(imageSize(full.bytes)).toMatchObject({ type: 'jpeg', width: full.width, height: full.height })
    expect(full.bytes.length).toBeLessThanOrEqual(400 * 1024)
    expect(thumb.width).toBe(750)
    expect(thumb.height).toBe(Math.round(full.height / 2))
    expect(imageSize(thumb.bytes)).toMatchObject({ type: 'jpeg', width: thumb.width, height: thumb.height })
    expect(thumb.bytes.length).toBeLessThanOrEqual(250 * 1024)
    expect(full.sha256).toBe(crypto.createHash('sha256').update(full.bytes).digest('hex'))

    // The non-embedded Chinese line is drawn with real glyphs: ink in its box, and the ink is not a
    // row of hollow boxes (a box glyph leaves the middle of each em as white as the margin).
    const scale = 1500 / PAGE.width
    const run = line(page, 142 - 12 * 0.88).filter(r => r.x < 290)[0]
    const box = { left: Math.round(run.x * scale), top: Math.round(run.y * scale), width: Math.round(3 * 12 * scale), height: Math.round(12 * scale) }
    const crop = await sharp(full.bytes).extract(box).greyscale().raw().toBuffer()
    const ink = crop.filter(v => v < 128).length / crop.length
    expect(ink).toBeGreaterThan(0.08)
    expect(ink).toBeLessThan(0.6)
    // Each em's middle third holds strokes of 本, 报 and 讯.
    const em = box.width / 3
    for (let k = 0; k < 3; k++) {
      let dark = 0
      for (let y = Math.round(box.height / 3); y < Math.round(2 * box.height / 3); y++) {
        for (let x = Math.round(k * em + em / 3); x < Math.round(k * em + 2 * em / 3); x++) if (crop[y * box.width + x] < 128) dark++
      }
      expect(dark).toBeGreaterThan(0)
    }
  })
})

test('a large photograph is scaled down to 1280 px wide, keeping its aspect and orientation', async () => {
  const ex = await extractSources([write('photo.pdf', await makeLargePhoto())])
  try {
    expect(ex.pages[0].images).toEqual([{ id: 'img0', x: 100, y: PAGE.height - 667, w: 400, h: 267, pixelWidth: 2400, pixelHeight: 1600 }])
    const img = await ex.image(0, 'img0')
    expect(img).toMatchObject({ width: 1280, height: 853 })
    expect(imageSize(img.bytes)).toMatchObject({ width: 1280, height: 853 })
    const p = await pixels(img.bytes)
    const at = (x: number, y: number): number[] => [0, 1, 2].map(c => p.data[(y * p.width + x) * p.channels + c])
    // Red grows to the right and green downwards, as drawn.
    expect(at(1270, 5)[0]).toBeGreaterThan(220)
    expect(at(1270, 5)[1]).toBeLessThan(40)
    expect(at(5, 845)[1]).toBeGreaterThan(220)
    expect(at(5, 845)[0]).toBeLessThan(40)
  } finally {
    await ex.close()
  }
})

test('content placed through a scaled form XObject is placed where it prints', async () => {
  const ex = await extractSources([write('form.pdf', await makeFormPlacement())], { prerender: false })
  try {
    const page = ex.pages[0]
    // Inner (10, 10) 100×50 under scale 2 at (100, 500): page x 120, top 842 − (500 + 2·60) = 222.
    expect(page.images).toEqual([{ id: 'img0', x: 120, y: 222, w: 200, h: 100, pixelWidth: 20, pixelHeight: 10 }])
    expect(page.rules).toEqual([{ x1: 100, y1: 182, x2: 500, y2: 182, width: 2 }])
    expect(page.runs).toMatchObject([{ text: 'inside', x: 120, size: 20, font: 'Helvetica' }])
    const red = await ex.image(0, 'img0')
    expect(red).toMatchObject({ width: 20, height: 10 })
  } finally {
    await ex.close()
  }
})

test('a dense page still fits the page image budget', async () => {
  const ex = await extractSources([write('dense.pdf', await makeDensePage())])
  try {
    expect(ex.pages[0].runs.length).toBe(8 * 180)
    const { full, thumb } = await ex.render(0)
    expect(full.width).toBe(1500)
    expect(full.bytes.length).toBeLessThanOrEqual(400 * 1024)
    expect(thumb.bytes.length).toBeLessThanOrEqual(250 * 1024)
  } finally {
    await ex.close()
  }
})

describe('sources: files and folders', () => {
  test('a folder gives its PDFs in file-name order (numbers as numbers, hidden files skipped), every page of each', async () => {
    const dir = path.join(tmp, 'issue')
    write('issue/A10.pdf', await makeTextPages(['A10 p1']))
    write('issue/A02.pdf', await makeTextPages(['A02 p1', 'A02 p2']))
    write('issue/A9.pdf', await makeTextPages(['A9 p1']))
    write('issue/A01.PDF', await makeTextPages(['A01 p1']))
    write('issue/notes.txt', Buffer.from('not a page'))
    // A folder copied from a Mac carries AppleDouble companions (`._A01.pdf`) that are not PDFs.
    write('issue/._A01.PDF', Buffer.from([0, 5, 22, 7]))
    expect(listPdfFiles([dir]).map(f => path.basename(f))).toEqual(['A01.PDF', 'A02.pdf', 'A9.pdf', 'A10.pdf'])
    const ex = await extractSources([dir])
    try {
      expect(ex.pages.map(p => [p.index, path.basename(p.file), p.pageInFile, p.runs.map(r => r.text).join('')])).toEqual([
        [0, 'A01.PDF', 1, 'A01 p1'],
        [1, 'A02.pdf', 1, 'A02 p1'],
        [2, 'A02.pdf', 2, 'A02 p2'],
        [3, 'A9.pdf', 1, 'A9 p1'],
        [4, 'A10.pdf', 1, 'A10 p1']
      ])
      const second = await ex.render(2)
      expect(second.full.width).toBe(1500)
    } finally {
      await ex.close()
    }
  })

  test('several sources are read in the order given', async () => {
    const a = write('order/b.pdf', await makeTextPages(['first']))
    const b = write('order/a.pdf', await makeTextPages(['second']))
    const ex = await extractSources([a, b])
    try {
      expect(ex.pages.map(p => p.runs[0].text)).toEqual(['first', 'second'])
    } finally {
      await ex.close()
    }
  })

  test('after close the reader is gone, and a render in progress or asked for later is refused, not left hanging', async () => {
    const ex = await extractSources([write('closed.pdf', await makeTextPages(['one', 'two']))], { prerender: false })
    const inProgress = expect(ex.render(0)).rejects.toThrow(/第1页无法生成版面图（已取消）/)
    await ex.close()
    await inProgress
    await expect(ex.render(1)).rejects.toThrow(/第2页无法生成版面图（PDF读取已关闭）/)
    await expect(ex.image(0, 'img0')).rejects.toThrow()
  })
})

describe('bad input gets a clear error naming the file (and the page)', () => {
  async function refusal (sources: string[]): Promise<PdfSourceError> {
    try {
      const ex = await extractSources(sources)
      await ex.close()
    } catch (e) {
      expect(e).toBeInstanceOf(PdfSourceError)
      return e as PdfSourceError
    }
    throw new Error('expected a refusal')
  }

  test('an encrypted PDF', async () => {
    const file = write('bad/encrypted.pdf', makeEncrypted())
    const e = await refusal([file])
    expect(e.file).toBe(file)
    expect(e.page).toBeUndefined()
    expect(e.message).toBe(`${file}：该PDF已加密（设有密码），请重新导出不带密码的PDF`)
  })

  test('a file that is not a PDF though named .pdf', async () => {
    const file = write('bad/error-page.pdf', makeNotPdf())
    const e = await refusal([file])
    expect(e.file).toBe(file)
    expect(e.reason).toMatch(/^文件已损坏或不是PDF/)
  })

  test('a PDF cut off after its header', async () => {
    const whole = await makeTextPages(['x'])
    const file = write('bad/truncated.pdf', whole.subarray(0, 40))
    const e = await refusal([file])
    expect(e.file).toBe(file)
    expect(e.reason).toMatch(/已损坏|无法读取|没有页面|没有任何文字/)
  })

  test('a page whose content stream is broken reads as a page with nothing on it, named', async () => {
    const file = write('bad/broken-stream.pdf', makeTruncatedStream())
    const e = await refusal([file])
    expect(e).toMatchObject({ file, page: 1 })
  })

  test('a PDF without pages', async () => {
    const file = write('bad/no-pages.pdf', makeNoPages())
    const e = await refusal([file])
    expect(e.file).toBe(file)
    expect(e.reason).toBe('该PDF没有页面')
  })

  test('a blank page', async () => {
    const file = write('bad/blank.pdf', await makeBlank())
    const e = await refusal([file])
    expect(e).toMatchObject({ file, page: 1, reason: '第1页没有任何文字' })
  })

  test('a scanned page (an image, no text layer) needs OCR, and the page is named', async () => {
    const file = write('bad/scan.pdf', await makeScan())
    const e = await refusal([file])
    expect(e).toMatchObject({ file, page: 2 })
    expect(e.message).toBe(`${file} 第2页：第2页是没有文字层的图片（扫描件？），需要先做文字识别（OCR）才能读取`)
  })

  test('a missing file, an empty file, a folder without PDFs, a file that is not a PDF', async () => {
    const missing = path.join(tmp, 'bad/missing.pdf')
    expect((await refusal([missing])).reason).toBe('无法读取（ENOENT）')
    const empty = write('bad/empty.pdf', Buffer.alloc(0))
    expect((await refusal([empty])).reason).toBe('文件是空的')
    const folder = path.join(tmp, 'bad/no-pdfs')
    write('bad/no-pdfs/readme.txt', Buffer.from('x'))
    expect((await refusal([folder])).reason).toBe('文件夹里没有PDF文件')
    const text = write('bad/issue.txt', Buffer.from('高新区报'))
    expect((await refusal([text])).reason).toBe('不是PDF文件，也不是存放PDF的文件夹')
  })

  test('one bad file among good ones refuses the whole issue', async () => {
    const good = write('mixed/A01.pdf', await makeTextPages(['ok']))
    write('mixed/A02.pdf', makeEncrypted())
    const e = await refusal([path.dirname(good)])
    expect(e.file).toBe(path.join(tmp, 'mixed/A02.pdf'))
  })
})

describe('the typeset test issues (test/fixtures/pdf)', () => {
  interface Truth {
    pages: Array<{ file: string, pageInFile: number, items: number[] }>
    items: Array<{ kind: string, page: number, title: string, figures?: unknown[] }>
  }
  const fixtures = path.resolve(__dirname, '../fixtures/pdf')
  const truthOf = (issue: string): Truth => JSON.parse(fs.readFileSync(path.join(fixtures, issue, 'truth.json'), 'utf8')) as Truth
  const plain = (page: PageContent): string => page.runs.map(r => r.text).join('').replace(/\s/g, '')

  /** Every title printed where the truth says, every photo found, no radical in place of an ideograph. */
  function expectDecoded (pages: PageContent[], truth: Truth): void {
    expect(pages).toHaveLength(truth.pages.length)
    truth.pages.forEach((tp, i) => {
      expect([path.basename(pages[i].file), pages[i].pageInFile]).toEqual([tp.file, tp.pageInFile])
      const figures = tp.items.reduce((n, k) => n + (truth.items[k].figures?.length ?? 0), 0)
      expect(pages[i].images).toHaveLength(figures)
    })
    for (const item of truth.items) expect(plain(pages[item.page])).toContain(item.title.replace(/\s/g, ''))
    for (const page of pages) expect(page.runs.filter(r => /[\u2e80-\u2fdf]/.test(r.text))).toEqual([])
  }

  test('embedded TrueType subsets of CJK fonts (one PDF of four pages): names without the subset prefix, weights, text', async () => {
    const issue = 'yunxi-2025-11-06'
    const ex = await extractSources([path.join(fixtures, issue, `${issue}.pdf`)], { prerender: false })
    try {
      expectDecoded(ex.pages, truthOf(issue))
      const fonts = new Map(ex.pages.flatMap(p => p.runs.map(r => [r.font, r.bold] as const)))
      expect(fonts.get('NotoSansCJKsc-Bold')).toBe(true)
      expect(fonts.get('NotoSerifCJKsc-Regular')).toBe(false)
      expect([...fonts.keys()].filter(n => n.includes('+'))).toEqual([])
    } finally {
      await ex.close()
    }
  })

  test('non-embedded CID fonts (a folder of three PDFs): STSong-Light, SimHei and Acrobat-style SimHei,Bold', async () => {
    const issue = 'qingchuan-2024-03-15'
    const ex = await extractSources([path.join(fixtures, issue)], { prerender: false })
    try {
      expectDecoded(ex.pages, truthOf(issue))
      const fonts = Object.fromEntries(ex.pages.flatMap(p => p.runs.map(r => [r.font, r.bold] as const)))
      expect(fonts).toEqual({ 'STSong-Light': false, SimHei: false, 'SimHei,Bold': true })
    } finally {
      await ex.close()
    }
  })

  test.each([
    ['damaged.pdf', undefined, /^文件已损坏或不是PDF/],
    ['not-a-pdf.pdf', undefined, /^文件已损坏或不是PDF/],
    ['encrypted.pdf', undefined, /^该PDF已加密/],
    ['empty-page.pdf', 1, /^第1页没有任何文字$/],
    ['scanned.pdf', 1, /^第1页是没有文字层的图片.*需要先做文字识别（OCR）/]
  ])('the typesetter\'s bad %s is refused', async (name, page, reason) => {
    const file = path.join(fixtures, 'bad', name)
    await expect(extractSources([file])).rejects.toMatchObject({ name: 'PdfSourceError', file, page, reason: expect.stringMatching(reason) })
  })
})

describe('limits', () => {
  const saved = { ...SOURCE_LIMITS }
  afterEach(() => Object.assign(SOURCE_LIMITS, saved))

  test('an issue with more pages than the limit is refused at the first page over it', async () => {
    SOURCE_LIMITS.maxPages = 2
    const file = write('limits/three.pdf', await makeTextPages(['1', '2', '3']))
    await expect(extractSources([file])).rejects.toMatchObject({ name: 'PdfSourceError', file, page: 3, reason: '这期报纸超过2页' })
  })

  test('a file that keeps the reader busy too long on one page is given up, naming the file', async () => {
    SOURCE_LIMITS.pageTimeoutMs = 1
    const file = write('limits/slow.pdf', await makeKitchenSink())
    await expect(extractSources([file])).rejects.toMatchObject({ name: 'PdfSourceError', file, reason: '读取在第一页停止：一页用时超过0.001秒，文件可能已损坏' })
  })

  test('a file over the size limit is refused before it is read', async () => {
    SOURCE_LIMITS.maxFileBytes = 1024
    const file = write('limits/big.pdf', await makeLargePhoto())
    await expect(extractSources([file])).rejects.toMatchObject({ name: 'PdfSourceError', file, reason: expect.stringMatching(/^文件有\d+(\.\d)? [KM]B，超过1 KB的上限$/) })
  })
})
