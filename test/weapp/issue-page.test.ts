import { bootApp, openPage, pageText, waitUntil } from './harness'

test('probe', async () => {
  const phone = bootApp()
  const page = openPage('pages/issue/index')
  await waitUntil(() => pageText(page).includes('总第763期'))
  const items = page.root.querySelectorAll('.article-item')
  console.log(items.length, Object.keys(items[0] ?? {}))
  const tabs = page.root.querySelectorAll('.page-tabs__tab')
  console.log(tabs.length)
  tabs[1].dispatchEvent('tap')
  await waitUntil(() => pageText(page).includes('推动关心下一代'))
  page.root.querySelectorAll('.article-item')[0].dispatchEvent('tap')
  await new Promise((r) => setTimeout(r, 100))
  console.log(phone.navigations)
})
