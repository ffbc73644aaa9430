import { boundAttribute, bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_LEAD, SAMPLE_PAGES } from '../fixtures/sample-issue'

const titles = (page: ReturnType<typeof openPage>) => page.root.querySelectorAll('.article-item__title').map((n) => n.dom.textContent)
/** The list as shown: each item's text (kicker, title, subtitle, credit), and the thumbnails' images. */
const items = (page: ReturnType<typeof openPage>) => ({
  texts: page.root.querySelectorAll('.article-item').map((n) => n.dom.textContent),
  thumbs: page.root.querySelectorAll('.article-item__thumb').length,
  thumb: boundAttribute(page, 'article-item__thumb', 'src')
})
const previewShown = (page: ReturnType<typeof openPage>) => page.root.querySelectorAll('.issue--preview').length > 0

test('a first launch lists the latest issue\'s first 版 from the index alone, as the issue will list it; the issue file then takes over with nothing moved', async () => {
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
  expect(previewShown(page)).toBe(true)
  expect(phone.answered.map((u) => u.replace(/^.*\/feed\//, ''))).toEqual(['index.json'])
  const fromIndex = items(page)
  expect(fromIndex.texts[0]).toContain('记者 胡碧源')
  expect(fromIndex.texts.some((t) => t?.endsWith('记者 杨国庆 摄'))).toBe(true)
  expect(fromIndex.thumbs).toBe(1)
  expect(String(fromIndex.thumb)).toMatch(/\/feed\/images\/2023-08-22\/a5-1-[0-9a-f]+\.jpg$/)

  // An article opens from this list with its ids, as from the full one.
  page.root.querySelectorAll('.article-item')[0].dispatchEvent('tap')
  await waitUntil(() => phone.navigations.length > 0)
  expect(phone.navigations).toEqual([`navigateTo /pages/article/index?issue=${SAMPLE_ISSUE_ID}&article=${SAMPLE_LEAD.id}`])

  release()
  await waitUntil(() => !previewShown(page))
  expect(titles(page)).toEqual(SAMPLE_PAGES[0].titles)
  expect(items(page)).toEqual(fromIndex)
  expect(phone.requests.map((u) => u.replace(/^.*\/feed\//, ''))).toEqual(['index.json', `issues/${SAMPLE_ISSUE_ID}.json`])
})
