// The newsroom console in headless Chromium, end to end, set up as `npm start` runs it: the real
// notification server (which serves the console at /newsroom/ and its API) in a child process with
// ADMIN_TOKEN set, publishing into a copy of the sample feed, behind the same one-port server that
// serves the reader's H5 build and that feed; WeChat is the local stand-in. The tests run in order, as an editor's day does: log in, upload, correct, publish,
// notify.
import { cpSync, mkdirSync, readFileSync } from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { parseIssue } from '../../newsroom/parse-issue'
import { args, executablePath, phone } from '../../scripts/chromium'
import { startStaticServer } from '../../scripts/static-server.mjs'
import { startFakeWechat, type FakeWechat } from '../server/support/fake-wechat'
import { ADMIN_TOKEN, api, root, serverEnv, startServer, subscribe, tempDir, waitFor, type ServerProcess } from '../server/support/server-process'
import { snapshot } from '../server/support/console'
import { freePort } from '../support/free-port'

jest.setTimeout(120_000)

const SHOTS = path.join(root, 'test-results', 'screenshots')
const FIXTURE_764 = path.join(root, 'test', 'fixtures', 'newsroom', 'issue-764.txt')
const parsed764 = parseIssue(readFileSync(FIXTURE_764, 'utf8'))
const CORRECTED = '以党建引领网格化服务管理 提升群众满意度'
const SUBSCRIBERS = ['o-reader-one-0001', 'o-reader-two-0002', 'o-reader-three-0003']

let fake: FakeWechat
let tmp: ReturnType<typeof tempDir>
let feedDir: string
let env: Record<string, string>
let server: ServerProcess
let reader: { server: Server, url: string }
let browser: Browser
let context: BrowserContext
let page: Page
let consoleUrl: string
const pageErrors: string[] = []


function readJson(file: string): Record<string, any> {
  return JSON.parse(readFileSync(path.join(feedDir, file), 'utf8')) as Record<string, any>
}

async function shot(name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `console-${name}.png`), fullPage: false })
}

async function logIn(): Promise<void> {
  await page.getByLabel('口令').fill(ADMIN_TOKEN)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByRole('heading', { name: '上传新一期' }).waitFor()
}

/** The review card of the item whose title field reads `title`. */
function cardTitled(title: string) {
  return page.locator('article.item').filter({ has: page.locator(`.field.title input[value="${title}"]`) })
}

beforeAll(async () => {
  fake = await startFakeWechat()
  tmp = tempDir()
  // A copy of the sample feed as built by the newsroom command (npm test builds dist/feed first), so
  // publishing here leaves the other tests' feed alone.
  feedDir = path.join(tmp.dir, 'feed')
  cpSync(path.join(root, 'dist', 'feed'), feedDir, { recursive: true })
  const port = await freePort()
  // Behind the one-port server: one proxy hop to trust, as scripts/start.mjs sets it.
  env = serverEnv(fake, tmp.dir, feedDir, { PORT: String(port), TRUST_PROXY: '1' })
  server = await startServer(env)
  reader = await startStaticServer({ appDir: path.join(root, 'dist', 'h5'), feedDir, port: 0, apiTarget: server.url })
  consoleUrl = `${reader.url}newsroom/`
  // Readers who asked for new-issue reminders before issue 764 comes out.
  for (const openid of SUBSCRIBERS) expect((await subscribe(server, fake, openid)).status).toBe(200)
  browser = await chromium.launch({ executablePath, headless: true, args })
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
  page = await context.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  // The page must run under the server's strict CSP: a refused script or style would show here.
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) pageErrors.push(m.text()) })
})

afterAll(async () => {
  await browser?.close()
  if (reader) {
    reader.server.closeAllConnections()
    await new Promise((r) => reader.server.close(r))
  }
  await server?.stop()
  await fake?.close()
  tmp?.cleanup()
})

afterEach(() => expect(pageErrors).toEqual([]))

test('the console is unreachable without logging in: the API answers 401 and the page asks for the token', async () => {
  for (const [method, route] of [['GET', 'drafts'], ['GET', 'issues'], ['GET', 'session']] as const) {
    expect((await api(reader.url.replace(/\/$/, ''), method, `/newsroom/api/${route}`)).status).toBe(401)
  }
  await page.goto(consoleUrl)
  await page.getByRole('heading', { name: '登录' }).waitFor()
  expect(await page.getByLabel('口令').getAttribute('type')).toBe('password')
  expect(await page.getByRole('heading', { name: '上传新一期' }).count()).toBe(0)
  await shot('login')
})

test('a wrong token is refused with 口令不对 and gives no session', async () => {
  await page.getByLabel('口令').fill('not-the-admin-token-at-all')
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByText('口令不对').waitFor()
  const status = await page.evaluate(async () => (await fetch('/newsroom/api/session', { credentials: 'same-origin' })).status)
  expect(status).toBe(401)
  expect((await context.cookies()).filter((c) => c.name === 'nr_session')).toEqual([])
})

test('the right token opens the console, with the published issue listed', async () => {
  await logIn()
  const cookie = (await context.cookies()).find((c) => c.name === 'nr_session')
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/newsroom' })
  await page.locator('[data-issue="2023-08-22"]').getByText('总第763期').waitFor()
})

test('a garbage file is refused in Chinese and the feed is unchanged', async () => {
  const before = snapshot(feedDir)
  await page.locator('input[type=file]').setInputFiles({ name: 'A01.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n this is not really a PDF at all \u0000\u0001\u0002') })
  const alert = page.locator('.panel [role=alert]')
  await alert.waitFor()
  expect(await alert.innerText()).toMatch(/A01\.pdf：.*[\u4e00-\u9fff]/)
  await page.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('今天开会。\n会议很好。\n') })
  await page.getByText(/notes\.txt：/).waitFor()
  expect(snapshot(feedDir)).toEqual(before)
  // Nothing was kept as a draft either.
  expect(await page.getByRole('heading', { name: '草稿' }).count()).toBe(0)
})

test('uploading a new issue’s text shows every item, grouped by 版', async () => {
  await page.locator('input[type=file]').setInputFiles(FIXTURE_764)
  await page.getByRole('heading', { name: /2023年8月23日 总第764期/ }).waitFor({ timeout: 30_000 })
  const titles = await page.locator('article.item .field.title input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
  expect(titles).toEqual(parsed764.pages.flatMap((p) => p.items.map((i) => parsed764.items[i].title)))
  for (const p of parsed764.pages) {
    const group = page.locator('section.page-group', { has: page.getByRole('heading', { name: p.name }) })
    expect(await group.locator('article.item').count()).toBe(p.items.length)
  }
  // Warnings stand beside their items, and the filter shows only those.
  const noted = await page.locator('article.item.has-notes').count()
  expect(noted).toBeGreaterThan(0)
  await page.getByLabel(/仅看有提示的稿件/).check()
  expect(await page.locator('article.item').count()).toBe(noted)
  await page.getByLabel(/仅看有提示的稿件/).uncheck()
  await page.locator('[data-save="saved"]').waitFor()
  // Show an item with its notes beside it (the sticky bar stays on top).
  await page.locator('article.item.has-notes').first().evaluate((el) => { el.scrollIntoView({ block: 'start' }); window.scrollBy(0, -100) })
  await shot('review')
})

test('a correction is saved by itself and survives a server restart', async () => {
  const title = cardTitled(parsed764.items[0].title).locator('.field.title input')
  await title.fill(CORRECTED)
  await page.locator('[data-save="saved"]').waitFor()
  await server.stop()
  server = await startServer(env)
  await page.reload()
  // The session may or may not outlive the process; either way the draft must.
  await Promise.race([page.getByRole('heading', { name: '登录' }).waitFor(), page.getByRole('heading', { name: '草稿' }).waitFor()])
  if (await page.getByRole('heading', { name: '登录' }).count() > 0) await logIn()
  await page.getByRole('button', { name: '继续校对' }).first().click()
  await page.getByRole('heading', { name: /总第764期/ }).waitFor()
  expect(await page.locator('article.item .field.title input').first().inputValue()).toBe(CORRECTED)
})

test('publishing 764 asks to confirm date and number, keeps 763, and the correction reaches the feed and the reader', async () => {
  const issue763 = readFileSync(path.join(feedDir, 'issues', '2023-08-22.json'))
  await page.getByRole('button', { name: '发布…' }).click()
  const dialog = page.getByRole('dialog', { name: '确认发布' })
  await dialog.waitFor()
  expect(await dialog.innerText()).toContain('2023-08-23')
  expect(await dialog.innerText()).toContain('总第764期')
  await dialog.getByRole('button', { name: /确认发布/ }).click()
  await page.getByText(/已发布 2023年8月23日 总第764期/).waitFor({ timeout: 30_000 })

  const index = readJson('index.json')
  expect(index.issues.map((i: { id: string }) => i.id)).toEqual(['2023-08-23', '2023-08-22'])
  expect(index.issues[0]).toMatchObject({ number: 764, headline: CORRECTED })
  const published = readJson('issues/2023-08-23.json')
  expect(published.articles[0].title).toBe(CORRECTED)
  expect(published.articles.map((a: { title: string }) => a.title)).toEqual([CORRECTED, ...parsed764.items.slice(1).map((i) => i.title)])
  expect(readFileSync(path.join(feedDir, 'issues', '2023-08-22.json')).equals(issue763)).toBe(true)

  // The reader link opens the reader's edition, on the same feed, at the new issue and its corrected headline.
  const link = await page.getByTestId('reader-link').getAttribute('href')
  expect(link).toBe(`${reader.url}#/pages/issue/index?id=2023-08-23`)
  const phonePage = await browser.newPage({ ...phone })
  try {
    await phonePage.goto(link as string)
    await phonePage.getByText('总第764期').waitFor({ timeout: 20_000 })
    await phonePage.getByText(CORRECTED).first().waitFor()
  } finally {
    await phonePage.close()
  }
})

test('通知订阅读者 reaches WeChat once per subscriber and shows the counts', async () => {
  await page.getByRole('button', { name: '通知订阅读者' }).click()
  const counts = page.getByTestId('notify-counts')
  await counts.getByText('通知完成').waitFor({ timeout: 30_000 })
  expect(await counts.innerText()).toMatch(/已发送\s*3，跳过\s*0，失败\s*0$/)
  const delivered = fake.delivered().map((s) => s.touser).sort()
  expect(delivered).toEqual([...SUBSCRIBERS].sort())
  await page.getByRole('region', { name: '发布' }).evaluate((el) => el.scrollIntoView({ block: 'end' }))
  await shot('published')
})

test('the page PDFs show each 版 with every item’s zone, and a dragged zone is saved as fractions', async () => {
  await page.getByRole('button', { name: '← 返回' }).click()
  await page.getByRole('heading', { name: '上传新一期' }).waitFor()
  await page.locator('input[type=file]').setInputFiles([path.join(root, 'sample', 'pdf', '01.pdf'), path.join(root, 'sample', 'pdf', '02.pdf')])
  await page.getByRole('heading', { name: /总第763期/ }).waitFor({ timeout: 60_000 })
  const plates = page.locator('.plate img')
  expect(await plates.count()).toBe(2)
  // Every page image is a real image the server hands out for this draft.
  for (const img of await plates.all()) expect(await img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
  const draftId = await page.evaluate(async () => {
    const list = await (await fetch('/newsroom/api/drafts', { credentials: 'same-origin' })).json() as Array<{ id: string, source: { kind: string } }>
    return list.find((d) => d.source.kind === 'pdf')?.id
  })
  expect(draftId).toBeDefined()
  const stored = async () => page.evaluate(async (id) => (await (await fetch(`/newsroom/api/drafts/${id}`, { credentials: 'same-origin' })).json()) as { revision: number, issue: { items: Array<{ title: string, zones?: Array<{ page: number, x: number, y: number, w: number, h: number }> }> } }, draftId)
  const before = await stored()
  const zoned = before.issue.items.filter((it) => (it.zones?.length ?? 0) > 0)
  expect(zoned.length).toBeGreaterThan(0)
  expect(await page.locator('.zone').count()).toBe(zoned.reduce((n, it) => n + (it.zones?.length ?? 0), 0))
  await page.locator('.zone-label').first().getByText(before.issue.items[0].title).waitFor()

  // Drag the first item's zone 40 px right and 30 px down, then its corner 20 px further.
  const zone = page.locator('[data-zone="0-0"]')
  const plate = await page.locator('.plate-box').first().boundingBox()
  const box = await zone.boundingBox()
  if (!plate || !box) throw new Error('no zone on screen')
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 30, { steps: 4 })
  await page.mouse.up()
  const handle = await zone.locator('.zone-handle').boundingBox()
  if (!handle) throw new Error('no resize handle')
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2)
  await page.mouse.down()
  await page.mouse.move(handle.x + handle.width / 2 + 20, handle.y + handle.height / 2 + 20, { steps: 4 })
  await page.mouse.up()
  await page.locator('[data-save="saved"]').waitFor()
  await waitFor(async () => (await stored()).revision > before.revision, 10_000, 'the moved zone to be saved')
  const was = before.issue.items[0].zones![0]
  const now = (await stored()).issue.items[0].zones![0]
  const close = (a: number, b: number) => Math.abs(a - b) < 0.004
  expect(close(now.x, was.x + 40 / plate.width)).toBe(true)
  expect(close(now.y, was.y + 30 / plate.height)).toBe(true)
  expect(close(now.w, was.w + 20 / plate.width)).toBe(true)
  expect(close(now.h, was.h + 20 / plate.height)).toBe(true)
})

test('撤下 takes an issue down only after a confirmation naming it', async () => {
  await page.getByRole('button', { name: '← 返回' }).click()
  const row = page.locator('[data-issue="2023-08-23"]')
  await row.getByRole('button', { name: '撤下' }).click()
  await row.getByText('确定撤下2023年8月23日 总第764期？').waitFor()
  await row.getByRole('button', { name: '取消' }).click()
  expect(readJson('index.json').issues.map((i: { id: string }) => i.id)).toEqual(['2023-08-23', '2023-08-22'])
  await row.getByRole('button', { name: '撤下' }).click()
  await row.getByRole('button', { name: '确定撤下' }).click()
  await row.waitFor({ state: 'detached' })
  expect(readJson('index.json').issues.map((i: { id: string }) => i.id)).toEqual(['2023-08-22'])
  await page.locator('[data-issue="2023-08-22"]').waitFor()
})

test('退出 ends the session on the server', async () => {
  await page.getByRole('button', { name: '退出' }).click()
  await page.getByRole('heading', { name: '登录' }).waitFor()
  const status = await page.evaluate(async () => (await fetch('/newsroom/api/drafts', { credentials: 'same-origin' })).status)
  expect(status).toBe(401)
})

test('without ADMIN_TOKEN the page says the console is off and how to switch it on', async () => {
  const { ADMIN_TOKEN: _token, ...rest } = env
  const off = await startServer({ ...rest, PORT: '0', DATABASE_PATH: path.join(tmp.dir, 'off.sqlite'), DRAFTS_DIR: path.join(tmp.dir, 'off-drafts') })
  try {
    await page.goto(`${off.url.replace(/\/$/, '')}/newsroom/`)
    await page.getByRole('heading', { name: '编辑台未开启' }).waitFor()
    expect(await page.getByRole('alert').innerText()).toContain('ADMIN_TOKEN')
    expect(await page.getByLabel('口令').count()).toBe(0)
  } finally {
    await off.stop()
  }
})
