import { bootApp, openPage, waitUntil } from './harness'
import { SAMPLE_ISSUE_ID, SAMPLE_PAGES } from '../fixtures/sample-issue'

// One compiled page per file: this is the issue page opened from a link, not the latest-issue view.
test('an issue opened from a link is not handed to the rendering cache: the next launch opens on the latest issue', async () => {
  const phone = bootApp()
  const page = openPage('pages/issue/index', { id: SAMPLE_ISSUE_ID })
  const titles = () => page.root.querySelectorAll('.article-item__title').map((n) => n.dom.textContent)
  await waitUntil(() => titles().length === SAMPLE_PAGES[0].titles.length)
  // Longer than the page waits before recording (src/platform/first-screen.ts).
  await new Promise((r) => setTimeout(r, 300))
  expect(phone.renderingCache).toEqual([])
})
