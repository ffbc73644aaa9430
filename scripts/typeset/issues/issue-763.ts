/**
 * The sample issue 763 (2023-08-22) as two 版: its text and fields are the hand-checked reading in
 * test/fixtures/newsroom/issue-763-expected.json, so the PDFs and the text path agree on every field.
 */
import expected from '../../../test/fixtures/newsroom/issue-763-expected.json'
import type { IssueSpec, ItemSpec } from '../model'

const items: ItemSpec[] = expected.articles.map((a) => {
  const fig = 'figure' in a ? a.figure : undefined
  return {
    kind: fig ? 'photo' : 'article',
    ...('kicker' in a ? { kicker: a.kicker } : {}),
    title: a.title,
    ...('subtitle' in a ? { subtitle: a.subtitle } : {}),
    ...('dateline' in a ? { dateline: a.dateline } : {}),
    byline: a.byline,
    paragraphs: a.paragraphs,
    figures: fig ? [{ photo: { scene: 'river', seed: 763, aspect: 3 / 2 }, caption: fig.caption, credit: fig.credit }] : []
  }
})

const m = expected.masthead

export const issue763: IssueSpec = {
  dir: 'sample/pdf',
  producer: 'chromium',
  files: 'per-page',
  comment: 'issue 763 of 高新区报 (2023-08-22), the sample, typeset by Chromium with embedded font subsets; fields from test/fixtures/newsroom/issue-763-expected.json.',
  paper: { name: m.paperName, publisher: m.publisher, hotline: m.hotline, slogan: m.slogan, site: m.site },
  date: m.date,
  number: m.number,
  yearNumber: m.yearNumber,
  pageSize: { w: 330, h: 540 },
  bodySize: 10.5,
  items,
  pages: [
    {
      number: 1,
      name: '要闻',
      editors: ['责任编辑：孔令华', '版式：王晓'],
      body: {
        stack: [
          {
            row: [
              { span: 4, stack: [{ item: 0, textCols: 4, titleSize: 30 }, { row: [{ span: 2, item: 1, textCols: 2, titleSize: 18 }, { span: 2, item: 2, textCols: 2, titleSize: 18 }] }] },
              { span: 2, stack: [{ item: 3, textCols: 2, titleSize: 18 }, { item: 4, textCols: 1 }] }
            ]
          },
          { ad: { label: '公益广告', slogan: ['讲文明 树新风'], small: '济宁高新区精神文明建设办公室' } }
        ]
      }
    },
    {
      number: 2,
      name: '综合',
      editors: ['责任编辑：李明', '版式：王晓'],
      body: {
        stack: [
          { item: 5, textCols: 6, titleSize: 26 },
          { row: [{ span: 3, item: 6, textCols: 3, titleSize: 22 }, { span: 3, item: 7, textCols: 3, titleSize: 20 }] },
          { row: [{ span: 4, item: 8, textCols: 4, titleSize: 18 }, { span: 2, ad: { label: '公益广告', slogan: ['节约用水', '从我做起'] } }] }
        ]
      }
    }
  ]
}
