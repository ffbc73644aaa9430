import { bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID } from '../fixtures/sample-issue'

test('在版面中查看 on an article opens its 版 with its zone lit', async () => {
  const phone = bootApp()
  const page = openPage('pages/article/index', { issue: SAMPLE_ISSUE_ID, article: 'a3' })
  await waitUntil(() => pageText(page).includes('在版面中查看'))
  page.root.querySelector('.article-screen__on-page')?.dispatchEvent('tap')
  await waitUntil(() => phone.navigations.length > 0)
  expect(phone.navigations).toEqual([`navigateTo /pages/issue/index?id=${SAMPLE_ISSUE_ID}&page=p1&view=page&zone=a3`])
})
