import { BASE_URL, openBrowser, settle, type Session } from './browser'
import { SAMPLE_PAGES } from '../fixtures/sample-issue'

let s: Session
beforeEach(async () => { s = await openBrowser() })
afterEach(async () => { await s?.close() })

const visible = () => s.page.locator('.taro_page:visible')

test('a shared article link opens that article cold, with a way to its issue', async () => {
  const { page } = s
  await page.goto(`${BASE_URL}#/pages/article/index?issue=2023-08-22&article=a7`)
  await visible().locator('.article__title', { hasText: SAMPLE_PAGES[1].titles[1] }).waitFor()
  expect(await visible().locator('.article__subtitle').innerText()).toBe('济宁高新区村（社区）党组织书记“擂台比武”活动成功举办')
  await visible().getByText('返回本期目录').click()
  await page.waitForURL(/#\/pages\/issue\/index\?id=2023-08-22/)
  await settle(page)
  await visible().getByText('总第763期').waitFor()
})

test('an issue id that is not in the index says so and leads to the latest issue', async () => {
  const { page } = s
  await page.goto(`${BASE_URL}#/pages/article/index?issue=2019-01-01&article=a1`)
  await visible().getByText('没有找到这一期').waitFor()
  await visible().getByText('看最新一期').click()
  await visible().getByText('总第763期').waitFor()
  expect(page.url()).toMatch(/#\/pages\/issue\/index$/)
})

test('an article id that does not exist says so and leads to its issue', async () => {
  const { page } = s
  await page.goto(`${BASE_URL}#/pages/article/index?issue=2023-08-22&article=zz`)
  await visible().getByText('没有找到这篇文章').waitFor()
  await visible().getByText('回到本期').click()
  await visible().getByText('总第763期').waitFor()
})

test('an issue link opens that issue; an unknown one offers the latest', async () => {
  const { page } = s
  await page.goto(`${BASE_URL}#/pages/issue/index?id=2023-08-22`)
  await visible().getByText('总第763期').waitFor()
  await page.goto(`${BASE_URL}#/pages/issue/index?id=1999-09-09`)
  await page.reload()
  await visible().getByText('没有找到这一期').waitFor()
  expect(await visible().locator('.status--error .status__text').innerText()).toContain('1999-09-09')
  // The offer: one button that starts over at the latest issue.
  await visible().locator('.status__button', { hasText: '看最新一期' }).click()
  await page.waitForURL(/#\/pages\/issue\/index$/)
  await settle(page)
  await visible().getByText('总第763期').waitFor()
  expect(await visible().getByText('没有找到这一期').count()).toBe(0)
})

test('the archive opens an issue from its calendar', async () => {
  const { page } = s
  await page.goto(`${BASE_URL}#/pages-more/archive/index`)
  await visible().locator('.archive__month', { hasText: '2023年8月' }).waitFor()
  await visible().locator('.archive__day--latest').click()
  await page.waitForURL(/#\/pages\/issue\/index\?id=2023-08-22/)
  await visible().getByText('总第763期').waitFor()
})

test('the share button copies the article\'s own link, which opens it', async () => {
  const { page, context } = s
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL.replace(/\/$/, '') })
  await page.goto(`${BASE_URL}#/pages/article/index?issue=2023-08-22&article=a3`)
  await visible().getByText('复制链接').click()
  await page.getByText('链接已复制').waitFor()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toBe(`${BASE_URL}#/pages/article/index?issue=2023-08-22&article=a3`)
  await page.goto('about:blank')
  await page.goto(copied)
  await visible().locator('.article__title', { hasText: '鱼台县考察团 来高新区考察交流' }).waitFor()
})
