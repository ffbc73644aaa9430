/**
 * The performance budgets that are deterministic, checked against the builds `npm test` makes:
 * package sizes of dist/weapp, and the setData sizes and WXML trees of the sample issue's first
 * renders. Timings vary from run to run and machine to machine; `npm run bench` reports them.
 *
 * With BENCH_RENDER_OUT set, the measured rendering figures are also written there as JSON, so
 * `npm run bench` reports exactly what this test checks.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { WEAPP_ROOT } from '../weapp/harness'
import { BUDGETS, KB, weappSizes } from '../../scripts/bench/budgets'
import { measureFirstRenders, OTHER_PAGES, type RenderFigures, type Renders } from './weapp-render'

let renders: Renders

beforeAll(async () => {
  renders = await measureFirstRenders()
  const out = process.env.BENCH_RENDER_OUT
  if (out) {
    mkdirSync(path.dirname(out), { recursive: true })
    writeFileSync(out, JSON.stringify(renders, null, 2))
  }
}, 30_000)

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`

test(`the weapp main package is at most ${kb(BUDGETS.mainPackageBytes)} and all packages together at most ${kb(BUDGETS.allPackagesBytes)}`, () => {
  const sizes = weappSizes(WEAPP_ROOT)
  expect(sizes.mainBytes).toBeLessThanOrEqual(BUDGETS.mainPackageBytes)
  expect(sizes.allBytes).toBeLessThanOrEqual(BUDGETS.allPackagesBytes)
})

// WeChat's audit applies to every page; the issue page and the longest article are the heavy ones.
describe.each<[string, (r: Renders) => RenderFigures]>([
  ['issue page', (r) => r.issue],
  ['longest article', (r) => r.article],
  ...OTHER_PAGES.map((route): [string, (r: Renders) => RenderFigures] => [route, (r) => r.otherPages[route]])
])('the first render of the %s', (_, pick) => {
  const figures = (): RenderFigures => pick(renders)

  test(`sends no setData over ${kb(BUDGETS.setDataBytes)}`, () => {
    expect(figures().setData.calls).toBeGreaterThan(0)
    expect(figures().setData.maxBytes).toBeLessThanOrEqual(BUDGETS.setDataBytes)
  })

  test(`has fewer than ${BUDGETS.nodes} WXML nodes, less than ${BUDGETS.depth} deep`, () => {
    expect(figures().wxml.nodes).toBeGreaterThan(0)
    expect(figures().wxml.nodes).toBeLessThan(BUDGETS.nodes)
    expect(figures().wxml.depth).toBeLessThan(BUDGETS.depth)
  })
})

test('a cold launch lists the latest issue after one feed answer, index.json, not waiting for the issue file', () => {
  expect(renders.issue.answersBeforeContent).toEqual(['index.json'])
})
