// The extract stage's pure helpers: weights from font names as layout programs write them, subset
// prefixes, and radicals that some ToUnicode maps give for ideographs.
import { isBoldFont, multiply, stripSubsetPrefix } from '../../newsroom/extract/page-geometry'
import { normaliseIdeographs } from '../../newsroom/text-chars'

test.each<[string, boolean]>([
  ['NotoSansCJKsc-Bold', true],
  ['ABCDEF+NotoSerifCJKsc-Bold', true],
  ['NotoSerifCJKsc-Regular', false],
  ['SimSun,Bold', true],
  ['SimHei', false],
  ['STSong-Light', false],
  ['Helvetica-Black', true],
  ['SourceHanSansSC-Heavy', true],
  ['SourceHanSansSC-Medium', false],
  ['HiraKakuProN-W6', true],
  ['HiraKakuProN-W3', false],
  ['FZDHTK--GBK1-0', true], // 方正大黑
  ['FZCQK--GBK1-0', true], // 方正粗倩
  ['FZSSK--GBK1-0', false], // 方正书宋
  ['FZBSK--GBK1-0', false] // 方正报宋
])('%s is bold: %s', (name, bold) => {
  expect(isBoldFont(name)).toBe(bold)
})

test("pdf.js's own bold flag wins over a plain name", () => {
  expect(isBoldFont('F1', true)).toBe(true)
  expect(isBoldFont('F1', false)).toBe(false)
})

test('only a six-capital subset tag is stripped', () => {
  expect(stripSubsetPrefix('BAAAAA+NotoSansCJKsc-Bold')).toBe('NotoSansCJKsc-Bold')
  expect(stripSubsetPrefix('Abcdef+Font')).toBe('Abcdef+Font')
  expect(stripSubsetPrefix('SimHei')).toBe('SimHei')
})

test('Kangxi radicals and compatibility ideographs become ideographs; full-width punctuation stays', () => {
  expect(normaliseIdeographs('⾼新区党⼯委，⽉报：（⼀）')).toBe('高新区党工委，月报：（一）')
  expect(normaliseIdeographs('ＡＢ１２ 全角')).toBe('ＡＢ１２ 全角')
  expect(normaliseIdeographs('\uf900')).toBe('豈')
})

test('matrices compose as PDF concatenates them: the inner one applies first', () => {
  // Scale by 2, then move by (100, 500): a point (10, 10) lands at (120, 520).
  const m = multiply([1, 0, 0, 1, 100, 500], [2, 0, 0, 2, 0, 0])
  expect([m[0] * 10 + m[2] * 10 + m[4], m[1] * 10 + m[3] * 10 + m[5]]).toEqual([120, 520])
})
