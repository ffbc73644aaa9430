/**
 * The editor's report: what the command recognised in a source, for checking before publishing. Pure.
 */
import type { Issue } from '../src/core/feed'
import { formatByline } from '../src/core/byline'
import type { ParsedIssue, SourceNote } from './parse-issue'
import type { PublishPlan } from './publish'

/** `source.txt:12: message`, the form every finding about the source is printed in. */
export function formatNote(sourceName: string, note: SourceNote): string {
  return `${sourceName}:${note.line}: ${note.message}`
}

function clip(s: string, n: number): string {
  const chars = [...s]
  return chars.length > n ? chars.slice(0, n).join('') + '…' : s
}

/**
 * A plain-text report: masthead values, pages (with their page images), every item with its headline
 * lines, zones, dateline, credits, paragraph count and the start and end of its text, figures and images,
 * lines left out, and warnings
 * in `source.txt:N:` form.
 */
export function formatReport(sourceName: string, parsed: ParsedIssue, issue: Issue): string {
  const m = parsed.masthead
  const out: string[] = []
  out.push(`${m.paperName ?? '(paper name not printed)'} ${parsed.date} 总第${parsed.number}期 ${parsed.date.slice(0, 4)}年第${parsed.yearNumber}期 — ${issue.pages.length} page(s), ${issue.articles.length} item(s)`)
  out.push('Masthead:')
  const printedDate = [m.weekday ? `星期${m.weekday}` : undefined, m.lunar ? `农历${m.lunar}` : undefined].filter(Boolean).join(' ')
  for (const [label, value] of [['publisher', m.publisher], ['hotline', m.hotline], ['slogan', m.slogan], ['site', m.site], ['printed with the date', printedDate || undefined]] as const) {
    out.push(`  ${label}: ${value ?? '—'}`)
  }
  out.push('Pages:')
  for (const p of issue.pages) {
    const image = p.image ? ` · page image ${p.image.src} ${p.image.width}×${p.image.height}${p.image.thumb ? `, phone ${p.image.thumb.width}×${p.image.thumb.height}` : ''}` : ''
    out.push(`  ${p.id} ${p.name}: ${p.articleIds.join(' ') || '(no articles)'}${image}`)
  }
  out.push('Items:')
  issue.articles.forEach((a, i) => {
    const it = parsed.items[i]
    const heads = [a.kicker ? `引题 ${a.kicker}` : '', `题 ${a.title}`, a.subtitle ? `副题 ${a.subtitle}` : ''].filter(Boolean).join(' / ')
    const zones = a.zones ? ` (printed in ${a.zones.length} zone(s): ${[...new Set(a.zones.map((z) => z.pageId))].join(' ')})` : ''
    out.push(`  ${a.id} [${a.pageId}] line ${it.line}${it.kind === 'photo' ? ' photo' : ''}: ${heads}${zones}`)
    if (it.kind === 'article') {
      const chars = a.paragraphs.reduce((n, p) => n + [...p].length, 0)
      out.push(`      ${a.dateline ?? '(no dateline)'} · ${a.byline.length > 0 ? formatByline(a.byline) : '(no byline)'} · ${a.paragraphs.length} paragraph(s), ${chars} characters`)
      out.push(`      begins: ${clip(a.paragraphs[0] ?? '', 24)}`)
      out.push(`      ends:   …${[...(a.paragraphs[a.paragraphs.length - 1] ?? '')].slice(-24).join('')}`)
    }
    for (const f of a.figures) {
      const image = f.src ? `${f.src} ${f.width}×${f.height}${f.placeholder ? ' (generated placeholder)' : ''}` : '(no image)'
      out.push(`      figure: ${f.credit ? `${f.credit.role} ${f.credit.name} 摄` : '(no credit)'} · ${image}`)
      if (f.caption) out.push(`      caption: ${clip(f.caption, 40)}`)
    }
  })
  if (parsed.leftOut.length > 0) {
    out.push('Left out (not article text):')
    for (const n of parsed.leftOut) out.push(`  ${formatNote(sourceName, n)}`)
  }
  out.push(parsed.warnings.length > 0 ? `Warnings (${parsed.warnings.length}):` : 'Warnings: none')
  for (const w of parsed.warnings) out.push(`  ${formatNote(sourceName, w)}`)
  return out.join('\n') + '\n'
}

/**
 * What a publish is about to do, for the editor, printed with the report before anything is written:
 * the issue id and whether it corrects a published issue, the article ids kept, given and retired, the
 * files to write, and the notes.
 */
export function formatPlan(plan: PublishPlan, dryRun: boolean): string {
  const out: string[] = []
  out.push(`Publishing as issue ${plan.issue.id}${plan.replaces ? `, correcting the published ${plan.replaces.id} (${plan.replaces.date} 总第${plan.replaces.number}期)` : ' (new)'} of paper ${plan.paper.id} ${plan.paper.name}`)
  if (plan.replaces) {
    out.push(`  article ids kept: ${plan.ids.kept.join(' ') || 'none'}`)
    out.push(`  new article ids: ${plan.ids.fresh.join(' ') || 'none'}`)
    out.push(`  retired: ${plan.ids.retired.map((r) => `${r.id} “${r.title}”`).join(', ') || 'none'}`)
  }
  out.push(`${dryRun ? 'Would write' : 'Writing'}: ${plan.writes.map((w) => w.rel).join(', ') || 'nothing (no change)'}`)
  for (const n of plan.notes) out.push(`  note: ${n}`)
  return out.join('\n') + '\n'
}
