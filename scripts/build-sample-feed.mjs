// Builds the sample issue with the newsroom's own command from its page PDFs (sample/pdf/, typeset by
// scripts/typeset), so what the app shows in development and in tests — page images, zones, the
// photo — is exactly what that command produces. dist/feed is rebuilt each time (the tests rely on it
// being exactly the sample); `npm start`'s working feed (.data/feed/) is only seeded from it once.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const sampleFeedDir = path.join(root, 'dist', 'feed')
/** The feed `npm start` serves and the console publishes into; kept across restarts (git-ignored). */
export const workingFeedDir = path.join(root, '.data', 'feed')

/** Rebuilds `out` (default dist/feed) from sample/pdf/; throws when the command fails. */
export function buildSampleFeed(out = sampleFeedDir) {
  rmSync(out, { recursive: true, force: true })
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
  const r = spawnSync(tsx, ['newsroom/cli.ts', 'build', 'sample/pdf', '--out', out, '--paper', 'sample/paper.json'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`building the sample feed failed (exit ${r.status})`)
}

/**
 * Makes sure the working feed `dir` exists: a folder with an index.json is kept as it is (issues
 * published in the console stay); otherwise the sample is built beside it and renamed into place, so
 * an interrupted first start never leaves half a feed. Returns whether it was seeded now.
 */
export function seedWorkingFeed(dir = workingFeedDir) {
  if (existsSync(path.join(dir, 'index.json'))) return false
  mkdirSync(path.dirname(dir), { recursive: true })
  const building = `${dir}.seeding`
  buildSampleFeed(building)
  rmSync(dir, { recursive: true, force: true })
  renameSync(building, dir)
  return true
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildSampleFeed()
