import { bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID } from '../fixtures/sample-issue'

test('ten pages deep, the compiled issue page still opens 往期 (no dead tap)', async () => {
  const phone = bootApp()
  // A reader who has gone nine pages deep (WeChat's limit is ten) before this issue page.
  phone.stack.push('pages/issue/index', ...Array.from({ length: 8 }, (_, i) => `pages/article/index?issue=${SAMPLE_ISSUE_ID}&article=a${i + 1}`))
  const page = openPage('pages/issue/index', { id: SAMPLE_ISSUE_ID })
  await waitUntil(() => pageText(page).includes('总第763期'))
  expect(phone.stack).toHaveLength(10)

  page.root.querySelectorAll('.issue-nav__link--main')[0].dispatchEvent('tap')
  await waitUntil(() => phone.navigations.length > 0 || phone.messages.length > 0)
  expect(phone.messages).toEqual([])
  expect(phone.navigations).toEqual(['redirectTo /pages-more/archive/index'])
  expect(phone.stack[9]).toBe('pages-more/archive/index')
})
