// Builds the sample issue into dist/feed with the newsroom's own command, so what the app shows in
// development and in tests is exactly what that command produces.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const sampleFeedDir = path.join(root, 'dist', 'feed')

/** Rebuilds dist/feed from sample/issue-763.txt; throws when the command fails. */
export function buildSampleFeed() {
  rmSync(sampleFeedDir, { recursive: true, force: true })
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
  const r = spawnSync(tsx, ['newsroom/cli.ts', 'build', 'sample/issue-763.txt', '--out', sampleFeedDir, '--paper', 'sample/paper.json', '--placeholders'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`building the sample feed failed (exit ${r.status})`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildSampleFeed()
