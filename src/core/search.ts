import type { Issue } from './feed'

/** A run of text, marked when it matches the query (rendered highlighted). */
export interface Segment {
  text: string
  hit: boolean
}

export interface SearchHit {
  issueId: string
  date: string
  pageName: string
  articleId: string
  title: Segment[]
  /** Where the words occur in the body, with some context; empty when only the title matched. */
  snippet: Segment[]
  /** Higher first: title matches outrank body matches; newer issues break ties. */
  score: number
}

const CONTEXT = 24
const MAX_QUERY = 50

/** Lower-case, full-width ASCII to half-width: `ＰＰＴ` finds `PPT`, `ppt` too. */
function fold(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase()
}

/** The query's words: split on spaces, at most a few, each at most MAX_QUERY characters. */
export function queryTerms(query: string): string[] {
  return [...new Set(fold(query.slice(0, MAX_QUERY)).split(/[\s\u3000]+/).filter(Boolean))].slice(0, 5)
}

/** Splits `text` into segments with every occurrence of any term marked. */
export function highlight(text: string, terms: string[]): Segment[] {
  const folded = fold(text)
  const marks = new Array<boolean>(text.length).fill(false)
  for (const t of terms) {
    for (let i = folded.indexOf(t); i >= 0; i = folded.indexOf(t, i + 1)) marks.fill(true, i, i + t.length)
  }
  const out: Segment[] = []
  for (let i = 0; i < text.length; i++) {
    const last = out[out.length - 1]
    if (last && last.hit === marks[i]) last.text += text[i]
    else out.push({ text: text[i], hit: marks[i] })
  }
  return out
}

function snippetOf(body: string, terms: string[]): Segment[] {
  const folded = fold(body)
  const at = Math.min(...terms.map((t) => folded.indexOf(t)).filter((i) => i >= 0))
  if (!Number.isFinite(at)) return []
  const start = Math.max(0, at - CONTEXT)
  const end = Math.min(body.length, at + CONTEXT * 3)
  return highlight(`${start > 0 ? '…' : ''}${body.slice(start, end)}${end < body.length ? '…' : ''}`, terms)
}

/**
 * Finds articles whose title or text (paragraphs and photo captions) contain every word of the
 * query. Chinese has no spaces between words, so matching is by substring; results are ranked and
 * carry highlighted segments, never markup.
 */
export function searchIssues(issues: Issue[], query: string, limit = 50): SearchHit[] {
  const terms = queryTerms(query)
  if (terms.length === 0) return []
  const hits: SearchHit[] = []
  for (const issue of issues) {
    const pages = new Map(issue.pages.map((p) => [p.id, p.name]))
    for (const a of issue.articles) {
      const head = [a.kicker, a.title, a.subtitle].filter(Boolean).join(' ')
      const body = [...a.paragraphs, ...a.figures.map((f) => f.caption ?? '')].join('\n')
      const fh = fold(head)
      const fb = fold(body)
      if (!terms.every((t) => fh.includes(t) || fb.includes(t))) continue
      const inTitle = terms.filter((t) => fh.includes(t)).length
      hits.push({
        issueId: issue.id,
        date: issue.date,
        pageName: pages.get(a.pageId) ?? '',
        articleId: a.id,
        title: highlight(a.title, terms),
        snippet: snippetOf(body, terms),
        score: inTitle * 10 + terms.length
      })
    }
  }
  return hits.sort((x, y) => y.score - x.score || (x.date < y.date ? 1 : x.date > y.date ? -1 : 0)).slice(0, limit)
}
