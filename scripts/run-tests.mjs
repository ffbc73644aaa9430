// `npm test`: every check, in the order that lets each stage rely on the one before:
// types → unit, component and server tests → the sample feed, weapp and H5 builds → compiled-weapp and
// end-to-end tests against those builds. Ends with one line `tests: N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildSampleFeed, root } from './build-sample-feed.mjs'

const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const testPort = process.env.TEST_PORT || '18731'
// The compiled weapp's subscribe test runs the real notification server here, against a stand-in
// for WeChat's API whose template id is this one (test/server/support/fake-wechat.ts).
const notifyPort = '18733'
const testTemplateId = 'TPL-new-issue-0001'
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
  step('weapp build', bin('taro'), ['build', '--type', 'weapp'], { NODE_ENV: 'production', FEED_BASE_URL: `http://127.0.0.1:${testPort}/feed/`, NOTIFY_API_BASE: `http://127.0.0.1:${notifyPort}/`, WECHAT_TEMPLATE_ID: testTemplateId }) &&
  step('h5 build', bin('taro'), ['build', '--type', 'h5'], { NODE_ENV: 'production' })
if (!built) finish(false)

ok = jest('compiled weapp and end-to-end tests', ['weapp', 'e2e'], ['--runInBand']) && ok
finish(ok)
