import { BASE_URL, openBrowser, settle, type Session } from './browser'

let s: Session
beforeAll(async () => { s = await openBrowser() })
afterAll(async () => { await s?.close() })

test('a reader opens the latest issue, switches page, reads an article with its credits and goes back', async () => {
  const { page } = s
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(BASE_URL)
  await page.getByText('总第763期').waitFor()
  await page.getByText('2023年8月22日 星期二 农历癸卯年七月初七').waitFor()
  console.log(await page.locator('body').innerText())
  expect(errors).toEqual([])
})
