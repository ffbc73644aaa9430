import { FIRST_SCREEN_MAX_CHARS, FIRST_SCREEN_MAX_ITEMS, firstScreenOf, serializeFirstScreen } from '@/core/first-screen'
import { makeArticle, makeIndex, makeIssue } from '../fixtures/feed-fixtures'

test('the first screen is the masthead, every 版 name and the first 版\'s headlines, in printed order', () => {
  const issue = makeIssue()
  // Printed order is the page's order, not the ids'.
  issue.pages[0].articleIds = ['a2', 'a1']
  const screen = firstScreenOf(makeIndex([issue]), issue, 3)
  expect(screen).toEqual({
    v: 1,
    issueId: '2023-08-22',
    paper: '高新区报',
    numbers: '总第763期 2023年第63期',
    date: '2023年8月22日 星期二 农历癸卯年七月初七',
    pages: ['01版 要闻', '02版 综合'],
    items: [{ title: '生态融合 精致城市' }, { kicker: '济宁高新区', title: '以党建引领网格化服务管理' }],
    textSize: 3
  })
})

test('a long first 版 is cut to what a screen holds, and a snapshot too large to read at every start is not kept', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `a${i + 1}`)
  // Every field at the format's limits: 200-character titles, kickers and subtitles, 64 版 of 40 characters.
  const issue = makeIssue('2023-08-22', {
    pages: [{ id: 'p1', name: '版'.repeat(40), articleIds: ids }, ...Array.from({ length: 63 }, (_, i) => ({ id: `p${i + 2}`, name: '版'.repeat(40), articleIds: [] }))],
    articles: ids.map((id) => makeArticle(id, 'p1', { kicker: '引'.repeat(200), title: `${id}${'标'.repeat(190)}`, subtitle: '副'.repeat(200) }))
  })
  const screen = firstScreenOf(makeIndex([issue]), issue, 3)
  expect(screen.items.map((i) => i.title.slice(0, 3))).toEqual(ids.slice(0, FIRST_SCREEN_MAX_ITEMS).map((id) => `${id}标`.slice(0, 3)))
  expect(JSON.stringify(screen).length).toBeGreaterThan(FIRST_SCREEN_MAX_CHARS)
  expect(serializeFirstScreen(screen)).toBeUndefined()
  const small = firstScreenOf(makeIndex(), makeIssue(), 2)
  expect(JSON.parse(serializeFirstScreen(small) as string)).toEqual(small)
})
