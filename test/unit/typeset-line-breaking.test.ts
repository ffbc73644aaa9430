// The test-issue typesetter's line breaker (scripts/typeset/cid-producer.ts), which sets the CID issue's
// every line: lines fill the measure, punctuation never starts or ends a line where Chinese typesetting
// forbids it, numbers stay whole, and nothing is lost or reordered.
import { breakLines, glyphs } from '../../scripts/typeset/cid-producer'

const text = (line: { glyphs: Array<{ ch: string }> }) => line.glyphs.map((g) => g.ch).join('')
const lineHeight = 16

test('fills each line to the measure and keeps every character in order', () => {
  const para = '连日来，青川区各镇街抢抓农时，田间地头处处是春耕备耕的忙碌景象。记者从区农业农村局获悉，今年全区粮食播种面积稳定在一百零六万亩以上。'
  const lines = breakLines(glyphs(para, 'body', 10), 100, { indent: 20, lineHeight })
  expect(lines.map(text).join('')).toBe(para)
  expect(text(lines[0])).toHaveLength(8) // 100 pt less a two-character indent holds eight 10 pt ideographs
  expect(lines[0].indent).toBe(20)
  expect(lines.slice(1).every((l) => l.indent === 0)).toBe(true)
  expect(lines.slice(0, -1).every((l) => l.justify)).toBe(true)
  expect(lines[lines.length - 1].justify).toBe(false)
})

test('no line starts with closing punctuation or ends with an opening mark', () => {
  // Ten characters a line: the comma would open the second line and the bracket close it; each pulls a character along.
  const lines = breakLines(glyphs('一二三四五六七八九十，甲乙丙丁戊己庚（癸）子丑寅卯', 'body', 10), 100, { indent: 0, lineHeight })
  expect(lines.map(text)).toEqual(['一二三四五六七八九', '十，甲乙丙丁戊己庚', '（癸）子丑寅卯'])
})

test('numbers and Latin words are set half an em wide and never broken', () => {
  const lines = breakLines(glyphs('截至目前共完成2024年度计划的百分之十二', 'body', 10), 60, { indent: 0, lineHeight })
  expect(lines.map(text).some((t) => t.includes('2024'))).toBe(true)
  expect(glyphs('2024年', 'body', 10).map((g) => g.w)).toEqual([5, 5, 5, 5, 10])
})
