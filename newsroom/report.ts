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
  out.push(`${m.paperName ?? '（报头未印报名）'} ${parsed.date} 总第${parsed.number}期 ${parsed.date.slice(0, 4)}年第${parsed.yearNumber}期 — ${issue.pages.length}个版，${issue.articles.length}篇稿件`)
  out.push('报头：')
  const printedDate = [m.weekday ? `星期${m.weekday}` : undefined, m.lunar ? `农历${m.lunar}` : undefined].filter(Boolean).join(' ')
  for (const [label, value] of [['主管主办', m.publisher], ['热线', m.hotline], ['口号', m.slogan], ['网址', m.site], ['日期旁印有', printedDate || undefined]] as const) {
    out.push(`  ${label}：${value ?? '—'}`)
  }
  out.push('版面：')
  for (const p of issue.pages) {
    const image = p.image ? ` · 版面图 ${p.image.src} ${p.image.width}×${p.image.height}${p.image.thumb ? `，手机版 ${p.image.thumb.width}×${p.image.thumb.height}` : ''}` : ''
    out.push(`  ${p.id} ${p.name}：${p.articleIds.join(' ') || '（没有文章）'}${image}`)
  }
  out.push('稿件：')
  issue.articles.forEach((a, i) => {
    const it = parsed.items[i]
    const heads = [a.kicker ? `引题 ${a.kicker}` : '', `题 ${a.title}`, a.subtitle ? `副题 ${a.subtitle}` : ''].filter(Boolean).join(' / ')
    const zones = a.zones ? `（印在${a.zones.length}个区域：${[...new Set(a.zones.map((z) => z.pageId))].join(' ')}）` : ''
    out.push(`  ${a.id} [${a.pageId}] 第${it.line}行${it.kind === 'photo' ? ' 图片新闻' : ''}：${heads}${zones}`)
    if (it.kind === 'article') {
      const chars = a.paragraphs.reduce((n, p) => n + [...p].length, 0)
      out.push(`      ${a.dateline ?? '（无电头）'} · ${a.byline.length > 0 ? formatByline(a.byline) : '（无署名）'} · ${a.paragraphs.length}段，${chars}字`)
      out.push(`      开头：${clip(a.paragraphs[0] ?? '', 24)}`)
      out.push(`      结尾：…${[...(a.paragraphs[a.paragraphs.length - 1] ?? '')].slice(-24).join('')}`)
    }
    for (const f of a.figures) {
      const image = f.src ? `${f.src} ${f.width}×${f.height}${f.placeholder ? '（生成的占位图）' : ''}` : '（没有图片）'
      out.push(`      图片：${f.credit ? `${f.credit.role} ${f.credit.name} 摄` : '（无摄影署名）'} · ${image}`)
      if (f.caption) out.push(`      图片说明：${clip(f.caption, 40)}`)
    }
  })
  if (parsed.leftOut.length > 0) {
    out.push('未收入（不是文章正文）：')
    for (const n of parsed.leftOut) out.push(`  ${formatNote(sourceName, n)}`)
  }
  out.push(parsed.warnings.length > 0 ? `请核对（${parsed.warnings.length}条）：` : '请核对：无')
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
  out.push(`发布为“${plan.issue.id}”这一期${plan.replaces ? `，更正已发布的“${plan.replaces.id}”（${plan.replaces.date} 总第${plan.replaces.number}期）` : '（新的一期）'}，报纸：${plan.paper.id} ${plan.paper.name}`)
  if (plan.replaces) {
    out.push(`  保留的文章编号：${plan.ids.kept.join(' ') || '无'}`)
    out.push(`  新的文章编号：${plan.ids.fresh.join(' ') || '无'}`)
    out.push(`  停用的编号：${plan.ids.retired.map((r) => `${r.id}“${r.title}”`).join('、') || '无'}`)
  }
  out.push(`${dryRun ? '将写入' : '写入'}：${plan.writes.map((w) => w.rel).join('、') || '无（没有变化）'}`)
  for (const n of plan.notes) out.push(`  提示：${n}`)
  return out.join('\n') + '\n'
}
