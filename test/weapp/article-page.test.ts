import { bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_LEAD } from '../fixtures/sample-issue'

test('the compiled article page renders the article with its credits and moves to the next one', async () => {
  const phone = bootApp()
  const page = openPage('pages/article/index', { issue: SAMPLE_ISSUE_ID, article: SAMPLE_LEAD.id })
  await waitUntil(() => pageText(page).includes(SAMPLE_LEAD.title))

  const text = (sel: string) => page.root.querySelector(sel)?.dom.textContent
  expect(text('.article__kicker')).toBe(SAMPLE_LEAD.kicker)
  expect(text('.article__title')).toBe(SAMPLE_LEAD.title)
  expect(text('.article__dateline')).toBe(SAMPLE_LEAD.dateline)
  expect(text('.article__byline')).toBe(SAMPLE_LEAD.credits)
  expect(text('.article__paragraph')?.startsWith(SAMPLE_LEAD.firstWords)).toBe(true)
  expect(page.root.querySelectorAll('.article__paragraph').length).toBeGreaterThan(3)

  page.root.querySelectorAll('.article-screen__button')[1].dispatchEvent('tap')
  await waitUntil(() => phone.navigations.length > 0)
  expect(phone.navigations).toEqual([`redirectTo /pages/article/index?issue=${SAMPLE_ISSUE_ID}&article=a2`])
})
