import { indexSchema, issueSchema, type FeedIndex, type Issue } from './feed-v1'
import type { Node, Problem } from './schema-dsl'

export type { Problem }

export type Validation<T> = { ok: true, value: T } | { ok: false, problems: Problem[] }

/** True for a real Gregorian calendar day written YYYY-MM-DD (rejects 2023-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
}

function run<T>(node: Node<T>, value: unknown, semantic: (v: T, problems: Problem[]) => void): Validation<T> {
  const problems: Problem[] = []
  node.check(value, '', problems)
  if (problems.length === 0) semantic(value as T, problems)
  return problems.length === 0 ? { ok: true, value: value as T } : { ok: false, problems }
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>()
  const dup = new Set<string>()
  for (const id of ids) (seen.has(id) ? dup : seen).add(id)
  return [...dup]
}

/**
 * Validates an index.json value: the schema, plus what a schema cannot say (real dates, unique ids,
 * newest first, path matching id).
 */
export function validateIndex(value: unknown): Validation<FeedIndex> {
  return run(indexSchema, value, (index, problems) => {
    index.issues.forEach((s, i) => {
      if (!isCalendarDate(s.date)) problems.push({ path: `/issues/${i}/date`, message: `is not a calendar date: ${s.date}` })
      if (s.path !== `issues/${s.id}.json`) problems.push({ path: `/issues/${i}/path`, message: `must be issues/${s.id}.json` })
      const prev = index.issues[i - 1]
      if (prev && (prev.date < s.date || (prev.date === s.date && prev.number < s.number))) {
        problems.push({ path: `/issues/${i}`, message: 'issues must be listed newest first' })
      }
    })
    for (const d of duplicates(index.issues.map((s) => s.id))) problems.push({ path: '/issues', message: `duplicate issue id ${d}` })
  })
}

/**
 * Validates an issues/<id>.json value: the schema, plus a real date, unique ids, and pages and
 * articles that refer to each other consistently (each article listed on exactly its own page), and
 * zones on pages of the issue, inside the page.
 */
export function validateIssue(value: unknown): Validation<Issue> {
  return run(issueSchema, value, (issue, problems) => {
    if (!isCalendarDate(issue.date)) problems.push({ path: '/date', message: `is not a calendar date: ${issue.date}` })
    for (const d of duplicates(issue.pages.map((p) => p.id))) problems.push({ path: '/pages', message: `duplicate page id ${d}` })
    for (const d of duplicates(issue.articles.map((a) => a.id))) problems.push({ path: '/articles', message: `duplicate article id ${d}` })
    const listedOn = new Map<string, string>()
    issue.pages.forEach((page, pi) => page.articleIds.forEach((aid, ai) => {
      if (listedOn.has(aid)) problems.push({ path: `/pages/${pi}/articleIds/${ai}`, message: `article ${aid} is listed twice` })
      listedOn.set(aid, page.id)
    }))
    issue.articles.forEach((a, i) => {
      const page = listedOn.get(a.id)
      if (page === undefined) problems.push({ path: `/articles/${i}`, message: `article ${a.id} is on no page` })
      else if (page !== a.pageId) problems.push({ path: `/articles/${i}/pageId`, message: `article ${a.id} is listed on page ${page}, not ${a.pageId}` })
      listedOn.delete(a.id)
    })
    for (const missing of listedOn.keys()) problems.push({ path: '/pages', message: `page lists unknown article ${missing}` })
    // Zones are fractions of a page image; producers round, so allow a hair over the edge.
    const pageIds = new Set(issue.pages.map((p) => p.id))
    issue.articles.forEach((a, i) => a.zones?.forEach((z, zi) => {
      const at = `/articles/${i}/zones/${zi}`
      if (!pageIds.has(z.pageId)) problems.push({ path: `${at}/pageId`, message: `is not a page of the issue: ${z.pageId}` })
      if (z.w <= 0 || z.h <= 0) problems.push({ path: at, message: 'has no area' })
      if (z.x + z.w > 1 + 1e-6 || z.y + z.h > 1 + 1e-6) problems.push({ path: at, message: 'reaches outside the page' })
    }))
  })
}

/** One line for logs and error screens: the first few problems with their paths. */
export function describeProblems(problems: Problem[], max = 3): string {
  const head = problems.slice(0, max).map((p) => `${p.path} ${p.message}`).join('; ')
  return problems.length > max ? `${head}; and ${problems.length - max} more` : head
}
