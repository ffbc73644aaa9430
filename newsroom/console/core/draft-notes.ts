/**
 * A draft's notes for the editor: the recogniser's warnings and left-out lines, each tied to the item
 * whose source lines it concerns, and warnings the editor's corrections have made moot taken away. Pure.
 *
 * Warnings are tied by source line because items carry their lines through every edit (a moved or
 * merged item keeps them), while an item's index changes with each move or deletion.
 */
import { readNote } from '../../editor-notes'
import { UNTITLED_PHOTO, type SourceNote } from '../../parse-issue'
import type { DraftNote, EditableIssue, EditableItem } from './api'

function itemLines(it: EditableItem): number[] {
  return [it.line, it.titleLine, ...it.paragraphLines, ...(it.figure ? [it.figure.line] : []), ...(it.figures ?? []).map((f) => f.line)]
    .filter((n) => Number.isFinite(n))
}

/**
 * The index of the item whose source lines span `line` (the narrowest, when a continued article's span
 * covers others), or undefined when no item does (the masthead, page furniture, a deleted item).
 */
export function itemOfLine(issue: EditableIssue, line: number): number | undefined {
  let best: number | undefined
  let bestSpan = Infinity
  issue.items.forEach((it, i) => {
    const lines = itemLines(it)
    if (lines.length === 0) return
    const lo = Math.min(...lines)
    const hi = Math.max(...lines)
    if (line < lo || line > hi) return
    if (hi - lo < bestSpan) {
      best = i
      bestSpan = hi - lo
    }
  })
  return best
}

function unbalanced(p: string): boolean {
  const count = (c: string) => p.split(c).length - 1
  return count('“') !== count('”') || count('‘') !== count('’') || count('「') !== count('」')
}

/**
 * Whether a warning no longer applies to its item as the editor has corrected it. Only warnings whose
 * concern can be read off the text are judged (a cut sentence, an unpaired quote, a missing caption or
 * title); any other stays until the upload is replaced.
 */
export function isResolved(note: SourceNote, item: EditableItem | undefined): boolean {
  if (!item) return false
  // The newsroom reads its own notes back (readNote); matching their wording here would break with
  // the next rewording.
  const n = readNote(note.message)
  if (!n) return false
  switch (n.kind) {
    case 'cut-paragraph': return !item.paragraphs.some((p) => p.endsWith(n.tail))
    case 'unpaired-quote': return !item.paragraphs.some((p) => p.startsWith(n.start) && unbalanced(p))
    case 'no-caption': return Boolean(item.figure?.caption)
    case 'untitled-photo': return item.title !== UNTITLED_PHOTO
  }
}

/** The issue with the warnings its corrections have resolved taken out (see {@link isResolved}). */
export function dropResolvedWarnings(issue: EditableIssue): EditableIssue {
  const warnings = issue.warnings.filter((w) => {
    const i = itemOfLine(issue, w.line)
    return !isResolved(w, i === undefined ? undefined : issue.items[i])
  })
  return warnings.length === issue.warnings.length ? issue : { ...issue, warnings }
}

/**
 * The notes a draft shows: every warning, then every left-out line, each with the item it concerns.
 * A line the recogniser both left out and warned about (text with no headline) is listed once, as a
 * warning.
 */
export function deriveNotes(issue: EditableIssue): DraftNote[] {
  const notes: DraftNote[] = []
  const warned = new Set(issue.warnings.map((w) => `${w.line}\n${w.message}`))
  const tie = (n: SourceNote, kind: DraftNote['kind']): DraftNote => {
    const item = itemOfLine(issue, n.line)
    return item === undefined ? { message: n.message, kind } : { item, message: n.message, kind }
  }
  for (const w of issue.warnings) notes.push(tie(w, 'warning'))
  for (const l of issue.leftOut) if (!warned.has(`${l.line}\n${l.message}`)) notes.push(tie(l, 'left-out'))
  return notes
}
