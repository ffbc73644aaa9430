// The sample issue (763, 2023-08-22) against a reading of the seed cleaned by hand, line by line.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { validateIssue } from '@/core/feed'
import { buildIssue, summarise } from '../../newsroom/feed-model'
import { parseIssue, type ParsedIssue } from '../../newsroom/parse-issue'
import { readNote } from '../../newsroom/editor-notes'

const root = path.resolve(__dirname, '../..')
const seed = readFileSync(path.join(root, 'sample/seed-issue-763.txt'), 'utf8')
const source = readFileSync(path.join(root, 'sample/issue-763.txt'), 'utf8')
const expected = JSON.parse(readFileSync(path.join(root, 'test/fixtures/newsroom/issue-763-expected.json'), 'utf8'))

let parsed: ParsedIssue
beforeAll(() => {
  parsed = parseIssue(source)
})

test('sample/issue-763.txt is the seed plus page marker lines only', () => {
  const markers = source.split('\n').filter((l) => /^\d{2}版 /.test(l))
  expect(markers).toEqual(['01版 要闻', '02版 综合'])
  const withoutMarkers = source.split('\n').filter((l) => !/^\d{2}版 /.test(l)).join('\n')
  expect(withoutMarkers).toBe(seed)
})

test('masthead values', () => {
  const m = parsed.masthead
  expect(m.publisher).toBe(expected.masthead.publisher)
  expect(m.hotline).toBe('0537-6557731')
  expect(parsed.date).toBe('2023-08-22')
  expect(parsed.number).toBe(763)
  expect(parsed.yearNumber).toBe(63)
  expect(m.slogan).toBe('活力・魅力・热点・焦点')
  expect(m.paperName).toBe('高新区报')
  expect(m.site).toBe('http://www.jnhn.gov.cn/')
  expect(m.weekday).toBe('二')
  expect(m.lunar).toBe('癸卯年七月初七')
})

test('nine items on two pages: a1–a5 on 01版 要闻, a6–a9 on 02版 综合', () => {
  const issue = buildIssue(parsed)
  expect(issue.pages).toEqual(expected.pages)
  expect(issue.articles.map((a) => a.pageId)).toEqual(['p1', 'p1', 'p1', 'p1', 'p1', 'p2', 'p2', 'p2', 'p2'])
  expect(validateIssue(issue).ok).toBe(true)
})

interface ExpectedArticle {
  id: string
  kicker?: string
  title: string
  subtitle?: string
  dateline?: string
  byline: unknown[]
  paragraphs: string[]
  figure?: { caption: string, credit: unknown }
}
const expectedArticles: ExpectedArticle[] = expected.articles

describe.each(expectedArticles)('$id', (e) => {
  const id = e.id
  const article = () => buildIssue(parsed).articles.find((a) => a.id === id)

  test('headline lines, dateline and byline', () => {
    const a = article()
    expect(a?.kicker).toBe(e.kicker)
    expect(a?.title).toBe(e.title)
    expect(a?.subtitle).toBe(e.subtitle)
    expect(a?.dateline).toBe(e.dateline)
    expect(a?.byline).toEqual(e.byline)
  })

  test('every paragraph as printed', () => {
    const a = article()
    expect(a?.paragraphs).toHaveLength(e.paragraphs.length)
    e.paragraphs.forEach((p, i) => expect(a?.paragraphs[i]).toBe(p))
  })

  if (e.figure) {
    test('the figure carries caption and credit, and no image without --images', () => {
      const f = article()?.figures
      expect(f).toEqual([{ caption: e.figure?.caption, credit: e.figure?.credit }])
    })
  } else {
    test('has no figure', () => expect(article()?.figures).toEqual([]))
  }
})

test('headline of the index is the lead story; no cover without an image', () => {
  const s = summarise(buildIssue(parsed))
  expect(s.headline).toBe('以党建引领网格化服务管理')
  expect(s.cover).toBeUndefined()
  expect([s.pageCount, s.articleCount, s.path]).toEqual([2, 9, 'issues/2023-08-22.json'])
})

test('each paragraph cut short where a column ended is reported, with its line', () => {
  const cuts = parsed.warnings.filter((w) => w.message.startsWith('段落在句子中间结束'))
  expect(cuts).toHaveLength(expected.cutParagraphs.length)
  expected.cutParagraphs.forEach((tail: string, i: number) => expect(cuts[i].message).toContain(tail))
  expect(cuts.map((w) => readNote(w.message))).toEqual(cuts.map((w) => ({ kind: 'cut-paragraph', tail: w.message.split('…').pop() })))
  // The seed lines of the five cuts, shifted by the one marker line above them (two for page 2).
  expect(cuts.map((w) => w.line)).toEqual([38, 46, 103, 115, 119])
})

test('no weekday or lunar warning for a masthead that agrees with its date', () => {
  expect(parsed.warnings.filter((w) => /与日期.*不符/.test(w.message))).toEqual([])
})

test('the one space kept between ideographs is the printed gap in “大手牵小手 爱心助学行”, and it is reported', () => {
  const kept = parsed.warnings.filter((w) => w.message.startsWith('两个汉字之间保留了一个空格'))
  expect(kept).toHaveLength(1)
  expect(kept[0].message).toContain('大手牵小手 爱心助学行')
})

const TO_ASCII: Record<string, string> = { '，': ',', '：': ':', '；': ';', '（': '(', '）': ')', '“': '"', '”': '"', '！': '!', '？': '?' }
const normalise = (s: string) => [...s.replace(/\s+/g, '')].map((c) => TO_ASCII[c] ?? c).join('')

function credits(people: Array<{ role: string, name: string }>): string {
  let out = ''
  let role: string | undefined
  for (const p of people) {
    if (p.role !== role) out += p.role
    role = p.role
    out += p.name
  }
  return out
}

test('character conservation: nothing dropped, reordered or rewritten', () => {
  const issue = buildIssue(parsed)
  const skip = new Set([...parsed.masthead.lines, ...parsed.leftOut.map((n) => n.line)])
  const sourceText = source.split('\n').filter((l, i) => !skip.has(i + 1) && !/^\d{2}版 /.test(l)).join('')
  const output = issue.articles.map((a) => {
    const f = a.figures[0]
    if (f) return `${f.caption ?? ''}${a.title}■${f.credit ? credits([f.credit]) : ''}摄`
    return `${a.kicker ?? ''}${a.title}${a.subtitle ?? ''}${a.dateline ?? ''}(${credits(a.byline)})${a.paragraphs.join('')}`
  }).join('')
  expect(normalise(output)).toBe(normalise(sourceText))
  // Guard against a vacuous pass: the comparison covers the whole body text.
  expect(normalise(output).length).toBeGreaterThan(5500)
})

test('printed typos are kept as printed', () => {
  const text = buildIssue(parsed).articles.flatMap((a) => a.paragraphs).join('')
  expect(text).toContain('关丁委')
  expect(text).toContain('人党誓词')
})
