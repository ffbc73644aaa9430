// The recognise stage on pages built by hand: runs placed as a layout program places them (points,
// top-left origin), so each rule of the recogniser is tested on geometry alone.
import type { PageContent, PlacedImage, Rule, TextRun } from '../../newsroom/extract/page-content'
import { closeUpSpaces, joinRuns, buildLines, runText } from '../../newsroom/recognise/geometry'
import { RecogniseError, recogniseIssue } from '../../newsroom/recognise/recognise-issue'

const W = 600
const H = 900
const BODY = 10

function run(text: string, x: number, y: number, size: number, bold = false): TextRun {
  return { text, x, y, w: [...text].length * size, h: size, size, font: bold ? 'Sans-Bold' : 'Serif', bold }
}

/**
 * Sets text in one justified column `chars` characters wide: each paragraph's first line indented two
 * characters, lines 1.6 em apart. Returns the runs and the y below the last line.
 */
function column(paragraphs: string[], x: number, y: number, chars: number, size = BODY, bold?: (p: number, line: number) => boolean): { runs: TextRun[], bottom: number } {
  const runs: TextRun[] = []
  let top = y
  paragraphs.forEach((p, pi) => {
    const cs = [...p]
    let first = true
    let li = 0
    while (cs.length > 0) {
      const indent = first ? 2 : 0
      const line = cs.splice(0, chars - indent).join('')
      runs.push(run(line, x + indent * size, top, size, bold?.(pi, li) ?? false))
      top += 1.6 * size
      first = false
      li++
    }
  })
  return { runs, bottom: top }
}

function page(index: number, runs: TextRun[], extra: { images?: PlacedImage[], rules?: Rule[], file?: string } = {}): PageContent {
  return { index, file: extra.file ?? `p${index + 1}.pdf`, pageInFile: 1, width: W, height: H, runs, images: extra.images ?? [], rules: extra.rules ?? [] }
}

const hrule = (y: number, x1 = 30, x2 = 570): Rule => ({ x1, y1: y, x2, y2: y, width: 1 })
const vrule = (x: number, y1: number, y2: number): Rule => ({ x1: x, y1, x2: x, y2, width: 0.75 })

/** Front-page masthead: paper name in the largest type, issue numbers, the date line, a rule under it. */
function masthead(): { runs: TextRun[], rules: Rule[] } {
  return {
    runs: [
      run('01版', 30, 20, 12, true), run('要闻', 70, 20, 12, true),
      run('主管：某某区委宣传部', 300, 20, 8),
      run('某某区报', 30, 50, 48, true),
      run('总第812期', 420, 55, 9), run('2024年第12期', 420, 70, 9),
      run('2024年3月5日', 30, 115, 9), run('星期二', 110, 115, 9), run('农历甲辰年正月廿五', 150, 115, 9)
    ],
    rules: [hrule(135)]
  }
}

const P1 = '本报讯（记者 张三 通讯员 李四）3月4日，某某区召开春季植树动员会，部署今年国土绿化工作。会议要求各街道抓紧时节，把任务落到地块。'
const P2 = '会议指出，植树造林是功在当代、利在千秋的事业，各部门要密切配合，确保栽一棵活一棵。'
const P3 = '会后，与会人员到河滩地参加义务植树活动，共栽下苗木三千余株。'

describe('one article under the masthead', () => {
  const m = masthead()
  const kicker = run('春风化雨', 200, 150, 14)
  const title = run('全区掀起植树热潮', 150, 172, 24, true)
  const sub = run('——三千余株苗木扎根河滩', 180, 204, 14)
  const a = column([P1, P2, P3], 30, 230, 26)
  const issue = recogniseIssue([page(0, [...m.runs, kicker, title, sub, ...a.runs], { rules: m.rules })])

  test('masthead: paper name from the largest type, numbers, date, weekday, lunar date, publisher', () => {
    expect(issue.masthead.paperName).toBe('某某区报')
    expect(issue.number).toBe(812)
    expect(issue.yearNumber).toBe(12)
    expect(issue.date).toBe('2024-03-05')
    expect(issue.masthead.weekday).toBe('二')
    expect(issue.masthead.publisher).toBe('某某区委宣传部')
    expect(issue.pages.map((p) => p.name)).toEqual(['01版 要闻'])
  })

  test('headline group by size and position: 引题 above, 题 largest, 副题 below without its dash', () => {
    const it = issue.items[0]
    expect(it.kicker).toBe('春风化雨')
    expect(it.title).toBe('全区掀起植树热潮')
    expect(it.subtitle).toBe('三千余株苗木扎根河滩')
  })

  test('dateline and its credits read as the text path reads them; paragraphs from first-line indents', () => {
    const it = issue.items[0]
    expect(it.dateline).toBe('本报讯')
    expect(it.byline).toEqual([{ role: '记者', name: '张三' }, { role: '通讯员', name: '李四' }])
    expect(it.paragraphs).toEqual([P1.replace(/^本报讯（记者 张三 通讯员 李四）/, ''), P2, P3])
  })

  test('the zone covers headline group and text, in fractions of the page', () => {
    const [z] = issue.items[0].zones
    expect(z.page).toBe(0)
    expect(z.x).toBeCloseTo(30 / W, 3)
    expect(z.y).toBeCloseTo(150 / H, 3)
    // The 副题 reaches further right than the column.
    expect(z.x + z.w).toBeCloseTo(Math.max(30 + 26 * BODY, sub.x + sub.w) / W, 3)
    expect(z.y + z.h).toBeCloseTo(a.bottom / H - 0.6 * BODY / H, 2)
  })
})

test('columns are read left to right, and a paragraph runs on across a column break when the next column does not indent', () => {
  const m = masthead()
  const title = run('河道治理见成效', 60, 150, 22, true)
  const text = [P1, P2, P3].join('')
  const left = column([text.slice(0, 70)], 30, 190, 12)
  // The rest continues in a second column: its first line is not indented.
  const rest = text.slice(70)
  const right = column([rest], 165, 190, 12).runs.map((r, i) => (i === 0 ? { ...r, x: 165 } : r))
  const firstLine = { ...right[0], text: [...rest].slice(0, 12).join(''), w: 12 * BODY }
  const rightFixed = [firstLine, ...column([[...rest].slice(12).join('')], 165, 190 + 1.6 * BODY, 12).runs.map((r) => ({ ...r, x: 165 }))]
  const issue = recogniseIssue([page(0, [...m.runs, title, ...left.runs, ...rightFixed], { rules: m.rules })])
  expect(issue.items).toHaveLength(1)
  expect(issue.items[0].paragraphs).toEqual([text.replace(/^本报讯（记者 张三 通讯员 李四）/, '')])
})

test('two modules side by side, separated by a rule: two articles in reading order, each with its own zone', () => {
  const m = masthead()
  const t1 = run('东区新建三所学校', 40, 150, 20, true)
  const a1 = column([P1, P2], 30, 180, 24)
  const t2 = run('西区道路提升改造', 320, 150, 20, true)
  const a2 = column(['本报讯（记者 王五）' + P3, P2], 310, 180, 24)
  const issue = recogniseIssue([page(0, [...m.runs, t1, ...a1.runs, t2, ...a2.runs], { rules: [...m.rules, vrule(295, 145, 500)] })])
  expect(issue.items.map((i) => i.title)).toEqual(['东区新建三所学校', '西区道路提升改造'])
  expect(issue.items[1].byline).toEqual([{ role: '记者', name: '王五' }])
  expect(issue.items[1].paragraphs).toEqual([P3, P2])
  expect(issue.items[0].zones[0].x + issue.items[0].zones[0].w).toBeLessThan(295 / W)
  expect(issue.items[1].zones[0].x).toBeGreaterThan(295 / W)
})

test('a photo item: the image, its title, the caption under it in a smaller face, and the credit', () => {
  const m = masthead()
  const lead = [run('春耕正当时', 60, 150, 22, true), ...column([P1, P2], 30, 185, 24).runs]
  const image: PlacedImage = { id: 'img0', x: 320, y: 150, w: 250, h: 160, pixelWidth: 1000, pixelHeight: 640 }
  const photoTitle = run('麦田披绿', 410, 318, 14, true)
  const caption = [run('3月4日，农户在麦田里浇灌返青水，', 320, 340, 8), run('田间一片忙碌。', 320, 352, 8)]
  const credit = run('■记者 赵六 摄', 500, 366, 8)
  const issue = recogniseIssue([page(0, [...m.runs, ...lead, photoTitle, ...caption, credit], { rules: [...m.rules, vrule(300, 145, 420)], images: [image] })])
  expect(issue.items).toHaveLength(2)
  const photo = issue.items[1]
  expect(photo.kind).toBe('photo')
  expect(photo.title).toBe('麦田披绿')
  expect(photo.figure?.caption).toBe('3月4日，农户在麦田里浇灌返青水，田间一片忙碌。')
  expect(photo.figure?.credit).toEqual({ role: '记者', name: '赵六' })
  expect(photo.image).toEqual({ page: 0, imageId: 'img0' })
  expect(photo.paragraphs).toEqual([])
})

test('an ad box and a slogan with no text never become articles; they are left out with a note', () => {
  const m = masthead()
  const lead = [run('春耕正当时', 60, 150, 22, true), ...column([P1, P2], 30, 185, 24).runs]
  const ad = [run('公益广告', 330, 160, 9), run('节约用水', 360, 190, 30, true), run('从我做起', 360, 230, 30, true)]
  const issue = recogniseIssue([page(0, [...m.runs, ...lead, ...ad], { rules: [...m.rules, hrule(150, 320, 570), hrule(280, 320, 570), vrule(320, 150, 280), vrule(570, 150, 280)] })])
  expect(issue.items.map((i) => i.title)).toEqual(['春耕正当时'])
  expect(issue.leftOut.some((n) => /广告：公益广告 节约用水/.test(n.message))).toBe(true)
})

test('an article continued on another page is joined: one article, paragraphs in order, zones on both pages', () => {
  const m = masthead()
  const firstPart = [run('城市更新提速', 60, 150, 22, true), ...column([P1, P2.slice(0, 20)], 30, 185, 24).runs, run('（下转第2版）', 200, 300, 9)]
  const head2 = [run('02版', 30, 20, 12, true), run('综合', 70, 20, 12, true), run('责任编辑：孙七', 480, 20, 8)]
  // The second part repeats the title, says where it came from, and its first line is not indented.
  const secondPart = [run('城市更新提速', 60, 60, 18, true), run('（上接第1版）', 90, 86, 9), ...column([P2.slice(20)], 30, 105, 24).runs.map((r, i) => (i === 0 ? { ...r, x: 30 } : r)), ...column([P3], 30, 160, 24).runs]
  const issue = recogniseIssue([
    page(0, [...m.runs, ...firstPart], { rules: m.rules }),
    page(1, [...head2, ...secondPart], { rules: [hrule(40)] })
  ])
  expect(issue.pages.map((p) => p.name)).toEqual(['01版 要闻', '02版 综合'])
  expect(issue.items).toHaveLength(1)
  const it = issue.items[0]
  expect(it.paragraphs).toEqual([P1.replace(/^本报讯（记者 张三 通讯员 李四）/, ''), P2, P3])
  expect(it.zones.map((z) => z.page)).toEqual([0, 1])
  expect(issue.pages[1].items).toEqual([])
  expect(issue.leftOut.some((n) => /责任编辑：孙七/.test(n.message))).toBe(true)
})

test('a page with images and no text is refused, naming file and page: it needs OCR', () => {
  const m = masthead()
  const ok = page(0, [...m.runs, run('标题在此', 60, 150, 22, true), ...column([P1], 30, 185, 24).runs], { rules: m.rules })
  const scan = { ...page(1, [], { images: [{ id: 'img0', x: 0, y: 0, w: W, h: H, pixelWidth: 2000, pixelHeight: 3000 }], file: 'scan.pdf' }), pageInFile: 3 }
  expect(() => recogniseIssue([ok, scan])).toThrow(RecogniseError)
  expect(() => recogniseIssue([ok, scan])).toThrow(/scan\.pdf 第3页：.*文字识别（OCR）/)
})

describe('text as extraction gives it', () => {
  test('radical code points become the ideographs they stand for', () => {
    expect(runText('⾼新区⼈⺠')).toBe('高新区人民')
  })
  test('letter-spaced justified text closes up; spaces between words of two or more characters stay', () => {
    expect(closeUpSpaces('投入， 党 建 引 领 更 有力度')).toBe('投入，党建引领更有力度')
    expect(closeUpSpaces('大手牵小手 爱心助学行')).toBe('大手牵小手 爱心助学行')
    expect(closeUpSpaces('推广“ 居民通 ”小程序')).toBe('推广“居民通”小程序')
    expect(closeUpSpaces('源 通讯员 王安冉')).toBe('源 通讯员 王安冉')
    expect(closeUpSpaces('visit Jining High-tech Zone')).toBe('visit Jining High-tech Zone')
  })
  test('runs on one baseline join; a gap wider than the letter spacing is a space', () => {
    const runs = [run('大手', 0, 0, 20), run('牵小手', 41, 0, 20), run('爱心', 106, 0, 20), run('助学行', 147, 0, 20)]
    expect(buildLines(joinRuns(runs)).map((l) => l.text)).toEqual(['大手牵小手 爱心助学行'])
  })
})

test('a continuation whose first part cannot be found keeps its text, titled by its opening words, with a warning', () => {
  const m = masthead()
  const lead = [run('春耕正当时', 60, 150, 22, true), ...column([P1], 30, 185, 24).runs]
  const orphan = [run('（上接第5版）', 30, 60, 9), ...column([P3], 30, 80, 24).runs]
  const issue = recogniseIssue([
    page(0, [...m.runs, ...lead], { rules: m.rules }),
    page(1, [run('02版', 30, 20, 12, true), run('综合', 70, 20, 12, true), ...orphan], { rules: [hrule(40)] })
  ])
  expect(issue.items.map((i) => i.title)).toEqual(['春耕正当时', `${[...P3].slice(0, 16).join('')}…`])
  expect(issue.items[1].paragraphs).toEqual([P3])
  expect(issue.warnings.some((w) => /从第5版接续过来的文字没有标题/.test(w.message))).toBe(true)
})

test('a producer that places every glyph on its own, justified, with no rules between modules: same reading', () => {
  // Each character its own run, spread by letter spacing; modules apart by white space only.
  const glyphs = (runs: TextRun[], tracking: number): TextRun[] => runs.flatMap((r) => [...r.text].map((ch, i) => ({ ...r, text: ch, x: r.x + i * (r.size + tracking), w: r.size })))
  const mastheadRuns = [run('某某区报', 30, 40, 48, true), run('总第812期', 420, 45, 9), run('2024年第12期', 420, 60, 9), run('2024年3月5日', 30, 105, 9), run('星期二', 110, 105, 9)]
  const left = [run('东区新建', 40, 150, 20, true), run('三所学校', 130, 150, 20, true), ...column([P1, P2], 30, 180, 24).runs]
  const right = [run('西区道路提升改造', 320, 150, 20, true), ...column(['本报讯（记者 王五）' + P3], 310, 180, 24).runs]
  const issue = recogniseIssue([page(0, [...mastheadRuns, ...glyphs([...left, ...right], 0.6)])])
  expect(issue.number).toBe(812)
  expect(issue.items.map((i) => i.title)).toEqual(['东区新建 三所学校', '西区道路提升改造'])
  expect(issue.items[0].paragraphs).toEqual([P1.replace(/^本报讯（记者 张三 通讯员 李四）/, ''), P2])
  expect(issue.items[0].byline).toEqual([{ role: '记者', name: '张三' }, { role: '通讯员', name: '李四' }])
  expect(issue.items[1].paragraphs).toEqual([P3])
})

test('an own-line byline under the headline, and a photo printed inside the article, stay with that article', () => {
  const m = masthead()
  const title = run('湿地候鸟数量创新高', 60, 150, 22, true)
  const byline = run('■本报记者 钱八 本报通讯员 周九', 60, 180, BODY)
  const text = column([P2, P3], 30, 200, 24)
  const image: PlacedImage = { id: 'img3', x: 30, y: text.bottom + 5, w: 240, h: 150, pixelWidth: 960, pixelHeight: 600 }
  const caption = run('成群的白鹭在湿地觅食。■记者 钱八 摄', 30, text.bottom + 160, 8)
  const issue = recogniseIssue([page(0, [...m.runs, title, byline, ...text.runs, caption], { rules: m.rules, images: [image] })])
  expect(issue.items).toHaveLength(1)
  const it = issue.items[0]
  expect(it.kind).toBe('article')
  expect(it.byline).toEqual([{ role: '记者', name: '钱八' }, { role: '通讯员', name: '周九' }])
  expect(it.paragraphs).toEqual([P2, P3])
  expect(it.figure).toMatchObject({ caption: '成群的白鹭在湿地觅食。', credit: { role: '记者', name: '钱八' } })
  expect(it.image).toEqual({ page: 0, imageId: 'img3' })
  // The zone reaches down over the photo and its caption.
  const z = it.zones[0]
  expect(z.y + z.h).toBeCloseTo((caption.y + caption.h) / H, 3)
})
