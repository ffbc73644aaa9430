// Renders the paper's share card (src/assets/share-card.png, 500×400, WeChat's 5:4) with headless
// Chromium from the HTML below. It is the image of a shared article that has no photo of its own.
// Run again after changing the design: node scripts/make-share-card.mjs
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import chromiumSetup from './chromium.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'src', 'assets', 'share-card.png')

const html = `<!doctype html><html><body style="margin:0">
<div style="width:500px;height:400px;box-sizing:border-box;background:#b3121b;color:#fff;display:flex;flex-direction:column;align-items:center;justify-content:center;font-family:'Noto Serif CJK SC','Noto Sans CJK SC',serif">
  <div style="font-size:92px;font-weight:700;letter-spacing:12px">高新区报</div>
  <div style="width:360px;border-top:3px double #fff;margin:18px 0 16px"></div>
  <div style="font-size:28px;letter-spacing:6px">济宁高新区 · 数字报</div>
  <div style="font-size:22px;margin-top:28px;opacity:.85;letter-spacing:4px">活力・魅力・热点・焦点</div>
</div></body></html>`

const profile = mkdtempSync(path.join(os.tmpdir(), 'share-card-'))
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumSetup.executablePath,
  headless: true,
  args: chromiumSetup.args,
  viewport: { width: 500, height: 400 }
})
const page = context.pages()[0] ?? await context.newPage()
await page.setContent(html)
await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 500, height: 400 } })
await context.close()
rmSync(profile, { recursive: true, force: true })
console.log(`wrote ${path.relative(root, out)}`)
