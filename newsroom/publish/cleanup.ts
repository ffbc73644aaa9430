/**
 * Files no published issue references any more: issue files the index does not list, photos no listed
 * issue (or cover) refers to. Only `issues/` and `images/` are ever cleaned; anything else in the feed
 * folder is left alone.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { FeedIndex, Issue } from '../../src/core/feed'
import { fsyncDir } from './durable'

function collectSources(value: unknown, refs: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) collectSources(v, refs)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'src' && typeof v === 'string' && !/^https:\/\//.test(v)) refs.add(v)
      else collectSources(v, refs)
    }
  }
}

/**
 * Every relative path the published feed refers to: index.json, the listed issues, and every `src`
 * anywhere in the index and the issues — figures and covers today, and whatever later stages add (a
 * page's printed image), so cleanup never deletes a file a newer field points to.
 */
export function referencedFiles(index: FeedIndex, issues: Issue[]): Set<string> {
  const refs = new Set<string>(['index.json'])
  for (const s of index.issues) refs.add(s.path)
  collectSources(index, refs)
  collectSources(issues, refs)
  return refs
}

function walk(root: string, rel: string, out: string[]): void {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true })
  } catch {
    return
  }
  for (const e of entries) {
    const r = `${rel}/${e.name}`
    if (e.isDirectory()) walk(root, r, out)
    else out.push(r)
  }
}

/** Deletes unreferenced files under `issues/` and `images/` (and emptied photo folders); returns them. */
export function removeUnreferenced(root: string, refs: Set<string>): string[] {
  const files: string[] = []
  walk(root, 'issues', files)
  walk(root, 'images', files)
  const removed = files.filter((f) => !refs.has(f)).sort()
  const dirs = new Set<string>()
  for (const f of removed) {
    fs.rmSync(path.join(root, f), { force: true })
    dirs.add(path.dirname(path.join(root, f)))
  }
  for (const d of dirs) {
    if (d.startsWith(path.join(root, 'images') + path.sep) && fs.readdirSync(d).length === 0) fs.rmdirSync(d)
    else if (fs.existsSync(d)) fsyncDir(d)
  }
  return removed
}
