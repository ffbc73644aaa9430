import { boundAttribute, bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_PAGES } from '../fixtures/sample-issue'

// Taro's weapp templates carry no aria-* attributes (docs/footguns.md), so zones are told apart by
// their place in reading order here; the H5 end-to-end test checks their labels.
const zones = (page: ReturnType<typeof openPage>) => page.root.querySelectorAll('.page-view__zone')
const litIndex = (page: ReturnType<typeof openPage>) => zones(page).findIndex((n) => n.dom.className.includes('page-view__zone--lit'))

// Cold start from a shared link to the second 版 (or 在版面中查看 on 推动… 's neighbour a7).
test('a link to a 版 opens cold on that page as printed, with every zone, the linked one lit, and a tap opens the article', async () => {
  const phone = bootApp()
  const page = openPage('pages/issue/index', { id: SAMPLE_ISSUE_ID, page: 'p2', view: 'page', zone: 'a7' })
  await waitUntil(() => page.root.querySelectorAll('.page-view__zone').length > 0)

  // Each of the 版's articles has its zone; the linked one (a7, the second) is lit.
  expect(zones(page)).toHaveLength(SAMPLE_PAGES[1].titles.length)
  expect(litIndex(page)).toBe(1)
  expect(zones(page)[0].dom.getAttribute('style')).toMatch(/left: ?4\.55%/)
  // The second 版's own image (the phone-size rendition), and the tab for it selected.
  expect(page.root.querySelectorAll('.page-view__image')).toHaveLength(1)
  expect(String(boundAttribute(page, 'page-view__image', 'src'))).toMatch(new RegExp(`feed/images/${SAMPLE_ISSUE_ID}/page-p2-thumb-[0-9a-f]+\\.jpg$`))
  expect(page.root.querySelector('.page-tabs__tab--selected')?.dom.textContent).toBe(SAMPLE_PAGES[1].name)
  // The 目录 stays for screen readers.
  expect(page.root.querySelectorAll('.article-item__title').map((n) => n.dom.textContent)).toEqual(SAMPLE_PAGES[1].titles)

  // Sharing from here shares this 版.
  const share = page.instance.onShareAppMessage({ from: 'menu' }) as { title: string, path: string }
  expect(share.path).toBe(`/pages/issue/index?id=${SAMPLE_ISSUE_ID}&page=p2&view=page`)
  expect(share.title).toContain(SAMPLE_PAGES[1].name)

  // A tap on 确保大走访… lights its zone, then opens it.
  page.root.querySelectorAll('.page-view__zone')[2].dispatchEvent('tap')
  await waitUntil(() => litIndex(page) === 2)
  expect(phone.navigations).toEqual([])
  await waitUntil(() => phone.navigations.length > 0)
  expect(phone.navigations).toEqual([`navigateTo /pages/article/index?issue=${SAMPLE_ISSUE_ID}&article=a8`])

  // Switching to 目录 is remembered.
  page.root.querySelectorAll('.view-switch__option')[1].dispatchEvent('tap')
  await waitUntil(() => page.root.querySelectorAll('.page-view__zone').length === 0)
  expect(pageText(page)).toContain(SAMPLE_PAGES[1].titles[0])
  expect(JSON.parse(JSON.parse(phone.storage.get('gxqb/page-view') ?? '"null"'))).toMatchObject({ state: { mode: 'list' } })
  page.root.querySelectorAll('.view-switch__option')[0].dispatchEvent('tap')
  await waitUntil(() => page.root.querySelectorAll('.page-view__zone').length === SAMPLE_PAGES[1].titles.length)
  expect(JSON.parse(JSON.parse(phone.storage.get('gxqb/page-view') ?? '"null"'))).toMatchObject({ state: { mode: 'page' } })
})

