// The feed command end to end: building into a folder, idempotence, bad input, check, the schema file.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import { validateIndex, validateIssue, type FeedIndex, type Issue } from '@/core/feed'
import { feedJsonSchema } from '@/core/feed/json-schema'
import { serialise } from '../../newsroom/feed-model'
import { imageSize } from '../../newsroom/image-size'
import { encodeGreyPng } from '../../newsroom/placeholder-png'
import { article, blocks, masthead } from '../fixtures/newsroom/make-source'
import { runFeed, snapshot, tmpDirEachTest } from '../support/feed-command'

const root = path.resolve(__dirname, '../..')
const SAMPLE = path.join(root, 'sample/issue-763.txt')
const PAPER = path.join(root, 'sample/paper.json')
const sampleText = fs.readFileSync(SAMPLE, 'utf8')

const tmp = tmpDirEachTest('newsroom-')

const run = (args: string[], now?: string) => runFeed(args, { now })

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T

function write(name: string, text: string): string {
  const file = path.join(tmp(), name)
  fs.writeFileSync(file, text)
  return file
}

/** The sample issue moved to another date (masthead only), as the next or an earlier issue. */
function otherIssue(date: [number, number, number], weekday: string, lunar: string, number: number, yearNumber: number): string {
  return sampleText
    .replace('2023年8月22日 星期二 农历癸卯年七月初七', `${date[0]}年${date[1]}月${date[2]}日 ${weekday} 农历${lunar}`)
    .replace('总第763期 2023年第63期', `总第${number}期 ${date[0]}年第${yearNumber}期`)
}

const buildSample = async (feed: string, ...extra: string[]) => run(['build', SAMPLE, '--out', feed, '--paper', PAPER, ...extra])

describe('build', () => {
  test('the sample: issue file, index entry, placeholder image, valid feed', async () => {
    const feed = path.join(tmp(), 'feed')
    const r = await buildSample(feed, '--placeholders')
    expect(r.code).toBe(0)
    expect(r.out).toContain('2023-08-22')
    const index = readJson<FeedIndex>(path.join(feed, 'index.json'))
    const issue = readJson<Issue>(path.join(feed, 'issues/2023-08-22.json'))
    expect(validateIndex(index).ok).toBe(true)
    expect(validateIssue(issue).ok).toBe(true)
    expect(index.paper).toEqual({ id: 'gaoxinqu-bao', name: '高新区报', publisher: '济宁高新区党工委宣传部（融媒体中心）', hotline: '0537-6557731', slogan: '活力・魅力・热点・焦点', site: 'http://www.jnhn.gov.cn/' })
    expect(index.updatedAt).toBe('2024-01-01T00:00:00.000Z')
    expect(index.issues).toEqual([{
      id: '2023-08-22', date: '2023-08-22', number: 763, yearNumber: 63, pageCount: 2, articleCount: 9,
      headline: '以党建引领网格化服务管理',
      cover: { src: expect.stringMatching(/^images\/2023-08-22\/a5-1-[0-9a-f]{12}\.png$/), width: 800, height: 500, placeholder: 1 },
      path: 'issues/2023-08-22.json'
    }])
    const cover = index.issues[0].cover?.src as string
    expect(issue.articles[4].figures).toEqual([expect.objectContaining({ src: cover, width: 800, height: 500, placeholder: 1, credit: { role: '记者', name: '杨国庆' } })])
    const png = fs.readFileSync(path.join(feed, cover))
    expect(imageSize(png)).toMatchObject({ type: 'png', width: 800, height: 500 })
    // Exactly the feed's three files and the record of article ids; no lock, journal or temporary leftovers.
    expect(Object.keys(snapshot(feed)).sort()).toEqual(['.newsroom/article-ids.json', cover, 'index.json', 'issues/2023-08-22.json'])
    expect(readJson(path.join(feed, '.newsroom/article-ids.json'))).toEqual({ version: 1, issues: { '2023-08-22': ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'] } })
  })

  test('--report lists what was recognised, with warnings as source:line', async () => {
    const r = await buildSample(path.join(tmp(), 'feed'), '--report')
    expect(r.code).toBe(0)
    expect(r.out).toContain('a1 [p1] 第14行：引题 济宁高新区 / 题 以党建引领网格化服务管理')
    expect(r.out).toContain('本报济宁讯 · 记者 胡碧源 · 通讯员 王安冉 · 7段，')
    expect(r.out).toContain('图片：记者 杨国庆 摄 · （没有图片）')
    expect(r.out).toContain(`${SAMPLE}:38: 段落在句子中间结束（可能是分栏处断开）：…`)
    expect(r.out).toMatch(/\n请核对（[1-9]\d*条）：\n  /)
    expect(r.out).toContain('p2 02版 综合：a6 a7 a8 a9')
  })

  test('building the same source twice changes nothing, byte for byte', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await buildSample(feed, '--placeholders')).code).toBe(0)
    const first = snapshot(feed)
    const again = await run(['build', SAMPLE, '--out', feed, '--paper', PAPER, '--placeholders'], '2030-01-01T00:00:00.000Z')
    expect(again.code).toBe(0)
    expect(again.out).toContain('。没有变化')
    expect(snapshot(feed)).toEqual(first)
  })

  test('a second issue is inserted newest first, an older one after it; rebuilding an issue replaces it', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await buildSample(feed)).code).toBe(0)
    const next = write('next.txt', otherIssue([2023, 8, 29], '星期二', '癸卯年七月十四', 764, 64))
    const earlier = write('earlier.txt', otherIssue([2023, 8, 15], '星期二', '癸卯年六月廿九', 762, 62))
    expect(await run(['build', next, '--out', feed], '2024-01-02T00:00:00.000Z')).toMatchObject({ code: 0, err: '' })
    expect((await run(['build', earlier, '--out', feed], '2024-01-03T00:00:00.000Z')).code).toBe(0)
    let index = readJson<FeedIndex>(path.join(feed, 'index.json'))
    expect(index.issues.map((s) => `${s.id}/${s.number}`)).toEqual(['2023-08-29/764', '2023-08-22/763', '2023-08-15/762'])
    expect(index.paper.id).toBe('gaoxinqu-bao')
    expect(index.updatedAt).toBe('2024-01-03T00:00:00.000Z')

    const changed = write('changed.txt', sampleText.replace('以党建引领网格化服务管理\n', '以党建引领网格化服务管理工作\n'))
    expect((await run(['build', changed, '--out', feed], '2024-01-04T00:00:00.000Z')).code).toBe(0)
    index = readJson<FeedIndex>(path.join(feed, 'index.json'))
    expect(index.issues.map((s) => s.id)).toEqual(['2023-08-29', '2023-08-22', '2023-08-15'])
    expect(index.issues[1].headline).toBe('以党建引领网格化服务管理工作')
    expect(index.updatedAt).toBe('2024-01-04T00:00:00.000Z')
    expect(readJson<Issue>(path.join(feed, 'issues/2023-08-22.json')).articles[0].title).toBe('以党建引领网格化服务管理工作')
    expect(validateIndex(index).ok).toBe(true)
  })

  test('--images attaches files in name order with sizes from their headers; extras are reported', async () => {
    const images = path.join(tmp(), 'photos')
    fs.mkdirSync(images)
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xd9])
    fs.writeFileSync(path.join(images, '2.jpg'), jpeg)
    fs.writeFileSync(path.join(images, '10.png'), encodeGreyPng(3, 2, new Uint8Array(6)))
    fs.writeFileSync(path.join(images, 'notes.txt'), 'not an image')
    const feed = path.join(tmp(), 'feed')
    const r = await buildSample(feed, '--images', images)
    expect(r.code).toBe(0)
    expect(r.err).toContain('有1张图片没有用上')
    expect(r.err).toContain('10.png')
    const fig = readJson<Issue>(path.join(feed, 'issues/2023-08-22.json')).articles[4].figures[0]
    expect(fig).toEqual({ src: expect.stringMatching(/^images\/2023-08-22\/a5-1-[0-9a-f]{12}\.jpg$/), width: 400, height: 300, caption: expect.stringMatching(/^从“洸府河时代”/), credit: { role: '记者', name: '杨国庆' } })
    expect(fs.readFileSync(path.join(feed, fig.src as string)).equals(jpeg)).toBe(true)
    expect((await run(['check', feed])).code).toBe(0)

    // Rebuilt without --images (even with --placeholders): the published photo stays.
    const before = snapshot(feed)
    const r2 = await buildSample(feed, '--placeholders')
    expect(r2.out).toContain('。没有变化')
    expect(snapshot(feed)).toEqual(before)
    expect(fs.readdirSync(path.join(feed, 'images/2023-08-22'))).toEqual([path.basename(fig.src as string)])
  })

  test('the paper: a --paper with another id than the folder\'s is refused', async () => {
    const feed = path.join(tmp(), 'feed')
    const other = write('other-paper.json', JSON.stringify({ id: 'another-paper', name: '另一张报' }))
    expect((await buildSample(feed)).code).toBe(0)
    const before = snapshot(feed)
    const clash = await run(['build', SAMPLE, '--out', feed, '--paper', other])
    expect(clash.code).toBe(1)
    expect(clash.err).toContain('属于报纸“gaoxinqu-bao”')
    expect(snapshot(feed)).toEqual(before)
  })
})

describe('bad input: a clear error naming the line, exit 1, the feed folder untouched', () => {
  const A = article('第一篇文章标题')
  const cases: Array<[string, string, number, RegExp]> = [
    ['an empty file', '\n\n\n', 1, /文本文件是空的/],
    ['no masthead date', blocks('主管:某部门', '某某报总第100期 2023年第10期', A), 5, /报头中没有出版日期/],
    ['an article with no body', blocks(masthead(), '没有正文的标题', '本报讯(记者 张三)', article('第二篇')), 9, /文章“没有正文的标题”没有正文/],
    ['an unclosed dateline bracket', blocks(masthead(), '标题', '本报讯(记者 张三 近日,某单位召开工作会议,安排部署下一阶段重点工作任务。'), 11, /电头“本报讯”后的括号没有闭合/],
    ['a headline with no article after it', blocks(masthead(), A, '一个孤立的标题'), 15, /像是标题，但后面没有电头/],
    ['text that belongs to no article', blocks(masthead(), A) + '\f' + blocks('这是一段不属于任何文章的正文,没有标题也没有电头。', article('第二篇')), 14, /这段文字不属于任何文章/],
    ['a dateline without a headline', blocks(masthead(), A, '本报讯(记者 李四)另一段新闻,没有标题。'), 15, /电头“本报讯”前面没有标题/]
  ]

  test.each(cases)('%s', async (_name, text, line, message) => {
    const feed = path.join(tmp(), 'feed')
    expect((await buildSample(feed, '--placeholders')).code).toBe(0)
    const before = snapshot(feed)
    const source = write('source.txt', text)
    const r = await run(['build', source, '--out', feed])
    expect(r.code).toBe(1)
    expect(r.err).toMatch(new RegExp(`^${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: `))
    expect(r.err).toMatch(message)
    expect(snapshot(feed)).toEqual(before)
  })

  test('as a child process: exit code 1, source.txt:N: on stderr, folder untouched; a new folder is not created', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await buildSample(feed)).code).toBe(0)
    const before = snapshot(feed)
    write('source.txt', blocks(masthead(), '没有正文的标题', '本报讯(记者 张三)', article('第二篇')))
    const tsx = path.join(root, 'node_modules/.bin/tsx')
    const r = spawnSync(tsx, [path.join(root, 'newsroom/cli.ts'), 'build', 'source.txt', '--out', feed], { cwd: tmp(), encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toBe('source.txt:9: 文章“没有正文的标题”没有正文\n')
    expect(snapshot(feed)).toEqual(before)
    const fresh = spawnSync(tsx, [path.join(root, 'newsroom/cli.ts'), 'build', 'source.txt', '--out', 'new-feed', '--paper', PAPER], { cwd: tmp(), encoding: 'utf8' })
    expect(fresh.status).toBe(1)
    expect(fs.existsSync(path.join(tmp(), 'new-feed'))).toBe(false)
  })

  test('a missing source file, an unreadable index: exit 1 and nothing written', async () => {
    const feed = path.join(tmp(), 'feed')
    expect(await run(['build', path.join(tmp(), 'nope.txt'), '--out', feed, '--paper', PAPER])).toMatchObject({ code: 1, err: expect.stringContaining('无法读取文本文件') })
    fs.mkdirSync(feed)
    fs.writeFileSync(path.join(feed, 'index.json'), '{"version": 1, "issues": ')
    const before = snapshot(feed)
    const r = await buildSample(feed)
    expect(r.code).toBe(1)
    expect(r.err).toContain('index.json不是有效的JSON')
    expect(snapshot(feed)).toEqual(before)
  })
})

describe('usage', () => {
  test('--help prints the usage and exits 0', async () => {
    const r = await run(['--help'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('build <source>… --out <feed-dir>')
    expect((await run(['build', '--help'])).code).toBe(0)
  })

  test.each([[[]], [['publish']], [['build', SAMPLE]], [['build', SAMPLE, '--out']], [['build', SAMPLE, '--out', 'x', '--colour']], [['check']]])('%j is a usage error (exit 2)', async (args) => {
    const r = await run(args as string[])
    expect(r.code).toBe(2)
    expect(r.err).toContain('Usage: npm run feed')
  })
})

describe('check', () => {
  let feed: string
  beforeEach(async () => {
    feed = path.join(tmp(), 'feed')
    expect((await buildSample(feed, '--placeholders')).code).toBe(0)
  })

  test('accepts the built sample folder, with no note: its index\'s latest block is true to the newest issue', async () => {
    const r = await run(['check', feed])
    expect(r.code).toBe(0)
    expect(r.out).toContain('1 issue(s) are valid feed v1')
    expect(r.err).toBe('')
  })

  test('rejects a broken issue with the file and the path of the problem', async () => {
    const file = path.join(feed, 'issues/2023-08-22.json')
    const issue = readJson<Issue>(file)
    issue.articles[2].title = ''
    fs.writeFileSync(file, serialise(issue))
    const r = await run(['check', feed])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`${path.join(feed, 'issues/2023-08-22.json')}: /articles/2/title must not be empty`)
  })

  test('rejects a missing image, a summary that disagrees with its issue, a missing issue file', async () => {
    const cover = readJson<FeedIndex>(path.join(feed, 'index.json')).issues[0].cover?.src as string
    fs.rmSync(path.join(feed, cover))
    const indexFile = path.join(feed, 'index.json')
    const index = readJson<FeedIndex>(indexFile)
    index.issues[0].articleCount = 8
    index.issues.push({ ...index.issues[0], id: '2023-08-15', date: '2023-08-15', number: 762, path: 'issues/2023-08-15.json' })
    fs.writeFileSync(indexFile, serialise(index))
    const r = await run(['check', feed])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`issues/2023-08-22.json: /articles/4/figures/0/src ${cover} does not exist`)
    expect(r.err).toContain('index.json: /issues/0/articleCount is 8 but the issue file says 9')
    expect(r.err).toContain('issues/2023-08-15.json: / is missing')
  })

  test('notes an index without latest; rejects one naming another issue than the newest, or differing from the newest issue\'s file', async () => {
    const indexFile = path.join(feed, 'index.json')
    const published = readJson<FeedIndex>(indexFile)
    const checkWith = async (change: (latest: NonNullable<FeedIndex['latest']>) => unknown) => {
      const latest = structuredClone(published.latest as NonNullable<FeedIndex['latest']>)
      fs.writeFileSync(indexFile, serialise({ ...published, latest: change(latest) ?? latest }))
      return run(['check', feed])
    }

    const { latest: _latest, ...without } = published
    fs.writeFileSync(indexFile, serialise(without))
    const missing = await run(['check', feed])
    expect(missing.code).toBe(0)
    expect(missing.err).toContain('note: index.json has no /latest')

    const stale = await checkWith((l) => { l.id = '2023-08-15' })
    expect(stale.code).toBe(1)
    expect(stale.err).toContain(`${indexFile}: /latest/id is "2023-08-15" but the newest issue (/issues/0) is "2023-08-22"`)

    const retitled = await checkWith((l) => { l.articles[1].title = '大手牵小手' })
    expect(retitled.code).toBe(1)
    expect(retitled.err).toContain('index.json: /latest/articles/1/title is "大手牵小手" but the issue file says "大手牵小手 爱心助学行"')

    const shorter = await checkWith((l) => { l.articles.pop() })
    expect(shorter.err).toContain('index.json: /latest/articles has 4 item(s) but the issue file gives 5')
    const subtitled = await checkWith((l) => { l.articles[0].subtitle = '副题' })
    expect(subtitled.err).toContain('index.json: /latest/articles/0/subtitle is "副题" but the issue file has none')
    const unkicked = await checkWith((l) => { delete l.articles[0].kicker })
    expect(unkicked.err).toContain('index.json: /latest/articles/0/kicker is missing but the issue file says "济宁高新区"')
    const renamed = await checkWith((l) => { l.pages[1].name = '02版 要闻' })
    expect(renamed.err).toContain('index.json: /latest/pages/1/name is "02版 要闻" but the issue file says "02版 综合"')
    expect(renamed.err).toContain('1 problem(s)')

    const emptied = path.join(tmp(), 'emptied')
    fs.mkdirSync(emptied)
    fs.writeFileSync(path.join(emptied, 'index.json'), serialise({ ...published, issues: [] }))
    const orphan = await run(['check', emptied])
    expect(orphan.code).toBe(1)
    expect(orphan.err).toContain('index.json: /latest/id is "2023-08-22" but no issue is listed')
  })

  test('rejects an index that is not feed v1', async () => {
    fs.writeFileSync(path.join(feed, 'index.json'), JSON.stringify({ version: 2 }))
    const r = await run(['check', feed])
    expect(r.code).toBe(1)
    expect(r.err).toContain('index.json: /version must be 1, got 2')
  })
})

describe('the schema file', () => {
  const schemaFile = path.join(root, 'docs/feed-v1.schema.json')

  test('docs/feed-v1.schema.json is exactly what `feed schema` writes from feedJsonSchema()', async () => {
    expect(fs.readFileSync(schemaFile, 'utf8')).toBe(JSON.stringify(feedJsonSchema(), null, 2) + '\n')
    const out = path.join(tmp(), 'schema.json')
    expect((await run(['schema', '--out', out])).code).toBe(0)
    expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(schemaFile, 'utf8'))
  })

  test('ajv (draft 2020-12) accepts the built sample and rejects what validateIssue rejects', async () => {
    const feed = path.join(tmp(), 'feed')
    expect((await buildSample(feed, '--placeholders')).code).toBe(0)
    const schema = readJson<{ $id: string }>(schemaFile)
    const ajv = new Ajv2020({ strict: false })
    ajv.addSchema(schema)
    const validIndex = ajv.getSchema(`${schema.$id}#/$defs/index`)
    const validIssue = ajv.getSchema(`${schema.$id}#/$defs/issue`)
    if (!validIndex || !validIssue) throw new Error('schema parts not found')
    const index = readJson<FeedIndex>(path.join(feed, 'index.json'))
    const issue = readJson<Issue>(path.join(feed, 'issues/2023-08-22.json'))
    expect(validIndex(index)).toBe(true)
    expect(validIssue(issue)).toBe(true)

    const broken: Array<[string, (i: Issue) => void]> = [
      ['no pages', (i) => { i.pages = [] }],
      ['an empty title', (i) => { i.articles[0].title = '' }],
      ['another version', (i) => { (i as unknown as { version: number }).version = 2 }],
      ['an image path leaving the feed', (i) => { i.articles[4].figures[0].src = '../secret.png' }],
      ['a placeholder flag other than 1', (i) => { (i.articles[4].figures[0] as unknown as { placeholder: number }).placeholder = 2 }],
      ['a byline without a name', (i) => { delete (i.articles[1].byline[0] as Partial<{ name: string }>).name }]
    ]
    for (const [name, breakIt] of broken) {
      const copy = JSON.parse(JSON.stringify(issue)) as Issue
      breakIt(copy)
      expect([name, validIssue(copy)]).toEqual([name, false])
      expect([name, validateIssue(copy).ok]).toEqual([name, false])
    }
    const extra = { ...JSON.parse(JSON.stringify(issue)), editorNote: 'extra fields are allowed' }
    expect(validIssue(extra)).toBe(true)
    expect(validateIssue(extra).ok).toBe(true)
    expect(validIndex({ ...index, issues: [{ ...index.issues[0], pageCount: 0 }] })).toBe(false)
  })
})

test('the app start script’s command builds the sample feed (npm run feed -- build … --placeholders)', async () => {
  const feed = path.join(tmp(), 'dist-feed')
  const r = spawnSync('npm', ['run', '-s', 'feed', '--', 'build', 'sample/issue-763.txt', '--out', feed, '--paper', 'sample/paper.json', '--placeholders'], { cwd: root, encoding: 'utf8' })
  expect(r.status).toBe(0)
  expect(r.stdout).toContain('，2个版，9篇稿件，')
  expect((await run(['check', feed])).code).toBe(0)
}, 30000)
