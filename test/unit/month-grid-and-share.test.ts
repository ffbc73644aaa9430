import { latestMonth, monthView, neighbourIssues } from '@/core/month-grid'
import { articleShare, issueShare } from '@/core/share'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'

const issues = makeIndex([
  makeIssue('2023-09-01', { number: 766, yearNumber: 66 }),
  makeIssue('2023-08-25', { number: 765, yearNumber: 65 }),
  makeIssue('2023-08-22', { number: 763, yearNumber: 63 }),
  makeIssue('2023-06-30', { number: 750, yearNumber: 50 })
]).issues

describe('archive month view', () => {
  const view = monthView('2023-08', issues)
  test('weeks run Monday to Sunday with blanks outside the month', () => {
    // 2023-08-01 was a Tuesday; the 31st a Thursday.
    expect(view.weeks[0].map((c) => c?.day ?? null)).toEqual([null, 1, 2, 3, 4, 5, 6])
    expect(view.weeks[view.weeks.length - 1].map((c) => c?.day ?? null)).toEqual([28, 29, 30, 31, null, null, null])
    expect(view.weeks.flat().filter(Boolean).length).toBe(31)
  })
  test('days carry their issue and lunar label (month name on 初一)', () => {
    const days = view.weeks.flat().filter((c) => c !== null)
    expect(days.filter((c) => c?.issue).map((c) => [c?.date, c?.issue?.number])).toEqual([['2023-08-22', 763], ['2023-08-25', 765]])
    expect(days.find((c) => c?.day === 22)?.lunar).toBe('初七')
    expect(days.find((c) => c?.day === 16)?.lunar).toBe('七月') // 2023-08-16 is 七月初一
  })
  test('links to the nearest months with issues, skipping empty ones', () => {
    expect([view.previous, view.next]).toEqual(['2023-06', '2023-09'])
    expect(monthView('2023-09', issues).next).toBeUndefined()
    expect(monthView('2023-06', issues).previous).toBeUndefined()
    expect(monthView('2023-07', issues).weeks.flat().some((c) => c?.issue)).toBe(false)
  })
  test('February of a leap year and the latest month', () => {
    expect(monthView('2024-02', issues).weeks.flat().filter(Boolean).length).toBe(29)
    expect(latestMonth(issues, '2000-01-01')).toBe('2023-09')
    expect(latestMonth([], '2026-11-26')).toBe('2026-11')
  })
  test('neighbours are the next older and newer issue', () => {
    expect(neighbourIssues(issues, '2023-08-22')).toMatchObject({ older: { id: '2023-06-30' }, newer: { id: '2023-08-25' } })
    expect(neighbourIssues(issues, '2023-09-01').newer).toBeUndefined()
    expect(neighbourIssues(issues, 'nope')).toEqual({})
  })
})

describe('share data', () => {
  const issue = makeIssue()
  // A real photo, not the fixture's placeholder.
  issue.articles[1].figures[0] = { ...issue.articles[1].figures[0], placeholder: undefined }
  const asset = (src: string) => `https://feed.example/${src}`
  test('an article with a photo shares its title, photo and a cold-openable path', () => {
    const t = articleShare(issue, issue.articles[1], asset, '/assets/card.png')
    expect(t.chat).toEqual({ title: '生态融合 精致城市', path: '/pages/article/index?issue=2023-08-22&article=a2', imageUrl: 'https://feed.example/images/2023-08-22/a2-1.png' })
    expect(t.timeline).toEqual({ title: '生态融合 精致城市', query: 'issue=2023-08-22&article=a2', imageUrl: 'https://feed.example/images/2023-08-22/a2-1.png' })
  })
  test('an article without a photo, or with only a generated placeholder, shares the paper\'s card', () => {
    expect(articleShare(issue, issue.articles[0], asset, '/assets/card.png').chat.imageUrl).toBe('/assets/card.png')
    const placeholder = makeIssue()
    expect(articleShare(placeholder, placeholder.articles[1], asset, '/assets/card.png').chat.imageUrl).toBe('/assets/card.png')
  })
  test('an issue shares paper, number, full date and headline', () => {
    const index = makeIndex([issue])
    const t = issueShare(index.paper, index.issues[0], asset, '/assets/card.png')
    expect(t.chat.title).toBe('高新区报 第763期 2023年8月22日：以党建引领网格化服务管理')
    expect(t.chat.path).toBe('/pages/issue/index?id=2023-08-22')
    expect(t.timeline.query).toBe('id=2023-08-22')
    expect(t.chat.imageUrl).toBe('/assets/card.png')
    const withCover = makeIndex([issue])
    withCover.issues[0].cover = { src: 'images/2023-08-22/a2-1.jpg', width: 800, height: 500 }
    expect(issueShare(withCover.paper, withCover.issues[0], asset, '/assets/card.png').chat.imageUrl).toBe('https://feed.example/images/2023-08-22/a2-1.jpg')
    withCover.issues[0].cover.placeholder = 1
    expect(issueShare(withCover.paper, withCover.issues[0], asset, '/assets/card.png').chat.imageUrl).toBe('/assets/card.png')
  })
})
