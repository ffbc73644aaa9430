import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Issue } from '@/core/feed'
import { bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_PHOTO } from '../fixtures/sample-issue'

// The photo's file name carries a hash of its bytes: take it from the sample feed the page reads.
const sampleIssue = JSON.parse(readFileSync(path.resolve(__dirname, '../../dist/feed/issues', `${SAMPLE_ISSUE_ID}.json`), 'utf8')) as Issue
const photoSrc = sampleIssue.articles.find((a) => a.id === SAMPLE_PHOTO.id)?.figures[0]?.src

test('sharing the photo item offers its title, its photo and a path that opens it cold', async () => {
  bootApp()
  const page = openPage('pages/article/index', { issue: SAMPLE_ISSUE_ID, article: SAMPLE_PHOTO.id })
  await waitUntil(() => pageText(page).includes(SAMPLE_PHOTO.credit))
  // The sample is built from its page PDFs, so the photo item carries the photo printed on the page.
  expect(photoSrc).toMatch(new RegExp(`^images/${SAMPLE_ISSUE_ID}/${SAMPLE_PHOTO.id}-1-[0-9a-f]{12}\\.jpg$`))
  const photo = `${process.env.TEST_BASE_URL}feed/${photoSrc}`
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
  expect(share.imageUrl).toBe(`${process.env.TEST_BASE_URL}feed/${photoSrc}`)
  expect(page.instance.onShareTimeline()).toMatchObject({ query: `id=${SAMPLE_ISSUE_ID}` })
})
