import { bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_LEAD, SAMPLE_PAGES } from '../fixtures/sample-issue'

const titles = (page: ReturnType<typeof openPage>) => page.root.querySelectorAll('.article-item__title').map((n) => n.dom.textContent)

test('a first launch lists the latest issue\'s first 版 from the index alone; the issue file then fills in credits and photos', async () => {
  const phone = bootApp()
  // The issue file answers only when the test lets it: everything shown before comes from index.json.
  let release: () => void = () => {}
  phone.held.push({ pattern: /\/feed\/issues\//, until: new Promise<void>((r) => { release = r }) })
  const page = openPage('pages/issue/index')
  await waitUntil(() => titles(page).length > 0)

  expect(titles(page)).toEqual(SAMPLE_PAGES[0].titles)
  expect(pageText(page)).toContain('总第763期')
  expect(pageText(page)).toContain('2023年8月22日 星期二 农历癸卯年七月初七')
  expect(page.root.querySelectorAll('.page-tabs__label').map((n) => n.dom.textContent)).toEqual(SAMPLE_PAGES.map((p) => p.name))
  // Only the index has been answered; the issue was asked for alongside but is still held.
  expect(page.root.querySelectorAll('.article-item__credit')).toHaveLength(0)

  // An article opens from this list with its ids, as from the full one.
  page.root.querySelectorAll('.article-item')[0].dispatchEvent('tap')
  await waitUntil(() => phone.navigations.length > 0)
  expect(phone.navigations).toEqual([`navigateTo /pages/article/index?issue=${SAMPLE_ISSUE_ID}&article=${SAMPLE_LEAD.id}`])

  release()
  await waitUntil(() => page.root.querySelectorAll('.article-item__credit').length > 0)
  expect(titles(page)).toEqual(SAMPLE_PAGES[0].titles)
  expect(phone.requests.map((u) => u.replace(/^.*\/feed\//, ''))).toEqual(['index.json', `issues/${SAMPLE_ISSUE_ID}.json`])
})
