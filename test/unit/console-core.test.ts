// The console's pure core: a published issue opened for correction, the editor's notes, the check of an
// edited issue, and the draft turned into the publisher's input.
import fs from 'node:fs'
import path from 'node:path'
import type { Issue } from '@/core/feed'
import type { EditableIssue } from '../../newsroom/console/core/api'
import { deriveNotes, dropResolvedWarnings, itemOfLine } from '../../newsroom/console/core/draft-notes'
import { editableFromFeed } from '../../newsroom/console/core/from-feed'
import { toPublishInput } from '../../newsroom/console/core/publish-input'
import { readEditableIssue } from '../../newsroom/console/core/validate-draft'
import { readBuildFiles } from '../../newsroom/feed-folder'
import { encodeGreyPng } from '../../newsroom/placeholder-png'
import { photoKey, planPublish, publishIssue } from '../../newsroom/publish'
import { tmpDirEachTest } from '../support/feed-command'

const root = path.resolve(__dirname, '../..')
const SAMPLE = path.join(root, 'sample/issue-763.txt')
const tmp = tmpDirEachTest('console-core-')
const sample = (): EditableIssue => readBuildFiles({ source: SAMPLE }).parsed as EditableIssue
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
const photo = (shade: number) => new Uint8Array(encodeGreyPng(8, 6, new Uint8Array(48).fill(shade)))

describe('a published issue opened as a draft', () => {
  test('publishes again with every article id, text, zone and photo as it was', async () => {
    const feed = path.join(tmp(), 'feed')
    const parsed = sample()
    const photoItem = parsed.items.findIndex((it) => it.kind === 'photo')
    await publishIssue(feed, { parsed, photos: { [photoKey(photoItem, 1)]: photo(90) } })
    const published = JSON.parse(fs.readFileSync(path.join(feed, 'issues/2023-08-22.json'), 'utf8')) as Issue

    const opened = editableFromFeed(published, { name: '高新区报' })
    expect(opened.issue.items).toHaveLength(published.articles.length)
    expect(opened.figureSources[photoItem]).toEqual([published.articles[photoItem].figures[0].src])
    expect(opened.figureSources.filter((_s, i) => i !== photoItem).flat()).toEqual([])

    const plan = planPublish(feed, { parsed: opened.issue })
    expect(plan.replaces?.id).toBe('2023-08-22')
    expect(plan.issue).toEqual(published)
    expect(plan.ids.retired ?? []).toEqual([])
  })

  test('zones come back on the pages they were published on', () => {
    const issue: Issue = {
      version: 1, id: '2023-08-22', date: '2023-08-22', number: 763, yearNumber: 63,
      pages: [{ id: 'p1', name: '01版 要闻', articleIds: ['a2'] }, { id: 'p2', name: '02版 综合', articleIds: ['a1'] }],
      articles: [
        { id: 'a1', pageId: 'p2', title: '乙', byline: [], paragraphs: ['正文。'], figures: [], zones: [{ pageId: 'p2', x: 0.1, y: 0.2, w: 0.3, h: 0.4 }] },
        { id: 'a2', pageId: 'p1', title: '甲', byline: [], paragraphs: ['正文。'], figures: [{ caption: '图', placeholder: 1, src: 'images/x.png', width: 1, height: 1 }] }
      ]
    }
    const { issue: e, figureSources } = editableFromFeed(issue)
    expect(e.items[0]).toMatchObject({ page: 1, zones: [{ page: 1, x: 0.1, y: 0.2, w: 0.3, h: 0.4 }] })
    expect(e.pages.map((p) => p.items)).toEqual([[1], [0]])
    // A placeholder is no photo: the publisher keeps it as published.
    expect(figureSources[1]).toEqual([null])
    expect(e.items[1].figures).toEqual([{ line: e.items[1].line + 2, caption: '图' }])
  })
})

describe('notes', () => {
  test('tie each warning to the item whose lines it concerns, and left-out lines to none', () => {
    const issue = sample()
    const notes = deriveNotes(issue)
    expect(notes.filter((n) => n.kind === 'warning')).toHaveLength(issue.warnings.length)
    for (const n of notes.filter((x) => x.kind === 'warning')) expect(n.item).toBeDefined()
    const furniture = notes.find((n) => n.kind === 'left-out')
    expect(furniture).toEqual({ kind: 'left-out', message: '版面信息（页码、责任编辑、网址等）：http://www.jnhn.gov.cn/' })
    // The masthead is before every item.
    expect(itemOfLine(issue, 1)).toBeUndefined()
  })

  test('follow their item when items move, and a corrected cut sentence loses its warning', () => {
    const issue = sample()
    const cut = issue.warnings.find((w) => w.message.includes('秀大学生志愿者代表作了交'))!
    const owner = itemOfLine(issue, cut.line)!
    // Delete the first item: the owner moves up one place and its note with it.
    const moved = clone(issue)
    moved.items.splice(0, 1)
    expect(itemOfLine(moved, cut.line)).toBe(owner - 1)

    const fixed = clone(issue)
    const k = fixed.items[owner].paragraphs.findIndex((p) => p.endsWith('秀大学生志愿者代表作了交'))
    expect(dropResolvedWarnings(fixed).warnings).toContainEqual(cut)
    fixed.items[owner].paragraphs[k] += '流发言。'
    const after = dropResolvedWarnings(fixed)
    expect(after.warnings).not.toContainEqual(cut)
    expect(after.warnings).toHaveLength(issue.warnings.length - 1)
  })
})

describe('an edited issue sent back', () => {
  const base = (i: EditableIssue) => ({ masthead: i.masthead, warnings: i.warnings, leftOut: i.leftOut })

  test('is accepted as sent, with the server\'s masthead and warnings', () => {
    const issue = sample()
    const sent = clone(issue) as unknown as Record<string, unknown>
    sent.warnings = []
    sent.masthead = { lines: [] }
    const r = readEditableIssue(sent, base(issue), new Set())
    expect(r.ok && r.issue).toEqual(issue)
  })

  test('is refused, saying where, when pages and items disagree, a title is empty or a photo is unknown', () => {
    const issue = sample()
    const sent = clone(issue)
    sent.items[2].page = 1
    sent.items[3].title = '  '
    sent.items[4].photos = ['nope.jpg']
    const r = readEditableIssue(sent, base(issue), new Set(['photo-1.jpg']))
    expect(r.ok).toBe(false)
    const paths = r.ok ? [] : r.problems.map((p) => p.path)
    expect(paths).toEqual(expect.arrayContaining(['/items/3/title', '/items/4/photos/0', '/pages/0/items']))
  })

  test('is refused when what it would publish breaks the feed format', () => {
    const issue = sample()
    const sent = clone(issue)
    sent.items[0].title = '长'.repeat(201)
    const r = readEditableIssue(sent, base(issue), new Set())
    expect(r.ok ? [] : r.problems.map((p) => p.path)).toEqual(['/items/0/title'])
  })

  test('has paragraph lines made as many as its paragraphs when the page did not keep them in step', () => {
    const issue = sample()
    const lines = issue.items[0].paragraphLines
    const split = clone(issue)
    const [a, b] = [split.items[0].paragraphs[0].slice(0, 10), split.items[0].paragraphs[0].slice(10)]
    split.items[0].paragraphs.splice(0, 1, a, b)
    const r1 = readEditableIssue(split, base(issue), new Set())
    expect(r1.ok && r1.issue.items[0].paragraphLines).toEqual([...lines, lines[lines.length - 1]])
    const merged = clone(issue)
    merged.items[0].paragraphs.splice(0, 2, merged.items[0].paragraphs[0] + merged.items[0].paragraphs[1])
    const r2 = readEditableIssue(merged, base(issue), new Set())
    expect(r2.ok && r2.issue.items[0].paragraphLines).toEqual(lines.slice(0, -1))
  })
})

test('photos follow their item into the publisher\'s keys after items are reordered', () => {
  const issue = sample()
  const photoItem = issue.items.findIndex((it) => it.kind === 'photo')
  issue.items[photoItem].photos = ['photo-1.jpg']
  // Move the photo item to the front of the issue (and of its page).
  const [it] = issue.items.splice(photoItem, 1)
  issue.items.unshift(it)
  const bytes = photo(30)
  const input = toPublishInput(issue, { photo: (k) => (k === 'photo-1.jpg' ? bytes : undefined) })
  expect(Object.keys(input.photos ?? {})).toEqual([photoKey(0, 1)])
  expect(input.photos?.[photoKey(0, 1)]).toBe(bytes)
  expect(input.parsed.items[0]).not.toHaveProperty('photos')
  expect(() => toPublishInput({ ...issue, items: [{ ...issue.items[0], photos: ['gone.jpg'] }] }, { photo: () => undefined })).toThrow(/gone\.jpg/)
})
