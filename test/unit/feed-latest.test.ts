import { currentLatest, latestOf, listedArticle, validateIndex } from '@/core/feed'
import { firstCredit, formatPhotoCredit } from '@/core/byline'
import { articlesOnPage } from '@/core/issue-view'
import { makeArticle, makeIndex, makeIssue } from '../fixtures/feed-fixtures'

test('the latest block lists the first 版 as a list shows it: lines, the byline\'s first credit, else the photo\'s, and the first photo with a file', () => {
  const issue = makeIssue('2023-08-22', {
    pages: [{ id: 'p1', name: '01版 要闻', articleIds: ['a1', 'a2', 'a4'] }, { id: 'p2', name: '02版 综合', articleIds: ['a3'] }]
  })
  // A reporter's story with a photo whose first figure has no file: credit from the byline, thumbnail from the second figure.
  issue.articles.push(makeArticle('a4', 'p1', { title: '图文', figures: [{ caption: '无图' }, { src: 'images/x/a4-2.jpg', credit: { role: '摄影', name: '李四' } }] }))
  const latest = latestOf(issue)
  expect(latest.id).toBe('2023-08-22')
  expect(latest.pages).toEqual([{ id: 'p1', name: '01版 要闻' }, { id: 'p2', name: '02版 综合' }])
  expect(latest.articles).toEqual([
    { id: 'a1', kicker: '济宁高新区', title: '以党建引领网格化服务管理', credit: { role: '记者', name: '胡碧源' } },
    { id: 'a2', title: '生态融合 精致城市', photoCredit: { role: '记者', name: '杨国庆' }, thumb: 'images/2023-08-22/a2-1.png' },
    { id: 'a4', title: '图文', credit: { role: '记者', name: '张三' }, thumb: 'images/x/a4-2.jpg' }
  ])
  // Each entry gives the list item the same credit line as the article itself does.
  const credit = (a: Parameters<typeof firstCredit>[0], f: { credit?: { role: string, name: string } }[]) => firstCredit(a) ?? (f[0]?.credit ? formatPhotoCredit(f[0].credit) : undefined)
  const fromIssue = articlesOnPage(issue, 'p1').map((a) => credit(a.byline, a.figures))
  const fromBlock = latest.articles.map((e) => listedArticle(e)).map((a) => credit(a.byline, a.figures))
  expect(fromBlock).toEqual(fromIssue)
  expect(fromBlock).toEqual(['记者 胡碧源', '记者 杨国庆 摄', '记者 张三'])
  // And the index carrying it is valid feed v1.
  expect(validateIndex({ ...makeIndex([issue]), latest }).ok).toBe(true)
})

test('a reader uses the block only while it names the newest issue listed', () => {
  const newest = makeIssue('2023-08-22')
  const older = makeIssue('2023-08-18', { number: 762, yearNumber: 62 })
  expect(currentLatest({ ...makeIndex([newest, older]), latest: latestOf(newest) })?.id).toBe('2023-08-22')
  expect(currentLatest({ ...makeIndex([newest, older]), latest: latestOf(older) })).toBeUndefined()
  expect(currentLatest(makeIndex([newest]))).toBeUndefined()
  expect(currentLatest({ ...makeIndex([]), latest: latestOf(newest) })).toBeUndefined()
})
