import { firstCredit, formatByline, formatPhotoCredit } from '@/core/byline'
import { articleContext, articlesOnPage, readingOrder } from '@/core/issue-view'
import { articleUrl, issueUrl } from '@/core/routes'
import { makeIssue } from '../fixtures/feed-fixtures'

test('credits print as people with roles, grouped by role in order', () => {
  expect(formatByline([{ role: '记者', name: '胡碧源' }, { role: '通讯员', name: '王安冉' }])).toBe('记者 胡碧源 · 通讯员 王安冉')
  expect(formatByline([{ role: '记者', name: '张三' }, { role: '实习生', name: '王五' }, { role: '记者', name: '李四' }])).toBe('记者 张三 李四 · 实习生 王五')
  expect(formatByline([])).toBe('')
  expect(firstCredit([{ role: '记者', name: '刘菲' }])).toBe('记者 刘菲')
  expect(firstCredit([])).toBeUndefined()
  expect(formatPhotoCredit({ role: '记者', name: '杨国庆' })).toBe('记者 杨国庆 摄')
})

test('pages list their articles in printed order and reading order runs page by page', () => {
  const issue = makeIssue()
  issue.pages[0].articleIds = ['a2', 'a1']
  expect(articlesOnPage(issue, 'p1').map((a) => a.id)).toEqual(['a2', 'a1'])
  expect(articlesOnPage(issue, 'nope')).toEqual([])
  expect(readingOrder(issue).map((a) => a.id)).toEqual(['a2', 'a1', 'a3'])
})

test('an article knows its page and neighbours across page boundaries', () => {
  const issue = makeIssue()
  const mid = articleContext(issue, 'a2')
  expect([mid?.page.name, mid?.previous?.id, mid?.next?.id, mid?.position, mid?.total]).toEqual(['01版 要闻', 'a1', 'a3', 2, 3])
  expect(articleContext(issue, 'a1')?.previous).toBeUndefined()
  expect(articleContext(issue, 'a3')?.next).toBeUndefined()
  expect(articleContext(issue, 'a9')).toBeUndefined()
})

test('routes carry encoded ids', () => {
  expect(articleUrl('2023-08-22', 'a1')).toBe('/pages/article/index?issue=2023-08-22&article=a1')
  expect(issueUrl()).toBe('/pages/issue/index')
  expect(issueUrl('a b')).toBe('/pages/issue/index?id=a%20b')
})
