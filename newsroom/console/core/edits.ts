/**
 * The editor's corrections to a draft issue, as pure functions: each takes an issue and returns a new
 * one (the input is never changed), or throws {@link EditError} when the edit makes no sense, so a bad
 * click changes nothing. The console's page calls these; the server validates whatever it is sent.
 *
 * Item indexes are positions in `issue.items`; `pages[].items` holds the reading order of each 版 and
 * is kept consistent by every edit that adds, removes or moves an item.
 */
import type { Person } from '../../../src/core/feed'
import type { PageZone, ParsedFigure } from '../../parse-issue'
import type { EditableIssue, EditableItem, ItemPhotos } from './api'

export type { EditableIssue, EditableItem }

/** An edit that cannot be applied (no such item, nothing to split …); the issue is left as it was. */
export class EditError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'EditError'
  }
}

/** Text fields of an item edited in place; an emptied optional field is removed. */
export type ItemTextField = 'kicker' | 'title' | 'subtitle' | 'dateline'

/** The smallest zone side, as a fraction of the page: a zone dragged smaller could not be tapped. */
export const MIN_ZONE_SIDE = 0.02

function item(issue: EditableIssue, index: number): EditableItem {
  const it = issue.items[index]
  if (!Number.isInteger(index) || !it) throw new EditError(`没有第 ${index + 1} 篇稿件`)
  return it
}

function withItem(issue: EditableIssue, index: number, change: (it: EditableItem) => EditableItem): EditableIssue {
  const next = change(item(issue, index))
  return { ...issue, items: issue.items.map((it, i) => (i === index ? next : it)) }
}

function paragraphAt(it: EditableItem, p: number): string {
  const text = it.paragraphs[p]
  if (!Number.isInteger(p) || text === undefined) throw new EditError(`没有第 ${p + 1} 段`)
  return text
}

/** Joins two pieces of text as one paragraph: Chinese runs on without a space, Latin words keep one. */
function joinText(a: string, b: string): string {
  const left = a.trimEnd()
  const right = b.trimStart()
  if (left === '') return right
  if (right === '') return left
  return /[A-Za-z0-9]$/.test(left) && /^[A-Za-z0-9]/.test(right) ? `${left} ${right}` : left + right
}

/**
 * Sets 引题, 标题, 副题 or 电头; an emptied optional field is removed. A title may be empty for a moment
 * while the editor retypes it (the server refuses to save an issue with an untitled item and says so).
 */
export function setItemText(issue: EditableIssue, index: number, field: ItemTextField, value: string): EditableIssue {
  return withItem(issue, index, (it) => {
    const next: EditableItem = { ...it }
    if (field !== 'title' && value.trim() === '') delete next[field]
    else next[field] = value
    return next
  })
}

/** Replaces the text of paragraph `p`. */
export function setParagraph(issue: EditableIssue, index: number, p: number, value: string): EditableIssue {
  return withItem(issue, index, (it) => {
    paragraphAt(it, p)
    return { ...it, paragraphs: it.paragraphs.map((t, i) => (i === p ? value : t)) }
  })
}

/**
 * Splits paragraph `p` at character offset `at` (the cursor): the text before stays, the text after
 * becomes a new paragraph right after it. Refused when either side would be empty.
 */
export function splitParagraph(issue: EditableIssue, index: number, p: number, at: number): EditableIssue {
  return withItem(issue, index, (it) => {
    const text = paragraphAt(it, p)
    const before = text.slice(0, at).trimEnd()
    const after = text.slice(at).trimStart()
    if (!Number.isInteger(at) || before === '' || after === '') throw new EditError('光标在段首或段尾，无法拆分')
    const paragraphs = [...it.paragraphs.slice(0, p), before, after, ...it.paragraphs.slice(p + 1)]
    // The new paragraph starts on the same source line as far as anyone knows.
    const paragraphLines = [...it.paragraphLines.slice(0, p + 1), it.paragraphLines[p] ?? it.line, ...it.paragraphLines.slice(p + 1)]
    return { ...it, paragraphs, paragraphLines }
  })
}

/** Merges paragraph `p` with the one after it. */
export function mergeParagraphWithNext(issue: EditableIssue, index: number, p: number): EditableIssue {
  return withItem(issue, index, (it) => {
    const text = paragraphAt(it, p)
    if (p + 1 >= it.paragraphs.length) throw new EditError('这是最后一段，没有下一段可合并')
    const paragraphs = [...it.paragraphs.slice(0, p), joinText(text, it.paragraphs[p + 1]), ...it.paragraphs.slice(p + 2)]
    const paragraphLines = [...it.paragraphLines.slice(0, p + 1), ...it.paragraphLines.slice(p + 2)]
    return { ...it, paragraphs, paragraphLines }
  })
}

/** Deletes paragraph `p`; an article keeps at least one. */
export function deleteParagraph(issue: EditableIssue, index: number, p: number): EditableIssue {
  return withItem(issue, index, (it) => {
    paragraphAt(it, p)
    if (it.kind === 'article' && it.paragraphs.length === 1) throw new EditError('稿件至少要有一段正文')
    return { ...it, paragraphs: it.paragraphs.filter((_, i) => i !== p), paragraphLines: it.paragraphLines.filter((_, i) => i !== p) }
  })
}

/** Adds an empty person (role 记者) to the byline, for the editor to fill in. */
export function addPerson(issue: EditableIssue, index: number, person: Person = { role: '记者', name: '' }): EditableIssue {
  return withItem(issue, index, (it) => ({ ...it, byline: [...it.byline, { ...person }] }))
}

/** Changes the role or name of byline person `k`. */
export function setPerson(issue: EditableIssue, index: number, k: number, person: Person): EditableIssue {
  return withItem(issue, index, (it) => {
    if (!it.byline[k]) throw new EditError(`署名中没有第 ${k + 1} 人`)
    return { ...it, byline: it.byline.map((p, i) => (i === k ? { role: person.role, name: person.name } : p)) }
  })
}

/** Removes byline person `k`. */
export function removePerson(issue: EditableIssue, index: number, k: number): EditableIssue {
  return withItem(issue, index, (it) => {
    if (!it.byline[k]) throw new EditError(`署名中没有第 ${k + 1} 人`)
    return { ...it, byline: it.byline.filter((_, i) => i !== k) }
  })
}

/**
 * Which figure an edit is about: the photo item's own (`'own'`) or an article's printed photo `n`.
 */
export type FigureRef = 'own' | number

/**
 * Sets a figure's caption and credit; an empty caption, or a credit with neither role nor name, is
 * removed (a credit with a role and no name yet is kept while the editor types it; see {@link forSaving}).
 */
export function setFigure(issue: EditableIssue, index: number, which: FigureRef, change: { caption?: string, credit?: Person }): EditableIssue {
  const apply = (f: ParsedFigure): ParsedFigure => {
    const next: ParsedFigure = { ...f }
    if ('caption' in change) {
      if (change.caption && change.caption.trim() !== '') next.caption = change.caption
      else delete next.caption
    }
    if ('credit' in change) {
      if (change.credit && (change.credit.name.trim() !== '' || change.credit.role.trim() !== '')) next.credit = { role: change.credit.role, name: change.credit.name }
      else delete next.credit
    }
    return next
  }
  return withItem(issue, index, (it) => {
    if (which === 'own') {
      if (!it.figure) throw new EditError('这篇稿件没有图片')
      return { ...it, figure: apply(it.figure) }
    }
    const figures = it.figures ?? []
    if (!figures[which]) throw new EditError(`没有第 ${which + 1} 张图片`)
    return { ...it, figures: figures.map((f, i) => (i === which ? apply(f) : f)) }
  })
}

/** The items in reading order: 版 by 版, each 版's items in its order. */
export function readingOrder(issue: EditableIssue): number[] {
  return issue.pages.flatMap((p) => p.items)
}

/** Removes item `removed` from the issue, shifting the indexes after it in every page's list. */
function dropItem(issue: EditableIssue, removed: number): EditableIssue {
  return {
    ...issue,
    items: issue.items.filter((_, i) => i !== removed),
    pages: issue.pages.map((p) => ({ ...p, items: p.items.filter((i) => i !== removed).map((i) => (i > removed ? i - 1 : i)) }))
  }
}

/**
 * Where an item index goes after item `removed` is taken out (`undefined` for the removed item
 * itself, or `into` when it was merged into another): for remapping notes tied to items.
 */
export function indexAfterRemoval(index: number, removed: number, into?: number): number | undefined {
  if (index === removed) return into === undefined ? undefined : into > removed ? into - 1 : into
  return index > removed ? index - 1 : index
}

/** Deletes an item; the issue must keep at least one. */
export function deleteItem(issue: EditableIssue, index: number): EditableIssue {
  item(issue, index)
  if (issue.items.length === 1) throw new EditError('一期报纸至少要有一篇稿件')
  return dropItem(issue, index)
}

/** The item after `index` in reading order, if any. */
export function nextInReadingOrder(issue: EditableIssue, index: number): number | undefined {
  const order = readingOrder(issue)
  const at = order.indexOf(index)
  return at >= 0 ? order[at + 1] : undefined
}

/** The number of figures an item carries: its own (a photo item's), then those printed in its text. */
function figureCount(it: EditableItem): number {
  return (it.figure ? 1 : 0) + (it.figures?.length ?? 0)
}

/** An item's photo keys, one per figure (null where it has none), so two lists can be joined in step. */
function photosOf(it: EditableItem): ItemPhotos {
  const n = figureCount(it)
  return Array.from({ length: n }, (_, k) => it.photos?.[k] ?? null)
}

/**
 * Merges an item with the next one in reading order (an article cut in two by the recogniser, or one
 * continued on another 版): the next item's paragraphs, photos, zones and any byline person not
 * already named are appended; its headlines are dropped. The merged item stays on its own 版. Its
 * photo keys (`photos`) are joined in the same order as its figures, as the contract requires.
 */
export function mergeItemWithNext(issue: EditableIssue, index: number): EditableIssue {
  const first = item(issue, index)
  const nextIndex = nextInReadingOrder(issue, index)
  if (nextIndex === undefined) throw new EditError('这是最后一篇稿件，没有下一篇可合并')
  const second = issue.items[nextIndex]
  const names = new Set(first.byline.map((p) => `${p.role}\u0000${p.name}`))
  const merged: EditableItem = {
    ...first,
    byline: [...first.byline, ...second.byline.filter((p) => !names.has(`${p.role}\u0000${p.name}`))],
    paragraphs: [...first.paragraphs, ...second.paragraphs],
    paragraphLines: [...first.paragraphLines, ...second.paragraphLines]
  }
  const figures = [...(first.figures ?? []), ...(second.figure ? [second.figure] : []), ...(second.figures ?? [])]
  if (figures.length > 0) merged.figures = figures
  const zones = [...(first.zones ?? []), ...(second.zones ?? [])]
  if (zones.length > 0) merged.zones = zones
  const photos = [...photosOf(first), ...photosOf(second)]
  if (photos.some((k) => k !== null)) merged.photos = photos
  else delete merged.photos
  const withMerged = { ...issue, items: issue.items.map((it, i) => (i === index ? merged : it)) }
  return dropItem(withMerged, nextIndex)
}

/** Moves an item to another 版 (the end of its list); its printed zones stay where they were printed. */
export function moveItemToPage(issue: EditableIssue, index: number, page: number): EditableIssue {
  const it = item(issue, index)
  if (!Number.isInteger(page) || !issue.pages[page]) throw new EditError(`没有第 ${page + 1} 个版`)
  if (it.page === page) return issue
  return {
    ...issue,
    items: issue.items.map((x, i) => (i === index ? { ...x, page } : x)),
    pages: issue.pages.map((p, i) => ({ ...p, items: i === page ? [...p.items.filter((k) => k !== index), index] : p.items.filter((k) => k !== index) }))
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v))
/** Fractions kept to 4 decimals (0.1 px on a 1500 px page): drags should not write float noise. */
const round = (v: number) => Math.round(v * 10000) / 10000

/** A zone moved by (dx, dy) page fractions, kept whole on the page. */
export function moveZone(zone: PageZone, dx: number, dy: number): PageZone {
  return { ...zone, x: round(clamp(zone.x + dx, 0, 1 - zone.w)), y: round(clamp(zone.y + dy, 0, 1 - zone.h)) }
}

/** A zone resized from its bottom-right corner by (dw, dh), at least {@link MIN_ZONE_SIDE} and on the page. */
export function resizeZone(zone: PageZone, dw: number, dh: number): PageZone {
  return { ...zone, w: round(clamp(zone.w + dw, MIN_ZONE_SIDE, 1 - zone.x)), h: round(clamp(zone.h + dh, MIN_ZONE_SIDE, 1 - zone.y)) }
}

/** Replaces zone `z` of an item (after a move or resize). */
export function setZone(issue: EditableIssue, index: number, z: number, zone: PageZone): EditableIssue {
  return withItem(issue, index, (it) => {
    if (!it.zones?.[z]) throw new EditError(`这篇稿件没有第 ${z + 1} 个版面区域`)
    const ok = [zone.x, zone.y, zone.w, zone.h].every((v) => Number.isFinite(v) && v >= 0 && v <= 1) && zone.x + zone.w <= 1 + 1e-9 && zone.y + zone.h <= 1 + 1e-9
    if (!ok) throw new EditError('版面区域超出了版面')
    return { ...it, zones: it.zones.map((old, i) => (i === z ? { ...zone } : old)) }
  })
}

/**
 * The issue as it is sent to be saved: byline people and photo credits still without a name (a row the
 * editor has added and not filled in yet) are left out, since a saved issue names everyone it credits.
 * The editor's copy keeps them, so the row stays on screen while it is typed.
 */
export function forSaving(issue: EditableIssue): EditableIssue {
  const named = (p: Person | undefined) => p !== undefined && p.name.trim() !== ''
  const fig = (f: ParsedFigure): ParsedFigure => {
    if (!f.credit || named(f.credit)) return f
    const { credit: _unnamed, ...rest } = f
    return rest
  }
  return {
    ...issue,
    items: issue.items.map((it) => {
      const blank = it.byline.some((p) => !named(p)) || (it.figure?.credit && !named(it.figure.credit)) || it.figures?.some((f) => f.credit && !named(f.credit))
      if (!blank) return it
      return {
        ...it,
        byline: it.byline.filter(named),
        ...(it.figure ? { figure: fig(it.figure) } : {}),
        ...(it.figures ? { figures: it.figures.map(fig) } : {})
      }
    })
  }
}
