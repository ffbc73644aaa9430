import { bootApp, boundAttribute, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_PHOTO } from '../fixtures/sample-issue'

test('the compiled article page shows the photo item\'s figure: the photo taken from the page PDF, caption and credit, no placeholder label', async () => {
  bootApp()
  const page = openPage('pages/article/index', { issue: SAMPLE_ISSUE_ID, article: SAMPLE_PHOTO.id })
  await waitUntil(() => pageText(page).includes(SAMPLE_PHOTO.title))

  expect(page.root.querySelector('.figure__image')).not.toBeNull()
  expect(boundAttribute(page, 'figure__image', 'src')).toBe(`${process.env.TEST_BASE_URL}feed/images/${SAMPLE_ISSUE_ID}/a5-1.jpg`)
  expect(boundAttribute(page, 'figure__image', 'mode')).toBe('widthFix')
  expect(page.root.querySelector('.figure__caption')?.dom.textContent?.startsWith(SAMPLE_PHOTO.captionStart)).toBe(true)
  expect(page.root.querySelector('.figure__credit')?.dom.textContent).toBe(SAMPLE_PHOTO.credit)
  expect(page.root.querySelector('.figure__placeholder') ?? null).toBeNull()
})
