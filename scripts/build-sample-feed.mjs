// Builds the sample issue into dist/feed with the newsroom's own command from its page PDFs
// (sample/pdf/, typeset by scripts/typeset), so what the app shows in development and in tests — page
// images, zones, the photo — is exactly what that command produces.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const sampleFeedDir = path.join(root, 'dist', 'feed')

/** Rebuilds dist/feed from sample/pdf/; throws when the command fails. */
export function buildSampleFeed() {
  rmSync(sampleFeedDir, { recursive: true, force: true })
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
  const r = spawnSync(tsx, ['newsroom/cli.ts', 'build', 'sample/pdf', '--out', sampleFeedDir, '--paper', 'sample/paper.json'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`building the sample feed failed (exit ${r.status})`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildSampleFeed()
