import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Issue } from '@/core/feed'
import { bootApp, boundAttribute, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_PHOTO } from '../fixtures/sample-issue'

// The photo is taken from the page PDF and its file name carries a hash of its bytes: take the name from
// the sample feed the page reads.
const sampleIssue = JSON.parse(readFileSync(path.resolve(__dirname, '../../dist/feed/issues', `${SAMPLE_ISSUE_ID}.json`), 'utf8')) as Issue
const photoSrc = sampleIssue.articles.find((a) => a.id === SAMPLE_PHOTO.id)?.figures[0]?.src

test('the compiled article page shows the photo item\'s figure: the photo taken from the page PDF, caption and credit, no placeholder label', async () => {
  bootApp()
  const page = openPage('pages/article/index', { issue: SAMPLE_ISSUE_ID, article: SAMPLE_PHOTO.id })
  await waitUntil(() => pageText(page).includes(SAMPLE_PHOTO.title))

  expect(page.root.querySelector('.figure__image')).not.toBeNull()
  expect(photoSrc).toMatch(new RegExp(`^images/${SAMPLE_ISSUE_ID}/${SAMPLE_PHOTO.id}-1-[0-9a-f]{12}\\.jpg$`))
  expect(boundAttribute(page, 'figure__image', 'src')).toBe(`${process.env.TEST_BASE_URL}feed/${photoSrc}`)
  expect(boundAttribute(page, 'figure__image', 'mode')).toBe('widthFix')
  expect(page.root.querySelector('.figure__caption')?.dom.textContent?.startsWith(SAMPLE_PHOTO.captionStart)).toBe(true)
  expect(page.root.querySelector('.figure__credit')?.dom.textContent).toBe(SAMPLE_PHOTO.credit)
  expect(page.root.querySelector('.figure__placeholder') ?? null).toBeNull()
})
