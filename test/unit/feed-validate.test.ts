import { validateIndex, validateIssue, isCalendarDate, describeProblems, latestOf, type FeedIndex, type Issue } from '@/core/feed'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'

function issueWith(mutate: (i: Issue) => void): unknown {
  const issue = structuredClone(makeIssue())
  mutate(issue)
  return issue
}

function problemsOf(value: unknown): string {
  const r = validateIssue(value)
  return r.ok ? '' : describeProblems(r.problems, 10)
}

describe('calendar dates', () => {
  test.each([['2023-08-22', true], ['2024-02-29', true], ['2023-02-29', false], ['2023-02-30', false], ['2023-13-01', false], ['2023-8-22', false], ['', false]])('%s → %s', (s, ok) => {
    expect(isCalendarDate(s)).toBe(ok)
  })
})

describe('issue validation', () => {
  test('accepts a well-formed issue and returns it unchanged', () => {
    const issue = makeIssue()
    const r = validateIssue(issue)
    expect(r.ok && r.value).toBe(issue)
  })

  test('extra fields are allowed: the format may grow', () => {
    expect(validateIssue({ ...makeIssue(), editorNote: 'x' }).ok).toBe(true)
  })

  test.each<[string, (i: Issue) => void, string]>([
    ['wrong version', (i) => { (i as { version: number }).version = 2 }, '/version must be 1'],
    ['missing title', (i) => { delete (i.articles[0] as Partial<Issue['articles'][0]>).title }, '/articles/0/title is required'],
    ['title not a string', (i) => { (i.articles[0] as unknown as { title: number }).title = 5 }, '/articles/0/title expected a string, got number'],
    ['empty title', (i) => { i.articles[0].title = '' }, '/articles/0/title must not be empty'],
    ['impossible date', (i) => { i.date = '2023-02-30' }, '/date is not a calendar date'],
    ['unsafe id', (i) => { i.articles[0].id = '../etc' }, '/articles/0/id is not an id'],
    ['javascript: image', (i) => { i.articles[1].figures[0].src = 'javascript:alert(1)' }, '/articles/1/figures/0/src is not a relative path or an https URL'],
    ['http image', (i) => { i.articles[1].figures[0].src = 'http://example.com/a.png' }, '/articles/1/figures/0/src is not a relative path or an https URL'],
    ['path escaping the feed', (i) => { i.articles[1].figures[0].src = 'images/../../secret.png' }, '/articles/1/figures/0/src is not a relative path'],
    ['paragraph too long', (i) => { i.articles[0].paragraphs = ['字'.repeat(20001)] }, '/articles/0/paragraphs/0 longer than 20000 characters'],
    ['no pages', (i) => { i.pages = [] }, '/pages needs at least 1 item'],
    ['duplicate article', (i) => { i.articles.push({ ...i.articles[0] }) }, 'duplicate article id a1'],
    ['article on no page', (i) => { i.pages[0].articleIds = ['a2'] }, 'article a1 is on no page'],
    ['page lists unknown article', (i) => { i.pages[1].articleIds.push('zz') }, 'page lists unknown article zz'],
    ['article on the wrong page', (i) => { i.articles[2].pageId = 'p1' }, 'article a3 is listed on page p2, not p1']
  ])('rejects %s', (_name, mutate, expected) => {
    expect(problemsOf(issueWith(mutate))).toContain(expected)
  })

  test('rejects non-objects with a clear message', () => {
    expect(problemsOf(null)).toBe('/ expected an object, got null')
    expect(problemsOf([])).toBe('/ expected an object, got an array')
  })

  test('reports at most a bounded number of problems for huge garbage', () => {
    const garbage = { ...makeIssue(), articles: Array.from({ length: 400 }, () => ({})) }
    const r = validateIssue(garbage)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.problems.length).toBeLessThanOrEqual(50)
  })
})

describe('index validation', () => {
  const older = makeIssue('2023-08-18', { number: 762, yearNumber: 62 })
  test('accepts issues newest first', () => {
    expect(validateIndex(makeIndex([makeIssue(), older])).ok).toBe(true)
  })
  test('rejects issues oldest first', () => {
    const r = validateIndex(makeIndex([older, makeIssue()]))
    expect(r.ok ? '' : describeProblems(r.problems)).toContain('newest first')
  })
  test('rejects a path that does not match the id', () => {
    const index = makeIndex()
    index.issues[0].path = 'issues/other.json'
    const r = validateIndex(index)
    expect(r.ok ? '' : describeProblems(r.problems)).toBe('/issues/0/path must be issues/2023-08-22.json')
  })
  test('accepts an index with and without latest', () => {
    const index = makeIndex()
    expect(validateIndex(index).ok).toBe(true)
    const withLatest = { ...index, latest: latestOf(makeIssue()) }
    expect(withLatest.latest.articles.map((a) => a.title)).toEqual(['以党建引领网格化服务管理', '生态融合 精致城市'])
    const r = validateIndex(withLatest)
    expect(r.ok && r.value).toBe(withLatest)
  })
  test.each<[string, (latest: NonNullable<FeedIndex['latest']>) => void, string]>([
    ['no pages', (l) => { l.pages = [] }, '/latest/pages needs at least 1 item'],
    ['a page without a name', (l) => { delete (l.pages[0] as Partial<{ name: string }>).name }, '/latest/pages/0/name is required'],
    ['an unsafe article id', (l) => { l.articles[0].id = '../a1' }, '/latest/articles/0/id is not an id'],
    ['an empty title', (l) => { l.articles[1].title = '' }, '/latest/articles/1/title must not be empty'],
    ['articles not an array', (l) => { (l as unknown as { articles: unknown }).articles = {} }, '/latest/articles expected an array'],
    ['a credit without a name', (l) => { delete (l.articles[0].credit as Partial<{ name: string }>).name }, '/latest/articles/0/credit/name is required'],
    ['a thumbnail outside the feed', (l) => { l.articles[1].thumb = 'javascript:alert(1)' }, '/latest/articles/1/thumb']
  ])('rejects a latest block with %s', (_name, mutate, expected) => {
    const latest = structuredClone(latestOf(makeIssue()))
    mutate(latest)
    const r = validateIndex({ ...makeIndex(), latest })
    expect(r.ok ? '' : describeProblems(r.problems)).toContain(expected)
  })
  test('rejects a bad updatedAt and duplicate ids', () => {
    const index = makeIndex([makeIssue(), makeIssue()])
    index.updatedAt = 'yesterday'
    const r = validateIndex(index)
    expect(r.ok).toBe(false)
    expect(r.ok ? '' : describeProblems(r.problems)).toContain('/updatedAt is not an ISO 8601 timestamp')
  })
})
