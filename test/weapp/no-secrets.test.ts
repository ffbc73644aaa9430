/**
 * The builds were made with the server's secrets in their environment (scripts/test-build-env.mjs),
 * as on a newsroom machine that runs both; none of them may reach what is shipped to phones and browsers.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const DIST = path.resolve(__dirname, '../../dist')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

test.each(['weapp', 'h5'])('no secret from the build environment is in the %s bundle', async (target) => {
  const { secretCanaries, testTemplateId } = await import('../../scripts/test-build-env.mjs')
  const shipped = files(path.join(DIST, target))
  expect(shipped.length).toBeGreaterThan(5)
  const leaks = shipped.flatMap((f) => {
    const text = readFileSync(f, 'latin1')
    return Object.entries(secretCanaries).filter(([, value]) => text.includes(value)).map(([name]) => `${name} in ${path.relative(DIST, f)}`)
  })
  expect(leaks).toEqual([])
  // The one value from the same environment that is meant to ship (the public template id), found in
  // the compiled scripts: so the scan is known to read what the build made of that environment.
  const carriers = shipped.filter((f) => f.endsWith('.js') && readFileSync(f, 'latin1').includes(testTemplateId))
  expect(carriers.map((f) => path.relative(DIST, f)).filter((f) => f !== path.join(target, 'sw.js'))).not.toEqual([])
})
