/**
 * Stable article ids. Pure: no I/O.
 *
 * A new build of an issue is matched to the published one by content, so an article keeps its id across
 * corrections (a headline fixed, an item taken out or added): favourites, history, shared links and
 * reminders keep opening the same article. An article with no match gets an id never used before in that
 * issue, so a removed article's id never comes back on another one.
 */

/** What an article is recognised by. */
export interface ArticleKey {
  title: string
  kicker?: string
  /** The first words of its text (or of its photo caption). */
  opening: string
  /** Index of its page. */
  page: number
  /** Position in the issue. */
  order: number
}

/** A published article: its id and key. */
export interface PublishedArticle extends ArticleKey {
  id: string
}

/** The outcome of matching a build to what is published. */
export interface IdAssignment {
  /** One id per new article, in order. */
  ids: string[]
  /** Published ids kept by an article of the build. */
  kept: string[]
  /** Ids given for the first time. */
  fresh: string[]
  /** Published articles with no counterpart in the build: their ids are retired. */
  retired: PublishedArticle[]
  /** Every id ever used in the issue, including the fresh ones. */
  used: string[]
}

const OPENING_CHARS = 24

function norm(s: string): string {
  return s.replace(/[\s\u3000“”‘’"'「」『』《》（）()，,。.、：:；;！!？?—-]/g, '')
}

/** The key's opening: the first characters of the text without spaces or punctuation. */
export function openingOf(text: string): string {
  return [...norm(text)].slice(0, OPENING_CHARS).join('')
}

function bigrams(s: string): Map<string, number> {
  const chars = [...s]
  const m = new Map<string, number>()
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1]
    m.set(g, (m.get(g) ?? 0) + 1)
  }
  return m
}

/** Dice similarity of two strings' character bigrams, 0…1. */
export function similarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1
  const x = bigrams(a)
  const y = bigrams(b)
  let shared = 0
  let total = 0
  for (const n of x.values()) total += n
  for (const n of y.values()) total += n
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0)
  return total === 0 ? 0 : (2 * shared) / total
}

/**
 * How sure we are that two articles are the same, 0 when not at all: the same title and opening words is
 * certain; the same title (with a related opening) is strong, so is the same opening with a related title
 * or at the same place (the headline was corrected); otherwise title and opening must each be mostly
 * alike. Same page and nearby order break ties.
 */
export function matchScore(p: ArticleKey, n: ArticleKey): number {
  const title = norm(p.title) === norm(n.title) && norm(p.title) !== ''
  const opening = p.opening !== '' && p.opening === n.opening
  const titleSim = similarity(norm(p.title), norm(n.title))
  const near = p.page === n.page && Math.abs(p.order - n.order) <= 1
  let score = 0
  if (title && opening) score = 100
  else if (title && (p.opening === '' || n.opening === '' || similarity(p.opening, n.opening) >= 0.3)) score = 80
  // Openings can be boilerplate (`8月19日，济宁高新区召开…`): alone they need a related title or the same place.
  else if (opening && (titleSim >= 0.3 || near)) score = 70
  else {
    const openingSim = similarity(p.opening, n.opening)
    if (titleSim >= 0.5 && openingSim >= 0.5) score = 20 * (titleSim + openingSim)
  }
  if (score === 0) return 0
  return score + (p.page === n.page ? 2 : 0) - Math.min(Math.abs(p.order - n.order), 20) * 0.05
}

const ID_NUMBER = /^a(\d+)$/

/**
 * Gives each article of a build an id: the id of the published article it matches (best matches first,
 * each published article used once), else `a<N>` with N one more than any id ever used in the issue.
 * With nothing published, ids are `a1`…`aN` in order.
 */
export function assignArticleIds(published: PublishedArticle[], next: ArticleKey[], everUsed: string[] = []): IdAssignment {
  const pairs: Array<{ p: number, n: number, score: number }> = []
  published.forEach((p, pi) => next.forEach((n, ni) => {
    const score = matchScore(p, n)
    if (score > 0) pairs.push({ p: pi, n: ni, score })
  }))
  pairs.sort((a, b) => b.score - a.score || Math.abs(a.p - a.n) - Math.abs(b.p - b.n) || a.n - b.n)
  const ids: Array<string | undefined> = next.map(() => undefined)
  const taken = new Set<number>()
  for (const pair of pairs) {
    if (taken.has(pair.p) || ids[pair.n] !== undefined) continue
    taken.add(pair.p)
    ids[pair.n] = published[pair.p].id
  }
  const used = new Set([...everUsed, ...published.map((p) => p.id)])
  let max = 0
  for (const id of used) {
    const m = ID_NUMBER.exec(id)
    if (m) max = Math.max(max, Number(m[1]))
  }
  const fresh: string[] = []
  const final = ids.map((id) => {
    if (id !== undefined) return id
    const made = `a${++max}`
    fresh.push(made)
    used.add(made)
    return made
  })
  return {
    ids: final,
    kept: final.filter((id) => !fresh.includes(id)),
    fresh,
    retired: published.filter((_p, i) => !taken.has(i)),
    used: [...used].sort((a, b) => (Number(ID_NUMBER.exec(a)?.[1] ?? 0) - Number(ID_NUMBER.exec(b)?.[1] ?? 0)) || (a < b ? -1 : a > b ? 1 : 0))
  }
}
