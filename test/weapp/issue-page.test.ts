import { bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_PAGES } from '../fixtures/sample-issue'

const titles = (page: ReturnType<typeof openPage>) => page.root.querySelectorAll('.article-item__title').map((n) => n.dom.textContent)

test('the compiled issue page lists the selected page\'s articles and opens one with its ids', async () => {
  const phone = bootApp()
  const page = openPage('pages/issue/index')
  // The issue itself, not only the index's copy of its first 版 (.issue--preview).
  await waitUntil(() => page.root.querySelectorAll('.issue').length > 0 && page.root.querySelectorAll('.issue--preview').length === 0)

  expect(pageText(page)).toContain('2023年8月22日 星期二 农历癸卯年七月初七')
  expect(page.root.querySelectorAll('.page-tabs__label').map((n) => n.dom.textContent)).toEqual(SAMPLE_PAGES.map((p) => p.name))
  expect(titles(page)).toEqual(SAMPLE_PAGES[0].titles)
  // The app asked for exactly the index and the issue, once each.
  expect(phone.requests.map((u) => u.replace(/^.*\/feed\//, ''))).toEqual(['index.json', `issues/${SAMPLE_ISSUE_ID}.json`])

  page.root.querySelectorAll('.page-tabs__tab')[1].dispatchEvent('tap')
  await waitUntil(() => titles(page)[0] === SAMPLE_PAGES[1].titles[0])
  expect(titles(page)).toEqual(SAMPLE_PAGES[1].titles)

  page.root.querySelectorAll('.article-item')[1].dispatchEvent('tap')
  await waitUntil(() => phone.navigations.length > 0)
  expect(phone.navigations).toEqual([`navigateTo /pages/article/index?issue=${SAMPLE_ISSUE_ID}&article=a7`])
})
