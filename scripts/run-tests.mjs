// `npm test`: every check, in the order that lets each stage rely on the one before:
// types → unit, component and server tests → the sample feed, weapp, H5 and console builds → compiled-weapp,
// size-budget and end-to-end tests against those builds. Ends with one line `tests: N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildSampleFeed, root } from './build-sample-feed.mjs'
import { h5TestEnv, weappTestEnv } from './test-build-env.mjs'

const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const resultsDir = path.join(root, 'test-results')
mkdirSync(resultsDir, { recursive: true })

let passed = 0
let failed = 0

function step(title, cmd, args, env = {}) {
  const started = Date.now()
  console.log(`\n── ${title}`)
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  console.log(`── ${title}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return r.status === 0
}

function jest(title, projects, extra = []) {
  const out = path.join(resultsDir, `jest-${projects.join('-')}.json`)
  const ok = step(title, bin('jest'), ['-c', 'test/jest.config.js', '--selectProjects', ...projects, '--json', `--outputFile=${out}`, ...extra])
  try {
    const summary = JSON.parse(readFileSync(out, 'utf8'))
    passed += summary.numPassedTests
    failed += summary.numFailedTests
  } catch {
    failed += 1
  }
  return ok
}

function finish(ok) {
  console.log(`\ntests: ${passed} passed, ${failed} failed`)
  process.exit(ok && failed === 0 ? 0 : 1)
}

if (!step('types', bin('tsc'), ['-p', 'tsconfig.json'])) finish(false)
let ok = jest('unit, component and server tests', ['unit', 'component', 'server'])

console.log('\n── sample feed')
try {
  buildSampleFeed()
} catch (e) {
  console.error(String(e))
  finish(false)
}
const built =
  step('weapp build', bin('taro'), ['build', '--type', 'weapp'], weappTestEnv) &&
  step('h5 build', bin('taro'), ['build', '--type', 'h5'], h5TestEnv) &&
  step('console build', process.execPath, ['scripts/build-console.mjs'])
if (!built) finish(false)

ok = jest('compiled weapp, size budget and end-to-end tests', ['weapp', 'budgets', 'e2e'], ['--runInBand']) && ok
finish(ok)
