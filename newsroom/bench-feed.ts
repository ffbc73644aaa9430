/**
 * `npx tsx newsroom/bench-feed.ts`: how long the feed command takes, in-process, as one JSON object.
 * - the sample issue: parsing alone, and a whole build into a fresh folder (median of several runs);
 * - a 200-issue feed made from the sample with shifted dates: checking the whole folder, inserting one
 *   more issue, rebuilding (replacing) one (medians).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { formatLunarDate, lunarDate } from '../src/core/calendar'
import { buildFeed, checkFeed } from './feed-folder'
import { weekdayOf } from './masthead'
import { parseIssue } from './parse-issue'

const root = path.resolve(__dirname, '..')
const sampleFile = path.join(root, 'sample/issue-763.txt')
const paperFile = path.join(root, 'sample/paper.json')
const sample = fs.readFileSync(sampleFile, 'utf8')
const RUNS = 9

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b)
  return Math.round(v[v.length >> 1] * 100) / 100
}

async function time(fn: (run: number) => unknown, runs = RUNS): Promise<number> {
  const ms: number[] = []
  for (let r = 0; r < runs; r++) {
    const t = performance.now()
    await fn(r)
    ms.push(performance.now() - t)
  }
  return median(ms)
}

/** The sample's masthead moved to `date`, with a matching weekday, lunar date and issue numbers. */
function issueOn(date: Date, number: number, yearNumber: number, title = '以党建引领网格化服务管理'): string {
  const iso = date.toISOString().slice(0, 10)
  const [y, m, d] = iso.split('-').map(Number)
  return sample
    .replace('2023年8月22日 星期二 农历癸卯年七月初七', `${y}年${m}月${d}日 星期${weekdayOf(iso)} 农历${formatLunarDate(lunarDate(iso))}`)
    .replace('总第763期 2023年第63期', `总第${number}期 ${y}年第${yearNumber}期`)
    .replace('以党建引领网格化服务管理\n', `${title}\n`)
}

const DAY = 86_400_000
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-feed-'))
async function bench(): Promise<void> {
  // Warm up module loading and the JIT before timing.
  parseIssue(sample)
  const parseMs = await time(() => parseIssue(sample), 25)
  const buildMs = await time((r) => buildFeed({ source: sampleFile, out: path.join(tmp, `sample-${r}`), paper: paperFile }, { placeholders: true }))

  // 200 weekly issues ending with the sample's date.
  const feed = path.join(tmp, 'feed-200')
  const sources = path.join(tmp, 'sources')
  fs.mkdirSync(sources)
  const last = Date.UTC(2023, 7, 22)
  const setupStart = performance.now()
  for (let i = 199; i >= 0; i--) {
    const date = new Date(last - i * 7 * DAY)
    const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1)
    const file = path.join(sources, `${i}.txt`)
    fs.writeFileSync(file, issueOn(date, 763 - i, Math.floor((date.getTime() - yearStart) / (7 * DAY)) + 1))
    await buildFeed({ source: file, out: feed, paper: paperFile }, { placeholders: true })
  }
  const setupMs = Math.round(performance.now() - setupStart)

  let checked = 0
  const checkMs = await time(() => {
    const result = checkFeed(feed)
    if (result.problems.length > 0) throw new Error(`the benchmark feed does not check: ${result.problems[0].path} ${result.problems[0].message}`)
    checked = result.issues
  })

  const insertMs = await time(async (r) => {
    const date = new Date(last + (r + 1) * 7 * DAY)
    const file = path.join(sources, `new-${r}.txt`)
    fs.writeFileSync(file, issueOn(date, 764 + r, 34 + r))
    await buildFeed({ source: file, out: feed }, { placeholders: true })
  })
  const rebuildMs = await time(async (r) => {
    const file = path.join(sources, `changed-${r}.txt`)
    fs.writeFileSync(file, issueOn(new Date(last - 100 * 7 * DAY), 663, 1, `以党建引领网格化服务管理（第${r + 1}次修改）`))
    await buildFeed({ source: file, out: feed }, { placeholders: true })
  })
  process.stdout.write(JSON.stringify({
    node: process.version,
    runs: RUNS,
    sample: { parseMs, buildMs },
    index200: { issuesChecked: checked, setupMs, insertOneMs: insertMs, rebuildOneMs: rebuildMs, checkAllMs: checkMs }
  }, null, 2) + '\n')
}
bench().finally(() => fs.rmSync(tmp, { recursive: true, force: true })).catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`)
  process.exitCode = 1
})
