/**
 * The page view's budgets, in a file of its own because it loads the compiled issue page (once per
 * file): its first render, cold on the sample's 版 with the most zones, in setData and WXML nodes,
 * and the one image it takes to show that page at phone size. With BENCH_RENDER_OUT set, the figures
 * are also written beside it (page-view-render.json) for `npm run bench`.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { BUDGETS, KB } from '../../scripts/bench/budgets'
import { measurePageView, type PageViewFigures } from './weapp-render'

let figures: PageViewFigures

beforeAll(async () => {
  figures = await measurePageView()
  const out = process.env.BENCH_RENDER_OUT
  if (out) {
    mkdirSync(path.dirname(out), { recursive: true })
    writeFileSync(path.join(path.dirname(out), 'page-view-render.json'), JSON.stringify(figures, null, 2))
  }
}, 30_000)

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

test(`the page view's first render sends at most ${kb(BUDGETS.pageViewSetDataBytes)} of setData in all, with every zone of the largest page`, () => {
  expect(figures.zones).toBeGreaterThan(0)
  expect(figures.setData.calls).toBeGreaterThan(0)
  expect(figures.setData.totalBytes).toBeLessThanOrEqual(BUDGETS.pageViewSetDataBytes)
})

test(`the page view's first render has fewer than ${BUDGETS.pageViewNodes} WXML nodes, less than ${BUDGETS.depth} deep`, () => {
  expect(figures.wxml.nodes).toBeLessThan(BUDGETS.pageViewNodes)
  expect(figures.wxml.depth).toBeLessThan(BUDGETS.depth)
})

test(`one image of at most ${kb(BUDGETS.pageImageBytes)} shows the page at phone size`, () => {
  expect(figures.image.src).toMatch(/-thumb-/)
  expect(figures.image.bytes).toBeLessThanOrEqual(BUDGETS.pageImageBytes)
})
