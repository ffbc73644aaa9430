import { highlight, queryTerms, searchIssues } from '@/core/search'
import { makeArticle, makeIssue } from '../fixtures/feed-fixtures'

const older = makeIssue('2023-08-18', {
  articles: [
    makeArticle('a1', 'p1', { title: '网格化服务再推进', paragraphs: ['本期网格员培训。'] }),
    makeArticle('a2', 'p1', { title: '科普夏令营', paragraphs: ['通过PPT演说展示网格工作。'] }),
    makeArticle('a3', 'p2', { title: '其他', paragraphs: ['无关内容。'] })
  ]
})
const newer = makeIssue()

test('query words: split on spaces (also full-width), folded, deduplicated, bounded', () => {
  expect(queryTerms('  网格　ＰＰＴ  网格 ')).toEqual(['网格', 'ppt'])
  expect(queryTerms('')).toEqual([])
  expect(queryTerms('字'.repeat(200))[0].length).toBe(50)
})

test('finds words in titles and text, titles first, then newer issues', () => {
  const hits = searchIssues([older, newer], '网格')
  expect(hits.map((h) => `${h.date}/${h.articleId}`)).toEqual(['2023-08-22/a1', '2023-08-18/a1', '2023-08-18/a2'])
  expect(hits[0].pageName).toBe('01版 要闻')
})

test('every word must occur; Latin matches ignore case and width', () => {
  expect(searchIssues([older], '网格 ppt').map((h) => h.articleId)).toEqual(['a2'])
  expect(searchIssues([older], 'ＰＰＴ').map((h) => h.articleId)).toEqual(['a2'])
  expect(searchIssues([older], '网格 不存在')).toEqual([])
})

test('photo captions are searchable', () => {
  expect(searchIssues([newer], '图片说明').map((h) => h.articleId)).toEqual(['a2'])
})

test('matches are marked in the title and in a snippet of the text', () => {
  const [hit] = searchIssues([older], 'ppt')
  expect(hit.title).toEqual([{ text: '科普夏令营', hit: false }])
  expect(hit.snippet).toEqual([{ text: '通过', hit: false }, { text: 'PPT', hit: true }, { text: '演说展示网格工作。', hit: false }])
  expect(highlight('网格化网格', ['网格'])).toEqual([{ text: '网格', hit: true }, { text: '化', hit: false }, { text: '网格', hit: true }])
})

test('long text gets a bounded snippet around the first match', () => {
  const long = makeIssue('2023-09-01', { articles: [makeArticle('a1', 'p1', { paragraphs: ['甲'.repeat(500) + '目标词' + '乙'.repeat(500)] }), ...makeIssue().articles.slice(1)] })
  const [hit] = searchIssues([long], '目标词')
  const text = hit.snippet.map((s) => s.text).join('')
  expect(text.length).toBeLessThan(120)
  expect(text.startsWith('…') && text.endsWith('…')).toBe(true)
})
