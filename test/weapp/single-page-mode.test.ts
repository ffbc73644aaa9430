import { bootApp, openPage, pageText, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_LEAD } from '../fixtures/sample-issue'

test('opened from Moments in single-page mode, an article without a photo renders in full and shares the paper\'s card', async () => {
  const phone = bootApp({ scene: 1154 })
  const page = openPage('pages/article/index', { issue: SAMPLE_ISSUE_ID, article: SAMPLE_LEAD.id })
  await waitUntil(() => pageText(page).includes(SAMPLE_LEAD.credits))
  // Its storage is its own: nothing was cached, so the index and the issue were fetched, and the
  // issue is now kept for offline reading like any other.
  expect(phone.requests.map((u) => u.replace(/^.*\/feed\//, ''))).toEqual(['index.json', `issues/${SAMPLE_ISSUE_ID}.json`])
  const cachedIssue = [...phone.storage.entries()].find(([key]) => key.endsWith(`/issue/${SAMPLE_ISSUE_ID}`))
  expect(cachedIssue?.[1]).toContain(SAMPLE_LEAD.title)
  expect(page.root.querySelectorAll('.article__paragraph').length).toBe(7)
  expect(pageText(page)).toContain('不断增强全区人民的获得感、幸福感和满意度。')
  // No navigation exists in this mode, so none is offered.
  expect(page.root.querySelector('.article-screen__nav') ?? null).toBeNull()
  expect(page.root.querySelector('.share-control') ?? null).toBeNull()
  expect(page.instance.onShareAppMessage({ from: 'menu' })).toEqual({
    title: SAMPLE_LEAD.title,
    path: `/pages/article/index?issue=${SAMPLE_ISSUE_ID}&article=${SAMPLE_LEAD.id}`,
    imageUrl: '/assets/share-card.png'
  })
})
