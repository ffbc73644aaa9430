/**
 * Producer 1: each page is HTML with the modules laid out by CSS (flex rows and stacks, CSS columns,
 * justified text) and printed by headless Chromium, which embeds subsets of the Noto CJK fonts with
 * ToUnicode maps. Zones are measured in the DOM: the union of every glyph line box and image of a module.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { chromium } from 'playwright-core'
import chromiumSetup from '../chromium.js'
import { makePhoto } from './photos'
import {
  bracketCredits, dateLine, chineseDate, weekday, ownLineCredits, pageLabel, partPages, partParagraphs, photoCredit,
  type AdSpec, type IssueSpec, type LayoutNode, type PageSpec, type Placement, type Zone
} from './model'

// Only our own subsets: a character missing from them would fall back to a system font and come out as Type 3.
const SANS = "'Liberation Sans', 'TS Sans'"
const SERIF = "'Liberation Serif', 'TS Serif'"
const MARGIN = 15
const GUTTER = 4

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

type Photos = Map<string, string>

function photoKey(item: number, fig: number): string {
  return `${item}/${fig}`
}

/** The three faces as TrueType subsets (see fonts.ts). */
export interface FontFiles {
  serif: Buffer
  sans: Buffer
  sansBold: Buffer
}

function fontFaces(fonts: FontFiles): string {
  const face = (family: string, weight: number, data: Buffer) =>
    `@font-face { font-family: '${family}'; font-weight: ${weight}; src: url(data:font/ttf;base64,${data.toString('base64')}) format('truetype') }`
  return [face('TS Serif', 400, fonts.serif), face('TS Sans', 400, fonts.sans), face('TS Sans', 700, fonts.sansBold)].join('\n')
}

function css(issue: IssueSpec): string {
  const { w, h } = issue.pageSize
  return `@page { size: ${w}mm ${h}mm; margin: 0 }
html, body { margin: 0; padding: 0; background: #fff }
* { box-sizing: border-box }
.page { position: relative; width: ${w}mm; height: ${h}mm; overflow: hidden; color: #1a1a1a; font-family: ${SERIF}; line-break: strict }
.furniture { position: absolute; left: ${MARGIN}mm; right: ${MARGIN}mm; font-family: ${SANS} }
.body { position: absolute; left: ${MARGIN}mm; right: ${MARGIN}mm; bottom: 14mm; display: flex; flex-direction: column }
.row { display: flex; flex-direction: row; align-items: stretch }
.row > * { flex-basis: 0; min-width: 0 }
.row > * + * { border-left: 0.6pt solid #555; padding-left: ${GUTTER / 2}mm; margin-left: ${GUTTER / 2}mm }
.stack { display: flex; flex-direction: column }
.stack > * + * { border-top: 0.6pt solid #555; padding-top: 3mm; margin-top: 3mm }
.stack > :last-child, .body > :last-child { flex-grow: 1 }
.module { display: flex; flex-direction: column }
.head { margin: 1mm 0 2.5mm }
.kicker { font: 400 13pt/1.3 ${SANS}; margin-bottom: 1mm }
.title { font: 700 22pt/1.25 ${SANS}; letter-spacing: 0.5pt }
.subtitle { font: 400 12.5pt/1.35 ${SANS}; margin-top: 1.2mm }
.center { text-align: center }
.ownline { font: 400 9.5pt/1.4 ${SANS}; margin: 0 0 2mm }
.text { column-gap: ${GUTTER}mm; column-fill: balance; font: 400 ${issue.bodySize}pt/1.62 ${SERIF}; text-align: justify; text-justify: inter-character }
.text p { margin: 0; text-indent: 2em }
.text p.cont { text-indent: 0 }
.dl { font-family: ${SANS}; font-weight: 700 }
.jump { text-align: right; font: 400 9pt/1.6 ${SANS}; margin: 0; text-indent: 0 }
.jumphead { font: 400 9pt/1.4 ${SANS}; margin-top: 1mm }
figure { margin: 0 0 2.5mm }
figure img { display: block; width: 100% }
figcaption { font: 400 9pt/1.55 ${SANS}; text-align: justify; margin-top: 1.2mm; text-indent: 2em }
.credit { font: 400 9pt/1.5 ${SANS}; text-align: right; margin-top: 0.6mm }
.phototitle { font: 700 14pt/1.3 ${SANS}; margin: 1.5mm 0 0.5mm }
.ad { border: 2.2pt double #b3121b; padding: 4mm; display: flex; flex-direction: column; align-items: center; justify-content: center; text-align: center; color: #b3121b; font-family: ${SANS} }
.ad .label { align-self: flex-start; font: 700 9pt ${SANS}; border: 0.8pt solid #b3121b; padding: 0.3mm 1.2mm }
.ad .slogan { font: 700 26pt/1.45 ${SANS}; letter-spacing: 3pt; margin: 4mm 0 }
.ad .small { font: 400 10pt/1.5 ${SANS}; color: #444 }
.masthead { top: 10mm; height: 78mm; border-bottom: 2.5pt solid #b3121b }
.mh-top { display: flex; justify-content: space-between; font-size: 9.5pt; border-bottom: 0.6pt solid #555; padding-bottom: 1.5mm }
.mh-name { position: absolute; left: 0; top: 14mm; font: 700 70pt/1 ${SANS}; color: #b3121b; letter-spacing: 10pt }
.mh-slogan { position: absolute; left: 2mm; top: 44mm; font: 400 13pt ${SANS}; letter-spacing: 2pt; color: #333 }
.mh-right { position: absolute; right: 0; top: 15mm; width: 92mm; border-left: 0.8pt solid #b3121b; padding-left: 4mm; font: 400 10.5pt/1.75 ${SANS} }
.mh-date { position: absolute; left: 0; right: 0; bottom: 2mm; font: 400 11pt ${SANS}; display: flex; justify-content: space-between }
.pagebox { display: inline-block; background: #b3121b; color: #fff; font: 700 12pt ${SANS}; padding: 0.5mm 2mm; margin-right: 2mm }
.pagename { font: 700 14pt ${SANS}; letter-spacing: 4pt }
.header { top: 10mm; height: 14mm; border-bottom: 1.6pt solid #b3121b; display: flex; align-items: flex-end; justify-content: space-between; padding-bottom: 1.5mm; font-size: 10pt }
.footer { bottom: 6mm; height: 6mm; display: flex; justify-content: space-between; font-size: 8.5pt; color: #444; border-top: 0.6pt solid #555; padding-top: 1mm }
`
}

function renderNode(issue: IssueSpec, node: LayoutNode, photos: Photos): string {
  if ('row' in node) {
    return `<div class="row">${node.row.map((c) => `<div class="cell" style="flex-grow:${c.span}; display:flex; flex-direction:column">${renderNode(issue, c, photos)}</div>`).join('')}</div>`
  }
  if ('stack' in node) return `<div class="stack" style="flex-grow:1">${node.stack.map((c) => renderNode(issue, c, photos)).join('')}</div>`
  if ('ad' in node) return renderAd(node.ad)
  const item = issue.items[node.item]
  const part = item.continued ? node.part ?? 0 : undefined
  const pages = partPages(issue, node.item)
  const align = node.align === 'left' ? '' : ' center'
  const attrs = `class="module" data-item="${node.item}"`
  if (item.kind === 'photo') {
    const figs = item.figures.map((f, i) => `<figure><img src="${photos.get(photoKey(node.item, i))}"></figure>
      <div class="phototitle${align}">${esc(item.title)}</div>
      ${f.caption ? `<figcaption>${esc(f.caption)}</figcaption>` : ''}
      ${f.credit ? `<div class="credit">${esc(photoCredit(f.credit))}</div>` : ''}`).join('')
    return `<div ${attrs}>${figs}</div>`
  }
  let head = ''
  if (part === 1) {
    head = `<div class="head${align}"><div class="title" style="font-size:${Math.min(node.titleSize ?? 22, 18)}pt">${esc(item.title)}</div><div class="jumphead">（上接第${issue.pages[pages[0]].number}版）</div></div>`
  } else {
    head = `<div class="head${align}">${item.kicker ? `<div class="kicker">${esc(item.kicker)}</div>` : ''}<div class="title" style="font-size:${node.titleSize ?? 22}pt">${esc(item.title)}</div>${item.subtitle ? `<div class="subtitle">${issue.subtitleDash ? '——' : ''}${esc(item.subtitle)}</div>` : ''}</div>`
    if (item.bylineStyle === 'own-line') head += `<div class="ownline${align}">${esc(ownLineCredits(item.byline))}</div>`
  }
  const figs = part === 1 ? '' : item.figures.map((f, i) => `<figure><img src="${photos.get(photoKey(node.item, i))}">${f.caption || f.credit ? `<figcaption>${esc(f.caption ?? '')}${f.credit ? ` ${esc(photoCredit(f.credit))}` : ''}</figcaption>` : ''}</figure>`).join('')
  const paras = partParagraphs(item, part).map((p, i) => {
    let lead = ''
    if (i === 0 && part !== 1 && item.dateline) {
      lead = item.bylineStyle === 'own-line' || item.byline.length === 0
        ? `<span class="dl">${esc(item.dateline)}</span>　`
        : `<span class="dl">${esc(item.dateline)}（${esc(bracketCredits(item.byline))}）</span>`
    }
    return `<p${p.indent ? '' : ' class="cont"'}>${lead}${esc(p.text)}</p>`
  }).join('')
  const jump = part === 0 ? `<p class="jump">（下转第${issue.pages[pages[1]].number}版）</p>` : ''
  const text = `<div class="text" style="column-count:${node.textCols}">${paras}${jump}</div>`
  return `<div ${attrs}>${head}${figs}${text}</div>`
}

function renderAd(ad: AdSpec): string {
  return `<div class="ad" data-ad="1">${ad.label ? `<div class="label">${esc(ad.label)}</div>` : ''}<div class="slogan">${ad.slogan.map(esc).join('<br>')}</div>${ad.small ? `<div class="small">${esc(ad.small)}</div>` : ''}</div>`
}

function furniture(issue: IssueSpec, page: PageSpec, index: number): { html: string, bodyTop: number } {
  const label = `<span class="pagebox">${pageLabel(page.number)}</span><span class="pagename">${esc(page.name)}</span>`
  const editors = page.editors.map(esc).join('　')
  const footer = `<div class="furniture footer"><span>${editors}</span><span>${issue.paper.site ? esc(issue.paper.site) : ''}</span></div>`
  if (index === 0) {
    const p = issue.paper
    return {
      bodyTop: 92,
      html: `<div class="furniture masthead">
        <div class="mh-top"><span>${label}</span><span>${p.publisher ? `主管：${esc(p.publisher)}` : ''}</span><span>${p.hotline ? `报纸热线：${esc(p.hotline)}` : ''}</span></div>
        <div class="mh-name">${esc(p.name)}</div>
        ${p.slogan ? `<div class="mh-slogan">${esc(p.slogan)}</div>` : ''}
        <div class="mh-right"><div>总第${issue.number}期</div><div>${issue.date.slice(0, 4)}年第${issue.yearNumber}期</div><div>今日${issue.pages.length}版</div></div>
        <div class="mh-date"><span>${esc(dateLine(issue.date))}</span></div>
      </div>${footer}`
    }
  }
  return {
    bodyTop: 28,
    html: `<div class="furniture header"><span>${label}</span><span>${esc(issue.paper.name)}　${chineseDate(issue.date)}　${weekday(issue.date)}</span><span>${editors}</span></div>`
  }
}

function pageHtml(issue: IssueSpec, index: number, photos: Photos, fonts?: FontFiles): string {
  const page = issue.pages[index]
  const f = furniture(issue, page, index)
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${fonts ? fontFaces(fonts) : ''}${css(issue)}</style></head><body>
<div class="page">${f.html}<div class="body" style="top:${f.bodyTop}mm">${renderNode(issue, page.body, photos)}</div></div></body></html>`
}

/** Every character the issue prints, for cutting the font subsets. */
export function printedChars(issue: IssueSpec): string {
  const text = issue.pages.map((_, i) => pageHtml(issue, i, new Map()).replace(/<style>[^]*?<\/style>/g, '').replace(/<[^>]*>/g, '')).join('')
  return [...new Set(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))].join('')
}

interface Measured {
  overflow: string
  width: number
  height: number
  modules: Array<{ item: number, x: number, y: number, w: number, h: number }>
  ads: Array<{ x: number, y: number, w: number, h: number }>
}

/** Runs in the page: the printed extent of each module (glyph line boxes and images), in CSS px. */
function measure(): Measured {
  const pageEl = document.querySelector('.page') as HTMLElement
  const origin = pageEl.getBoundingClientRect()
  const body = document.querySelector('.body') as HTMLElement
  const extent = (el: Element) => {
    let x0 = Infinity
    let y0 = Infinity
    let x1 = -Infinity
    let y1 = -Infinity
    const add = (r: DOMRect) => {
      if (r.width <= 0 || r.height <= 0) return
      x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top); x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom)
    }
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim()) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      for (const r of Array.from(range.getClientRects())) add(r)
    }
    el.querySelectorAll('img').forEach((img) => add(img.getBoundingClientRect()))
    return { x: x0 - origin.left, y: y0 - origin.top, w: x1 - x0, h: y1 - y0 }
  }
  return {
    overflow: [
      ...(body.scrollHeight > body.clientHeight + 1 ? [`the page body by ${body.scrollHeight - body.clientHeight}px`] : []),
      ...Array.from(document.querySelectorAll('.text')).filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => `the text of item ${(t.parentElement as HTMLElement).dataset.item}`)
    ].join(', '),
    width: origin.width,
    height: origin.height,
    modules: Array.from(document.querySelectorAll('[data-item]')).map((el) => ({ item: Number((el as HTMLElement).dataset.item), ...extent(el) })),
    ads: Array.from(document.querySelectorAll('[data-ad]')).map((el) => {
      const r = el.getBoundingClientRect()
      return { x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height }
    })
  }
}

/** Typesets `issue` into PDFs under `outDir` with Chromium and returns where everything landed. */
export async function produceWithChromium(issue: IssueSpec, outDir: string, fonts: FontFiles): Promise<Placement> {
  const photos: Photos = new Map()
  for (const [k, item] of issue.items.entries()) {
    for (const [i, f] of item.figures.entries()) {
      const { jpeg } = await makePhoto(f.photo)
      photos.set(photoKey(k, i), `data:image/jpeg;base64,${jpeg.toString('base64')}`)
    }
  }
  const pxPerMm = 96 / 25.4
  const viewport = { width: Math.round(issue.pageSize.w * pxPerMm), height: Math.round(issue.pageSize.h * pxPerMm) }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'typeset-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumSetup.executablePath, headless: true, args: chromiumSetup.args, viewport
  })
  const placed: Placement = {
    items: issue.items.map(() => []),
    ads: [],
    pageFiles: [],
    pagePoints: { width: r2(issue.pageSize.w * 72 / 25.4), height: r2(issue.pageSize.h * 72 / 25.4) }
  }
  try {
    const page = context.pages()[0] ?? await context.newPage()
    await page.emulateMedia({ media: 'print' })
    const single: Buffer[] = []
    for (let i = 0; i < issue.pages.length; i++) {
      await page.setContent(pageHtml(issue, i, photos, fonts), { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready)
      // tsx compiles with esbuild's keepNames, whose `__name` wrapper does not exist inside the page.
      await page.evaluate('window.__name = (f) => f')
      const m = await page.evaluate(measure)
      if (m.overflow) {
        const message = `${issue.dir}: page ${i + 1} overflows (${m.overflow}); shorten the text or change the layout`
        if (!process.env.TYPESET_LOOSE) throw new Error(message)
        console.warn(message)
      }
      const frac = (r: { x: number, y: number, w: number, h: number }): Zone => ({ page: i, x: r.x / m.width, y: r.y / m.height, w: r.w / m.width, h: r.h / m.height })
      for (const mod of m.modules) placed.items[mod.item].push(frac(mod))
      for (const ad of m.ads) placed.ads.push(frac(ad))
      const pdf = await page.pdf({ width: `${issue.pageSize.w}mm`, height: `${issue.pageSize.h}mm`, printBackground: true, preferCSSPageSize: true, tagged: false, outline: false })
      if (issue.files === 'per-page') {
        const name = `${String(issue.pages[i].number).padStart(2, '0')}.pdf`
        // Chromium stamps the time of printing; fixed dates keep re-runs byte-identical.
        const doc = await PDFDocument.load(pdf)
        setFixedInfo(doc)
        writeFileSync(path.join(outDir, name), await doc.save({ useObjectStreams: false }))
        placed.pageFiles.push({ file: name, pageInFile: 1 })
      } else {
        single.push(pdf)
        placed.pageFiles.push({ file: issue.files, pageInFile: i + 1 })
      }
    }
    if (single.length > 0) {
      const merged = await PDFDocument.create()
      for (const bytes of single) {
        const src = await PDFDocument.load(bytes)
        const [p] = await merged.copyPages(src, [0])
        merged.addPage(p)
      }
      setFixedInfo(merged)
      writeFileSync(path.join(outDir, issue.files), await merged.save({ useObjectStreams: false }))
    }
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
  return placed
}

/** Dates and producer fixed, so that a re-run writes the same bytes. */
export function setFixedInfo(doc: PDFDocument): void {
  const fixed = new Date(Date.UTC(2020, 0, 1))
  doc.setCreationDate(fixed)
  doc.setModificationDate(fixed)
  doc.setProducer('typeset')
  doc.setCreator('typeset')
}

function r2(n: number): number {
  return Math.round(n * 100) / 100
}
