// Console drafts over HTTP: uploads parsed as `feed build --dry-run` parses them (text and page PDFs),
// bad uploads refused in Chinese with nothing stored and the feed untouched, saves with revisions, the
// draft's files, and drafts surviving a restart. Real server process, real SQLite, real PDFs.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { readBuildFiles } from '../../newsroom/feed-folder'
import { publishIssue } from '../../newsroom/publish'
import { call, file, filesForm, login, snapshot } from './support/console'
import { ADMIN_TOKEN, root, startServer, tempDir, type ServerProcess } from './support/server-process'

jest.setTimeout(60_000)

const SAMPLE_TEXT = path.join(root, 'sample', 'issue-763.txt')
const SAMPLE_PDFS = ['01.pdf', '02.pdf'].map((f) => path.join(root, 'sample', 'pdf', f))
const BAD = (name: string) => path.join(root, 'test', 'fixtures', 'pdf', 'bad', name)

let tmp: ReturnType<typeof tempDir>
let server: ServerProcess
let feedDir: string
let draftsDir: string
let cookie: string
let env: Record<string, string>

beforeAll(async () => {
  tmp = tempDir()
  feedDir = path.join(tmp.dir, 'feed')
  draftsDir = path.join(tmp.dir, 'drafts')
  // A feed with the sample issue already published, which no draft may touch.
  await publishIssue(feedDir, readBuildFiles({ source: SAMPLE_TEXT }))
  env = { ADMIN_TOKEN, FEED_DIR: feedDir, DATABASE_PATH: path.join(tmp.dir, 'db.sqlite') }
  server = await startServer(env)
  cookie = await login(server.url)
})

afterAll(async () => {
  await server?.stop()
  tmp.cleanup()
})

const upload = (files: Array<{ name: string, data: Buffer | string }>) => call(server.url, 'POST', '/newsroom/api/drafts', { cookie, body: filesForm(files) })
const drafts = async () => (await call(server.url, 'GET', '/newsroom/api/drafts', { cookie })).json as Array<{ id: string }>
const draftFolders = () => (existsSync(draftsDir) ? readdirSync(draftsDir) : [])

describe('an upload of the issue\'s text', () => {
  let draft: any

  test('is parsed at once into a draft with all nine items, their notes and pages; nothing is published', async () => {
    const before = snapshot(feedDir)
    const r = await upload([file(SAMPLE_TEXT)])
    expect(r.status).toBe(201)
    draft = r.json
    expect(draft.id).toMatch(/^d-[0-9a-f]{16}$/)
    expect(draft.revision).toBe(1)
    expect(draft.source).toEqual({ kind: 'text', files: ['issue-763.txt'] })
    expect(draft.issue.date).toBe('2023-08-22')
    expect(draft.issue.number).toBe(763)
    expect(draft.issue.items).toHaveLength(9)
    expect(draft.issue.items.map((it: any) => it.title)).toEqual(readBuildFiles({ source: SAMPLE_TEXT }).parsed.items.map((it) => it.title))
    expect(draft.pages).toEqual([{ name: '01版 要闻' }, { name: '02版 综合' }])
    expect(draft.photos).toEqual([])
    const warnings = draft.notes.filter((n: any) => n.kind === 'warning')
    expect(warnings).toHaveLength(8)
    expect(warnings.every((n: any) => Number.isInteger(n.item))).toBe(true)
    expect(draft.notes.filter((n: any) => n.kind === 'left-out')).toEqual([{ kind: 'left-out', message: '版面信息（页码、责任编辑、网址等）：http://www.jnhn.gov.cn/' }])
    expect(snapshot(feedDir)).toEqual(before)
    // The upload is kept with the draft.
    expect(readFileSync(path.join(draftsDir, draft.id, 'source', '01.txt'))).toEqual(readFileSync(SAMPLE_TEXT))
  })

  test('is listed (newest first) and read back', async () => {
    const list = await call(server.url, 'GET', '/newsroom/api/drafts', { cookie })
    expect(list.json[0]).toMatchObject({ id: draft.id, date: '2023-08-22', number: 763, itemCount: 9, warningCount: 8, headline: '以党建引领网格化服务管理' })
    const again = await call(server.url, 'GET', `/newsroom/api/drafts/${draft.id}`, { cookie })
    expect(again.json).toEqual(draft)
  })

  test('saves a correction with the next revision, drops the warning it resolves, and refuses a stale one (409)', async () => {
    const issue = structuredClone(draft.issue)
    const owner = draft.notes.find((n: any) => n.message.includes('秀大学生志愿者代表作了交')).item
    const k = issue.items[owner].paragraphs.findIndex((p: string) => p.endsWith('秀大学生志愿者代表作了交'))
    issue.items[owner].paragraphs[k] += '流发言。'
    issue.items[0].title = '以党建引领网格化服务管理 提升群众满意度'
    const saved = await call(server.url, 'PUT', `/newsroom/api/drafts/${draft.id}`, { cookie, body: { revision: 1, issue } })
    expect(saved.status).toBe(200)
    expect(saved.json.revision).toBe(2)
    expect(saved.json.issue.items[0].title).toBe('以党建引领网格化服务管理 提升群众满意度')
    expect(saved.json.notes.filter((n: any) => n.kind === 'warning')).toHaveLength(7)
    expect(saved.json.notes.some((n: any) => n.message.includes('秀大学生志愿者代表作了交'))).toBe(false)

    const stale = await call(server.url, 'PUT', `/newsroom/api/drafts/${draft.id}`, { cookie, body: { revision: 1, issue: draft.issue } })
    expect([stale.status, stale.json.error]).toEqual([409, 'stale-revision'])
    expect(stale.json.message).toMatch(/[\u4e00-\u9fff]/)
    const now = await call(server.url, 'GET', `/newsroom/api/drafts/${draft.id}`, { cookie })
    expect(now.json.revision).toBe(2)
    expect(now.json.issue.items[0].title).toBe('以党建引领网格化服务管理 提升群众满意度')
    draft = now.json
  })

  test('refuses an invalid issue, saying where, and keeps the draft as it was', async () => {
    const issue = structuredClone(draft.issue)
    issue.items[1].title = ''
    issue.items[2].page = 5
    const r = await call(server.url, 'PUT', `/newsroom/api/drafts/${draft.id}`, { cookie, body: { revision: draft.revision, issue } })
    expect([r.status, r.json.error]).toEqual([400, 'invalid-issue'])
    expect(r.json.problems.map((p: any) => p.path)).toEqual(expect.arrayContaining(['/items/1/title', '/items/2/page']))
    expect((await call(server.url, 'GET', `/newsroom/api/drafts/${draft.id}`, { cookie })).json).toEqual(draft)
    const huge = await call(server.url, 'PUT', `/newsroom/api/drafts/${draft.id}`, { cookie, body: { revision: draft.revision, issue, padding: 'x'.repeat(4 * 1024 * 1024) } })
    expect([huge.status, huge.json.error]).toEqual([413, 'too-large'])
    const notJson = await call(server.url, 'PUT', `/newsroom/api/drafts/${draft.id}`, { cookie, body: 'revision=2', headers: { 'content-type': 'text/plain' } })
    expect([notJson.status, notJson.json.error]).toEqual([415, 'bad-request'])
  })

  test('survives a server restart, and so does the session', async () => {
    const before = (await call(server.url, 'GET', `/newsroom/api/drafts/${draft.id}`, { cookie })).json
    expect(await server.stop()).toBe(0)
    server = await startServer(env)
    const after = await call(server.url, 'GET', `/newsroom/api/drafts/${draft.id}`, { cookie })
    expect(after.status).toBe(200)
    expect(after.json).toEqual(before)
  })

  test('is deleted with its files', async () => {
    const r = await call(server.url, 'DELETE', `/newsroom/api/drafts/${draft.id}`, { cookie })
    expect(r.status).toBe(204)
    expect((await call(server.url, 'GET', `/newsroom/api/drafts/${draft.id}`, { cookie })).status).toBe(404)
    expect(draftFolders()).not.toContain(draft.id)
    expect((await call(server.url, 'DELETE', `/newsroom/api/drafts/${draft.id}`, { cookie })).status).toBe(404)
  })
})

describe('an upload of the page PDFs', () => {
  test('gives items with zones, each page\'s image and the printed photo, served only by name from the draft', async () => {
    const r = await upload(SAMPLE_PDFS.map((p) => file(p)).reverse())
    expect(r.status).toBe(201)
    const d = r.json
    // Taken in file-name order whatever order they were sent in.
    expect(d.source).toEqual({ kind: 'pdf', files: ['01.pdf', '02.pdf'] })
    expect(d.issue.items).toHaveLength(9)
    for (const it of d.issue.items) {
      expect(it.zones.length).toBeGreaterThan(0)
      for (const z of it.zones) expect(z.x + z.w).toBeLessThanOrEqual(1.0001)
    }
    expect(d.pages.map((p: any) => p.name)).toEqual(['01版 要闻', '02版 综合'])
    for (const p of d.pages) {
      expect(p.image).toMatchObject({ width: 1500 })
      const img = await call(server.url, 'GET', p.image.url, { cookie })
      expect([img.status, img.headers.get('content-type')]).toEqual([200, 'image/jpeg'])
      expect(img.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    }
    expect(d.photos).toHaveLength(1)
    const photoItem = d.issue.items.findIndex((it: any) => it.kind === 'photo')
    expect(d.issue.items[photoItem].photos).toEqual([d.photos[0].key])
    expect((await call(server.url, 'GET', d.photos[0].url, { cookie })).status).toBe(200)
    // Not the upload itself, nor anything outside the draft, nor without a session.
    for (const name of ['source%2F01.pdf', '..%2F..%2Fdb.sqlite', 'page-9.jpg']) {
      expect((await call(server.url, 'GET', `/newsroom/api/drafts/${d.id}/files/${name}`, { cookie })).status).toBe(404)
    }
    expect((await call(server.url, 'GET', d.pages[0].image.url)).status).toBe(401)
  })
})

describe('a bad upload', () => {
  const CASES: Array<[string, () => Array<{ name: string, data: Buffer | string }>, number, string, RegExp]> = [
    ['a binary file named .txt', () => [{ name: 'issue.txt', data: Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x90, 0xc3, 0x28]) }], 415, 'unsupported-file', /不是 UTF-8/],
    ['text that is not a newspaper', () => [{ name: 'notes.txt', data: '今天天气很好。\n明天再说。\n' }], 400, 'not-a-newspaper', /^不是报纸版面/],
    ['an empty text', () => [{ name: 'empty.txt', data: '' }], 400, 'not-a-newspaper', /^不是报纸版面/],
    ['a damaged PDF', () => [file(BAD('damaged.pdf'))], 400, 'pdf-damaged', /^PDF 已损坏：“damaged\.pdf”/],
    ['a file that is no PDF', () => [file(BAD('not-a-pdf.pdf'))], 400, 'pdf-damaged', /^PDF 已损坏/],
    ['an encrypted PDF', () => [file(BAD('encrypted.pdf'))], 400, 'pdf-encrypted', /^PDF 已加密：“encrypted\.pdf”/],
    ['a scan', () => [file(BAD('scanned.pdf'))], 400, 'pdf-needs-ocr', /^需要文字识别/],
    ['a good PDF with a scanned one', () => [file(SAMPLE_PDFS[0]), file(BAD('second-page-scanned.pdf'))], 400, 'pdf-needs-ocr', /^需要文字识别：“second-page-scanned\.pdf”/],
    ['a Word file', () => [{ name: '763期.docx', data: 'PK' }], 415, 'unsupported-file', /“763期\.docx”不是报纸的文字稿/],
    ['text and PDFs together', () => [file(SAMPLE_TEXT), file(SAMPLE_PDFS[0])], 400, 'bad-request', /不能一起上传/],
    ['two texts', () => [file(SAMPLE_TEXT), file(SAMPLE_TEXT, 'again.txt')], 400, 'bad-request', /一次只能上传一个/],
    ['no file', () => [], 400, 'bad-request', /没有收到文件/],
    ['21 PDFs', () => Array.from({ length: 21 }, (_x, i) => ({ name: `${String(i + 1).padStart(2, '0')}.pdf`, data: '%PDF-1.4\n' })), 400, 'bad-request', /最多上传 20 个 PDF/],
    ['a PDF over 25 MB', () => [{ name: 'huge.pdf', data: Buffer.alloc(26 * 1024 * 1024, 0x20) }], 413, 'too-large', /“huge\.pdf”超过 25 MB/],
    ['PDFs over 40 MB together', () => [{ name: 'a.pdf', data: Buffer.alloc(21 * 1024 * 1024, 0x20) }, { name: 'b.pdf', data: Buffer.alloc(21 * 1024 * 1024, 0x20) }], 413, 'too-large', /合计不能超过 40 MB/]
  ]

  test.each(CASES)('%s is refused in Chinese; nothing is stored and the feed is byte-identical', async (_what, files, status, code, message) => {
    const feedBefore = snapshot(feedDir)
    const listBefore = await drafts()
    const foldersBefore = draftFolders()
    const r = await upload(files())
    expect([r.status, r.json.error]).toEqual([status, code])
    expect(r.json.message).toMatch(message)
    expect(await drafts()).toEqual(listBefore)
    expect(draftFolders()).toEqual(foldersBefore)
    expect(snapshot(feedDir)).toEqual(feedBefore)
  })

  test('a body that is not multipart is refused', async () => {
    const r = await call(server.url, 'POST', '/newsroom/api/drafts', { cookie, body: { files: [] } })
    expect([r.status, r.json.error]).toEqual([415, 'unsupported-file'])
  })
})

test('leftovers of a crash in the drafts folder are swept at start', async () => {
  mkdirSync(path.join(draftsDir, '.incoming-abc123'), { recursive: true })
  mkdirSync(path.join(draftsDir, 'd-00000000000000ff'), { recursive: true })
  await server.stop()
  server = await startServer(env)
  expect(draftFolders().filter((n) => n.startsWith('.incoming-') || n === 'd-00000000000000ff')).toEqual([])
  expect((await drafts()).length).toBeGreaterThan(0)
})
