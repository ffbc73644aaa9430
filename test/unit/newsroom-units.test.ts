// The newsroom's building blocks on their own: punctuation, credits, masthead lines, layout, images, index.
import { inflateSync } from 'node:zlib'
import { latestOf } from '@/core/feed'
import { matchDateline, parseBylineLine, parsePeople, parsePhotoCredit } from '../../newsroom/credits'
import { NOTE, readNote } from '../../newsroom/editor-notes'
import { mergeIndex, resolvePaper, buildIssue } from '../../newsroom/feed-model'
import { imageSize } from '../../newsroom/image-size'
import { assembleParagraphs, joinPieces, makeBlock } from '../../newsroom/layout'
import { checkMastheadDate, isPageMarker, readMastheadLine, weekdayOf } from '../../newsroom/masthead'
import { assignHeadlines, parseIssue } from '../../newsroom/parse-issue'
import { encodeGreyPng, placeholderPng } from '../../newsroom/placeholder-png'
import { restorePunctuation } from '../../newsroom/punctuation'
import { article, blocks, masthead } from '../fixtures/newsroom/make-source'

describe('restorePunctuation', () => {
  const fix = (s: string) => restorePunctuation(s).text

  test.each([
    ['会议指出,近年来,济宁高新区', '会议指出，近年来，济宁高新区'],
    ['报纸热线:0537-6557731', '报纸热线：0537-6557731'],
    ['上午8:30在会议室;下午3:15结束', '上午8:30在会议室；下午3:15结束'],
    ['共帮助1,640名学生,增长3.5%', '共帮助1,640名学生，增长3.5%'],
    ['网址http://www.jnhn.gov.cn/,欢迎访问', '网址http://www.jnhn.gov.cn/，欢迎访问'],
    ['副主任(挂职)翟西', '副主任（挂职）翟西'],
    ['发布(2023)第5号', '发布(2023)第5号'],
    ['聚焦"又高又新"主责主业', '聚焦“又高又新”主责主业'],
    ['深化民意"5"来听行动', '深化民意“5”来听行动'],
    ['好!真的吗?', '好！真的吗？'],
    ['活力・魅力・热点・焦点', '活力・魅力・热点・焦点'],
    ['Hello, world: "quoted" (fine)', 'Hello, world: "quoted" (fine)'],
    ['使用"Python"编程', '使用“Python”编程']
  ])('%s', (input, expected) => expect(fix(input)).toBe(expected))

  test('only punctuation changes, never the number or order of characters', () => {
    const input = '从"洸府河时代"迈入"蓼河时代",济宁高新区(2023年):要求;好!吗?'
    const out = fix(input)
    expect([...out]).toHaveLength([...input].length)
    expect(out.replace(/[，：；！？（）“”]/g, '')).toBe(input.replace(/[,:;!?()"]/g, ''))
  })

  test('an odd quote is reported with its offset', () => {
    expect(restorePunctuation('他说"好的,马上办。').unpairedQuotes).toEqual([2])
  })
})

describe('credits', () => {
  test('parsePeople: roles apply forward, 本报 prefixes go, a wrapped name and a wrapped role are rejoined', () => {
    expect(parsePeople('本报记者 张三 李四 本报通讯员 王 五 通讯 员 赵六').people).toEqual([
      { role: '记者', name: '张三' }, { role: '记者', name: '李四' }, { role: '通讯员', name: '王五' }, { role: '通讯员', name: '赵六' }
    ])
    expect(parsePeople('记者张三').people).toEqual([{ role: '记者', name: '张三' }])
    expect(parsePeople('张三').people).toEqual([{ role: '作者', name: '张三' }])
  })

  test('matchDateline: forms, length consumed, errors', () => {
    expect(matchDateline('本报济宁讯(记者 胡碧源 通讯员 王 安冉)近日,')).toEqual({ dateline: '本报济宁讯', byline: [{ role: '记者', name: '胡碧源' }, { role: '通讯员', name: '王安冉' }], length: 22, unknown: [], notes: [] })
    expect(matchDateline('本报讯（记者 张三）近日')).toMatchObject({ dateline: '本报讯', length: 10 })
    expect(matchDateline('本报讯 近日,某单位')).toEqual({ dateline: '本报讯', byline: [], length: 3, unknown: [], notes: [] })
    expect(matchDateline('新华社北京8月20日电(记者 张三)')).toMatchObject({ dateline: '新华社北京8月20日电' })
    expect(matchDateline('本报记者从会上获悉,')).toBeNull()
    expect(matchDateline('会议指出,本报讯(')).toBeNull()
    expect(matchDateline('本报讯(记者 张三 近日,某单位召开会议')).toEqual({ error: expect.stringContaining('括号没有闭合') })
  })

  test('parseBylineLine accepts byline lines only', () => {
    expect(parseBylineLine('■本报记者 张三 本报通讯员 李四')).toEqual([{ role: '记者', name: '张三' }, { role: '通讯员', name: '李四' }])
    expect(parseBylineLine('(记者 张三 实习生 李四)')).toEqual([{ role: '记者', name: '张三' }, { role: '实习生', name: '李四' }])
    expect(parseBylineLine('■记者 杨国庆 摄')).toBeNull()
    expect(parseBylineLine('记者从会上了解到,今年以来')).toBeNull()
    expect(parseBylineLine('■ 聚焦主责主业')).toBeNull()
  })

  test('parsePhotoCredit keeps the person’s role', () => {
    expect(parsePhotoCredit('■记者 杨国庆 摄')).toEqual({ credit: { role: '记者', name: '杨国庆' }, merged: false })
    expect(parsePhotoCredit('■通讯员 王五 摄')?.credit).toEqual({ role: '通讯员', name: '王五' })
    expect(parsePhotoCredit('(本报记者 张三 摄)')?.credit).toEqual({ role: '记者', name: '张三' })
    expect(parsePhotoCredit('张三/摄')?.credit).toEqual({ role: '摄影', name: '张三' })
    expect(parsePhotoCredit('■本报记者 张三')).toBeNull()
    expect(parsePhotoCredit('城市景观品位与形象品牌不断提升')).toBeNull()
  })
})

describe('masthead lines', () => {
  test('the sample’s lines', () => {
    expect(readMastheadLine('主管:济宁高新区党工委宣传部(融媒体中心)', true)).toMatchObject({ publisher: '济宁高新区党工委宣传部（融媒体中心）' })
    expect(readMastheadLine('报纸热线:0537-6557731', true)).toMatchObject({ hotline: '0537-6557731' })
    expect(readMastheadLine('2023年8月22日 星期二 农历癸卯年七月初七', true)).toEqual({ date: '2023-08-22', weekday: '二', lunar: '癸卯年七月初七' })
    expect(readMastheadLine('高新区报总第763期 2023年第63期 活力・魅力・热点・焦点', true)).toEqual({ number: 763, yearNumber: 63, numberYear: 2023, paperName: '高新区报', slogan: '活力・魅力・热点・焦点' })
  })

  test('several fields on one line; a standalone name and slogan only where allowed; running text is not a masthead', () => {
    expect(readMastheadLine('主管:甲单位 主办:乙单位 新闻热线:0537-1234567', true)).toMatchObject({ publisher: '甲单位', hotline: '0537-1234567' })
    expect(readMastheadLine('高新区报', true)).toEqual({ paperName: '高新区报' })
    expect(readMastheadLine('高新区报', false)).toBeNull()
    expect(readMastheadLine('会议于2023年8月22日召开,全体成员参加。', true)).toBeNull()
  })

  test('page markers', () => {
    for (const m of ['01版 要闻', '02版 综合', '第2版', 'A3版：国内', '第二版']) expect([m, isPageMarker(m)]).toEqual([m, true])
    for (const m of ['(下转第2版)', '01版面设计很好。', '版']) expect([m, isPageMarker(m)]).toEqual([m, false])
  })

  test('date checks', () => {
    expect(weekdayOf('2023-08-22')).toBe('二')
    expect(weekdayOf('2023-08-27')).toBe('日')
    expect(checkMastheadDate({ date: '2023-08-22', weekday: '二', lunar: '癸卯年七月初七', numberYear: 2023 }, 3)).toEqual([])
    expect(checkMastheadDate({ date: '2023-08-22', numberYear: 2022 }, 3)[0].message).toContain('年度期号按2022年计')
    expect(checkMastheadDate({ date: '2023-02-30' }, 3)[0].message).toContain('2023-02-30不存在')
  })
})

describe('layout', () => {
  const block = (text: string, line = 1) => makeBlock([{ text, line }])

  test('a line wrap inside a word leaves no space; a gap printed inside a line stays between ideographs', () => {
    const b = block('本报济宁讯(记者 刘菲)为贯彻落实中央、省、市关 于做好新时代关心下一代工作的指示要求,持续发挥驻 村第一书记帮扶实效,激励广大寒暑假返乡大学生投身 "大手牵小手爱心助学行"志愿活动,助力青少年健康成 长,推动济宁高新区关心下一代工作更上一层楼,8月 18日,济宁高新区"大手牵小手 爱心助学行"志愿活动 总结表扬大会在柳行街道府河村召开。')
    const [p] = assembleParagraphs([b]).paragraphs
    const joined = joinPieces(p.pieces)
    expect(joined.text).toContain('关于做好')
    expect(joined.text).toContain('8月18日')
    expect(joined.text).toContain('"大手牵小手 爱心助学行"')
    expect(joined.text).not.toMatch(/关 于|驻 村|健康成 长|8月 18日/)
    expect(joined.keptCjkSpaces.map((s) => s.context)).toEqual(['报济宁讯(记者 刘菲)为贯彻落实', '区"大手牵小手 爱心助学行"志愿'])
  })

  test('a cut sentence stays a paragraph end: the next block is indented', () => {
    const { paragraphs, decisions } = assembleParagraphs([
      block('考察团先后到海富光学智能终端产业园项目、凯登 绿色制浆装备与集成供应链全球制造中心项目实地参 观,仔细听取项目相关情况介绍,详细了解济宁高新区 在重点项目建设中的先进理念和经验做法,区党工委委员、管委会副主任(挂职)翟西', 1),
      block('考察团对高新区在经济发展、产业振兴等方面取得 的显著成效给予高度评价,表示将以此次考察交流为契 机,切实把高新区的先进理念和经验做法化为具体举措, 对标先进、取长补短。', 3)
    ])
    expect(paragraphs).toHaveLength(2)
    expect(decisions).toEqual([{ line: 3, joined: false, reason: 'indented first line after a cut sentence' }])
  })

  test('a column break inside a sentence joins the blocks', () => {
    const { paragraphs, decisions } = assembleParagraphs([
      block('会议强调,要强化宣传引导,提升群众 参与度知晓率。要明确宣传要点,丰富宣 传方式,坚持线上、线下宣传并举,营造良 好的宣传态势。要强化督考运用,激励干 部主动担当作为。要强化组织领导,健全 完善党委统筹协调,社会治理服务中心具 体负责,相关职能部门密切配合的齐抓共', 1),
      block('管格局。要把群众满意度工作列为"一把 手"工程,全面梳理突出问题和短板弱项, 研究制定任务清单、责任明确到人,建立一 级抓一级、层层抓落实的工作格局。', 3)
    ])
    expect(paragraphs).toHaveLength(1)
    expect(decisions[0]).toMatchObject({ joined: true })
    expect(joinPieces(paragraphs[0].pieces).text).toContain('齐抓共管格局')
  })
})

describe('headline assignment', () => {
  test.each([
    [['标题'], { title: '标题' }],
    [['济宁高新区', '以党建引领网格化服务管理'], { kicker: '济宁高新区', title: '以党建引领网格化服务管理' }],
    [['推动关心下一代工作创新发展', '济宁高新区关心下一代工作会议召开'], { title: '推动关心下一代工作创新发展', subtitle: '济宁高新区关心下一代工作会议召开', guess: expect.stringContaining('读作主题“推动关心下一代工作创新发展”、副题“济宁高新区关心下一代工作会议召开”') }],
    [['专访：', '奋进新时代'], { kicker: '专访：', title: '奋进新时代' }],
    [['奋进新时代', '——访张三'], { title: '奋进新时代', subtitle: '——访张三' }]
  ])('%j', (lines, expected) => expect(assignHeadlines(lines)).toEqual(expected))
})

describe('images', () => {
  test('PNG and JPEG sizes from their headers; anything else is null', () => {
    expect(imageSize(encodeGreyPng(7, 3, new Uint8Array(21)))).toEqual({ type: 'png', ext: 'png', width: 7, height: 3 })
    // SOI, an APP0 segment to skip, then a progressive frame header (SOF2): height 480, width 640.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x06, 1, 2, 3, 4, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    expect(imageSize(jpeg)).toEqual({ type: 'jpeg', ext: 'jpg', width: 640, height: 480 })
    expect(imageSize(Uint8Array.from([0x47, 0x49, 0x46, 0x38]))).toBeNull()
    expect(imageSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xda]))).toBeNull()
  })

  test('the placeholder PNG is a valid, deterministic 800×500 image with the label drawn on it', () => {
    const png = placeholderPng()
    expect(png.equals(placeholderPng())).toBe(true)
    expect(imageSize(png)).toMatchObject({ width: 800, height: 500 })
    const idatLength = png.readUInt32BE(33)
    expect(png.subarray(37, 41).toString('ascii')).toBe('IDAT')
    const raw = inflateSync(png.subarray(41, 41 + idatLength))
    expect(raw.length).toBe(801 * 500)
    // The middle row crosses the dark letters of PLACEHOLDER, the top rows only the light stripes and frame.
    const row = (y: number) => raw.subarray(y * 801 + 1, (y + 1) * 801)
    expect(Math.min(...row(250))).toBe(0x50)
    expect(Math.min(...row(20).subarray(10, 790))).toBe(0xcc)
  })
})

describe('index', () => {
  const parsed = parseIssue(blocks(masthead(), article('头条标题')))
  const paper = { id: 'gaoxinqu-bao', name: '高新区报' }
  // The build is the only issue: no other issue's file is read.
  const unread = (): never => { throw new Error('no issue file should be read') }

  test('mergeIndex keeps the index as it is when nothing but the time would change', () => {
    const issue = buildIssue(parsed)
    const first = mergeIndex(undefined, paper, issue, '2024-01-01T00:00:00.000Z', unread)
    expect(first.changed).toBe(true)
    const again = mergeIndex(first.index, paper, issue, '2025-01-01T00:00:00.000Z', unread)
    expect(again).toEqual({ index: first.index, changed: false })
    const renamed = mergeIndex(first.index, { ...paper, name: '高新区报（数字版）' }, issue, '2025-01-01T00:00:00.000Z', unread)
    expect(renamed.changed).toBe(true)
    expect(renamed.index.updatedAt).toBe('2025-01-01T00:00:00.000Z')
  })

  test('mergeIndex writes latest after issues and counts it as a change: a second article retitled moves no summary field, but the index', () => {
    const two = parseIssue(blocks(masthead(), article('头条标题'), article('二条标题')))
    const first = mergeIndex(undefined, paper, buildIssue(two), '2024-01-01T00:00:00.000Z', unread)
    expect(Object.keys(first.index)).toEqual(['version', 'paper', 'updatedAt', 'issues', 'latest'])
    expect(first.index.latest).toEqual(latestOf(buildIssue(two)))
    const retitled = buildIssue(parseIssue(blocks(masthead(), article('头条标题'), article('二条新标题'))))
    const again = mergeIndex(first.index, paper, retitled, '2025-01-01T00:00:00.000Z', unread)
    expect(again.index.issues).toEqual(first.index.issues)
    expect(again.changed).toBe(true)
    expect(again.index.latest?.articles.map((a) => a.title)).toEqual(['头条标题', '二条新标题'])
    expect(again.index.updatedAt).toBe('2025-01-01T00:00:00.000Z')
  })

  test('resolvePaper fills only what the paper file does not set; without one the id is derived', () => {
    const r = resolvePaper({ file: { id: 'x', name: '某报', hotline: '12345', extra: true }, masthead: parsed.masthead })
    expect(r).toEqual({ paper: { id: 'x', name: '某报', publisher: '济宁高新区党工委宣传部（融媒体中心）', hotline: '12345', slogan: '活力・魅力・热点・焦点', extra: true } })
    expect(resolvePaper({ masthead: parsed.masthead })).toMatchObject({ paper: { id: expect.stringMatching(/^paper-[0-9a-f]{8}$/), name: '高新区报' } })
    expect(resolvePaper({ existing: { id: 'y', name: '旧名' }, masthead: parsed.masthead })).toMatchObject({ paper: { id: 'y', name: '旧名' } })
  })
})

describe('editor notes', () => {
  test('readNote reads back the notes a correction can settle, with or without the page label, and no other', () => {
    expect(readNote(NOTE.cutParagraph('分栏处断开的结尾'))).toEqual({ kind: 'cut-paragraph', tail: '分栏处断开的结尾' })
    expect(readNote(`01版 要闻：${NOTE.cutParagraph('结尾：第2版')}`)).toEqual({ kind: 'cut-paragraph', tail: '结尾：第2版' })
    expect(readNote(NOTE.unpairedQuote('“开头的二十个字'))).toEqual({ kind: 'unpaired-quote', start: '“开头的二十个字' })
    expect(readNote(`02版 综合：${NOTE.noCaption('湿地一角')}`)).toEqual({ kind: 'no-caption' })
    expect(readNote(NOTE.untitledPhoto('图片新闻'))).toEqual({ kind: 'untitled-photo' })
    expect(readNote(NOTE.keptSpace('大手牵小手 爱心助学行'))).toBeUndefined()
    expect(readNote('01版 要闻：广告：公益广告 节约用水')).toBeUndefined()
    expect(readNote(NOTE.cutParagraph(''))).toBeUndefined()
  })
})
