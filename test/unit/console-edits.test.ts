// The console's edit operations, on the sample issue as the newsroom's parser reads it.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import {
  addPerson, deleteItem, forSaving, deleteParagraph, EditError, indexAfterRemoval, MIN_ZONE_SIDE, mergeItemWithNext, mergeParagraphWithNext, moveItemToPage,
  moveZone, nextInReadingOrder, readingOrder, removePerson, resizeZone, setFigure, setItemText, setParagraph, setPerson, setZone, splitParagraph,
  type EditableIssue
} from '../../newsroom/console/core/edits'
import { parseIssue } from '../../newsroom/parse-issue'

const root = path.resolve(__dirname, '..', '..')
const parsed = parseIssue(readFileSync(path.join(root, 'sample', 'issue-763.txt'), 'utf8'))

/** A fresh deep copy per test, frozen so an edit that changed its input would throw. */
function sample(): EditableIssue {
  return deepFreeze(JSON.parse(JSON.stringify(parsed)) as EditableIssue)
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    Object.values(v as Record<string, unknown>).forEach(deepFreeze)
    Object.freeze(v)
  }
  return v
}

/** Every page list names each item exactly once, on the page the item says it is on. */
function expectConsistent(issue: EditableIssue): void {
  const order = readingOrder(issue)
  expect([...order].sort((a, b) => a - b)).toEqual(issue.items.map((_, i) => i))
  issue.pages.forEach((p, pi) => p.items.forEach((i) => expect(issue.items[i].page).toBe(pi)))
  issue.items.forEach((it) => expect(it.paragraphLines).toHaveLength(it.paragraphs.length))
}

test('the sample has what these tests rely on: two 版, an article with two bylined people, a photo item', () => {
  const issue = sample()
  expect(issue.pages).toHaveLength(2)
  expect(issue.items[0].byline.length).toBe(2)
  expect(issue.items[4].kind).toBe('photo')
  expectConsistent(issue)
})

describe('headlines', () => {
  test('a corrected title replaces the old one; the input is untouched', () => {
    const issue = sample()
    const next = setItemText(issue, 1, 'title', '大手牵小手 爱心助学行动')
    expect(next.items[1].title).toBe('大手牵小手 爱心助学行动')
    expect(issue.items[1].title).toBe('大手牵小手 爱心助学行')
    expect(next.items[0]).toBe(issue.items[0])
  })

  test('an emptied kicker is removed; a title emptied while retyped stays, empty', () => {
    const issue = setItemText(sample(), 0, 'kicker', '引题')
    expect(issue.items[0].kicker).toBe('引题')
    expect('kicker' in setItemText(issue, 0, 'kicker', '  ').items[0]).toBe(false)
    expect(setItemText(issue, 0, 'title', '').items[0].title).toBe('')
  })

  test('an item that does not exist is refused', () => {
    expect(() => setItemText(sample(), 99, 'title', 'x')).toThrow('没有第 100 篇稿件')
  })
})

describe('paragraphs', () => {
  test('split at the cursor: text before stays, text after becomes the next paragraph', () => {
    const issue = sample()
    const text = issue.items[0].paragraphs[0]
    const at = text.indexOf('会议深入')
    const next = splitParagraph(issue, 0, 0, at)
    expect(next.items[0].paragraphs).toHaveLength(issue.items[0].paragraphs.length + 1)
    expect(next.items[0].paragraphs[0]).toBe(text.slice(0, at))
    expect(next.items[0].paragraphs[1]).toBe(text.slice(at))
    expect(next.items[0].paragraphs[2]).toBe(issue.items[0].paragraphs[1])
    expectConsistent(next)
  })

  test('split at either end is refused', () => {
    const issue = sample()
    expect(() => splitParagraph(issue, 0, 0, 0)).toThrow(EditError)
    expect(() => splitParagraph(issue, 0, 0, issue.items[0].paragraphs[0].length)).toThrow(EditError)
  })

  test('merge with next undoes a split, and the last paragraph has nothing to merge with', () => {
    const issue = sample()
    const at = issue.items[0].paragraphs[0].indexOf('会议深入')
    const back = mergeParagraphWithNext(splitParagraph(issue, 0, 0, at), 0, 0)
    expect(back.items[0].paragraphs).toEqual(issue.items[0].paragraphs)
    expect(back.items[0].paragraphLines).toEqual(issue.items[0].paragraphLines)
    const last = issue.items[0].paragraphs.length - 1
    expect(() => mergeParagraphWithNext(issue, 0, last)).toThrow('没有下一段')
  })

  test('Latin words keep a space when merged; Chinese runs on', () => {
    let issue = setParagraph(sample(), 1, 0, '参加 WeChat')
    issue = setParagraph(issue, 1, 1, 'Pay 活动')
    expect(mergeParagraphWithNext(issue, 1, 0).items[1].paragraphs[0]).toBe('参加 WeChat Pay 活动')
    issue = setParagraph(issue, 1, 0, '会议，')
    issue = setParagraph(issue, 1, 1, '强调')
    expect(mergeParagraphWithNext(issue, 1, 0).items[1].paragraphs[0]).toBe('会议，强调')
  })

  test('an article keeps at least one paragraph', () => {
    let issue = sample()
    while (issue.items[1].paragraphs.length > 1) issue = deleteParagraph(issue, 1, 0)
    expect(() => deleteParagraph(issue, 1, 0)).toThrow(EditError)
  })
})

describe('byline', () => {
  test('add, change and remove people', () => {
    let issue = addPerson(sample(), 1)
    expect(issue.items[1].byline.at(-1)).toEqual({ role: '记者', name: '' })
    const k = issue.items[1].byline.length - 1
    issue = setPerson(issue, 1, k, { role: '通讯员', name: '王安冉' })
    expect(issue.items[1].byline[k]).toEqual({ role: '通讯员', name: '王安冉' })
    issue = removePerson(issue, 1, 0)
    expect(issue.items[1].byline).toEqual([{ role: '通讯员', name: '王安冉' }])
    expect(() => removePerson(issue, 1, 5)).toThrow(EditError)
  })
})

describe('figures', () => {
  test('a photo item’s caption and credit are set; an empty caption is removed', () => {
    let issue = setFigure(sample(), 4, 'own', { caption: '新的图片说明', credit: { role: '摄影', name: '李明' } })
    expect(issue.items[4].figure).toMatchObject({ caption: '新的图片说明', credit: { role: '摄影', name: '李明' } })
    issue = setFigure(issue, 4, 'own', { caption: '' })
    expect(issue.items[4].figure?.caption).toBeUndefined()
    expect(issue.items[4].figure?.credit).toEqual({ role: '摄影', name: '李明' })
  })

  test('a credit being typed (role, no name yet) is kept; one with neither is removed', () => {
    let issue = setFigure(sample(), 4, 'own', { credit: { role: '摄影', name: '' } })
    expect(issue.items[4].figure?.credit).toEqual({ role: '摄影', name: '' })
    issue = setFigure(issue, 4, 'own', { credit: { role: '', name: '' } })
    expect(issue.items[4].figure?.credit).toBeUndefined()
  })

  test('an article without photos refuses a figure edit', () => {
    expect(() => setFigure(sample(), 0, 'own', { caption: 'x' })).toThrow(EditError)
    expect(() => setFigure(sample(), 0, 0, { caption: 'x' })).toThrow(EditError)
  })
})

describe('items', () => {
  test('deleting an item shifts the indexes after it on every 版', () => {
    const issue = sample()
    const next = deleteItem(issue, 2)
    expect(next.items.map((i) => i.title)).toEqual(issue.items.filter((_, i) => i !== 2).map((i) => i.title))
    expect(next.pages[0].items).toEqual([0, 1, 2, 3])
    expect(next.pages[1].items).toEqual([4, 5, 6, 7])
    expectConsistent(next)
  })

  test('notes follow their items through a removal', () => {
    expect(indexAfterRemoval(1, 2)).toBe(1)
    expect(indexAfterRemoval(2, 2)).toBeUndefined()
    expect(indexAfterRemoval(5, 2)).toBe(4)
    // merged into the item before it
    expect(indexAfterRemoval(3, 3, 2)).toBe(2)
  })

  test('merging with the next item appends its text, people and photo, and drops it', () => {
    const issue = sample()
    const next = mergeItemWithNext(issue, 3)
    const a = issue.items[3]
    const b = issue.items[4]
    expect(next.items).toHaveLength(issue.items.length - 1)
    expect(next.items[3].title).toBe(a.title)
    expect(next.items[3].paragraphs).toEqual([...a.paragraphs, ...b.paragraphs])
    expect(next.items[3].figures).toEqual([b.figure])
    expect(next.items[4].title).toBe(issue.items[5].title)
    expectConsistent(next)
  })

  test('photo keys travel with their figures through a merge, in figure order', () => {
    const issue = sample()
    const items = issue.items.map((it, i) => (i === 4 ? { ...it, photos: ['photo-4'] } : i === 5 ? { ...it, figures: [{ caption: '说明', line: 1 }], photos: [null] } : it))
    const withPhotos: EditableIssue = { ...issue, items }
    const merged = mergeItemWithNext(withPhotos, 4)
    expect(merged.items[4].figure).toEqual(issue.items[4].figure)
    expect(merged.items[4].figures).toEqual([{ caption: '说明', line: 1 }])
    expect(merged.items[4].photos).toEqual(['photo-4', null])
    // An article without figures before a photo item: the photo becomes its first figure.
    const intoArticle = mergeItemWithNext(withPhotos, 3)
    expect(intoArticle.items[3].figures).toEqual([issue.items[4].figure])
    expect(intoArticle.items[3].photos).toEqual(['photo-4'])
    expect('photos' in mergeItemWithNext(issue, 3).items[3]).toBe(false)
  })

  test('merging across 版 takes the first item of the next 版; the last item cannot merge', () => {
    const issue = sample()
    expect(nextInReadingOrder(issue, 4)).toBe(5)
    const next = mergeItemWithNext(issue, 4)
    expect(next.items[4].page).toBe(0)
    expect(next.pages[1].items).toEqual([5, 6, 7])
    expectConsistent(next)
    expect(() => mergeItemWithNext(issue, 8)).toThrow('最后一篇')
  })

  test('a shared byline person is not repeated by a merge', () => {
    const first = sample().items[1].byline[0]
    let issue = setPerson(sample(), 2, 0, first)
    issue = mergeItemWithNext(issue, 1)
    const names = issue.items[1].byline.map((p) => p.name)
    expect(names).toEqual([...new Set(names)])
  })

  test('moving an item to another 版 puts it at the end of that 版', () => {
    const issue = sample()
    const next = moveItemToPage(issue, 1, 1)
    expect(next.items[1].page).toBe(1)
    expect(next.pages[0].items).toEqual([0, 2, 3, 4])
    expect(next.pages[1].items).toEqual([5, 6, 7, 8, 1])
    expectConsistent(next)
    expect(moveItemToPage(issue, 1, 0)).toBe(issue)
    expect(() => moveItemToPage(issue, 1, 7)).toThrow(EditError)
  })

  test('the last item cannot be deleted', () => {
    let issue = sample()
    while (issue.items.length > 1) issue = deleteItem(issue, 0)
    expectConsistent(issue)
    expect(() => deleteItem(issue, 0)).toThrow(EditError)
  })
})

describe('saving', () => {
  test('people and credits without a name yet are left out of what is saved, and nothing else changes', () => {
    let issue = addPerson(sample(), 1)
    issue = setFigure(issue, 4, 'own', { credit: { role: '摄影', name: '' } })
    const saved = forSaving(issue)
    expect(saved.items[1].byline).toEqual(sample().items[1].byline)
    expect(saved.items[4].figure?.credit).toBeUndefined()
    expect(saved.items[4].figure?.caption).toBe(issue.items[4].figure?.caption)
    expect(issue.items[1].byline).toHaveLength(sample().items[1].byline.length + 1)
    expect(saved.items[0]).toBe(issue.items[0])
    const clean = sample()
    expect(forSaving(clean).items.every((it, i) => it === clean.items[i])).toBe(true)
  })
})

describe('zones', () => {
  const zone = { page: 0, x: 0.1, y: 0.2, w: 0.3, h: 0.4 }

  test('a moved zone stays whole on the page', () => {
    expect(moveZone(zone, 0.05, -0.1)).toEqual({ page: 0, x: 0.15, y: 0.1, w: 0.3, h: 0.4 })
    expect(moveZone(zone, 2, 2)).toEqual({ page: 0, x: 0.7, y: 0.6, w: 0.3, h: 0.4 })
    expect(moveZone(zone, -2, -2)).toEqual({ page: 0, x: 0, y: 0, w: 0.3, h: 0.4 })
  })

  test('a resized zone keeps a minimum size and its right and bottom edges on the page', () => {
    expect(resizeZone(zone, 0.1, 0.1)).toEqual({ page: 0, x: 0.1, y: 0.2, w: 0.4, h: 0.5 })
    expect(resizeZone(zone, -1, -1)).toEqual({ page: 0, x: 0.1, y: 0.2, w: MIN_ZONE_SIDE, h: MIN_ZONE_SIDE })
    expect(resizeZone(zone, 5, 5)).toEqual({ page: 0, x: 0.1, y: 0.2, w: 0.9, h: 0.8 })
  })

  test('fractions are rounded so a drag does not store float noise', () => {
    expect(moveZone(zone, 0.1 + 0.2 - 0.3, 1 / 3).y).toBe(0.5333)
  })

  test('setZone replaces one zone; one off the page, or a zone the item lacks, is refused', () => {
    const issue = sample()
    const withZones: EditableIssue = { ...issue, items: issue.items.map((it, i) => (i === 0 ? { ...it, zones: [zone] } : it)) }
    const next = setZone(withZones, 0, 0, moveZone(zone, 0.1, 0))
    expect(next.items[0].zones).toEqual([{ ...zone, x: 0.2 }])
    expect(() => setZone(withZones, 0, 0, { ...zone, x: 0.9 })).toThrow('超出')
    expect(() => setZone(withZones, 1, 0, zone)).toThrow(EditError)
  })
})
