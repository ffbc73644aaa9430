import { bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_PHOTO } from '../fixtures/sample-issue'

test('sharing the photo item offers its title, its photo and a path that opens it cold', async () => {
  bootApp()
  const page = openPage('pages/article/index', { issue: SAMPLE_ISSUE_ID, article: SAMPLE_PHOTO.id })
  await waitUntil(() => pageText(page).includes(SAMPLE_PHOTO.credit))
  // The sample is built from its page PDFs, so the photo item carries the photo printed on the page.
  const photo = `${process.env.TEST_BASE_URL}feed/images/${SAMPLE_ISSUE_ID}/a5-1.jpg`
  expect(page.instance.onShareAppMessage({ from: 'menu' })).toEqual({
    title: SAMPLE_PHOTO.title,
    path: `/pages/article/index?issue=${SAMPLE_ISSUE_ID}&article=${SAMPLE_PHOTO.id}`,
    imageUrl: photo
  })
  expect(page.instance.onShareTimeline()).toEqual({ title: SAMPLE_PHOTO.title, query: `issue=${SAMPLE_ISSUE_ID}&article=${SAMPLE_PHOTO.id}`, imageUrl: photo })
  // The visible share button opens WeChat's share sheet.
  expect(page.root.querySelector('.share-control__button')?.dom.textContent).toBe('分享给朋友')
})

test('sharing the issue page offers the issue with its number, date, lead headline and cover photo', async () => {
  const page = openPage('pages/issue/index')
  await waitUntil(() => pageText(page).includes('总第763期'))
  const share = page.instance.onShareAppMessage({ from: 'menu' }) as { title: string, path: string, imageUrl: string }
  expect(share.title).toBe('高新区报 第763期 2023年8月22日：以党建引领网格化服务管理')
  expect(share.path).toBe(`/pages/issue/index?id=${SAMPLE_ISSUE_ID}`)
  // The index's cover is the issue's first photo.
  expect(share.imageUrl).toBe(`${process.env.TEST_BASE_URL}feed/images/${SAMPLE_ISSUE_ID}/a5-1.jpg`)
  expect(page.instance.onShareTimeline()).toMatchObject({ query: `id=${SAMPLE_ISSUE_ID}` })
})
