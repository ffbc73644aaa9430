import { readFileSync } from 'node:fs'
import path from 'node:path'
import { bootApp, openPage, waitUntil, WEAPP_ROOT } from './harness'
import { SAMPLE_PAGES } from '../fixtures/sample-issue'

test('the compiled issue page asks WeChat for a dynamic initial rendering cache', () => {
  const config = JSON.parse(readFileSync(path.join(WEAPP_ROOT, 'pages/issue/index.json'), 'utf8'))
  expect(config.initialRenderingCache).toBe('dynamic')
})

test('once the latest issue\'s list is on screen, the page hands that rendered tree to the cache', async () => {
  const phone = bootApp()
  const page = openPage('pages/issue/index')
  const titles = () => page.root.querySelectorAll('.article-item__title').map((n) => n.dom.textContent)
  await waitUntil(() => titles().length === SAMPLE_PAGES[0].titles.length)
  await waitUntil(() => phone.renderingCache.length > 0)
  const last = phone.renderingCache[phone.renderingCache.length - 1]
  expect(last.route).toBe('pages/issue/index')
  // Taro's whole page tree, as the page data holds it: WeChat renders it with the page's own template.
  const data = last.data as { root: unknown }
  expect(Object.keys(data)).toEqual(['root'])
  expect(data.root).toEqual((page.root.instance.data as { root: unknown }).root)
  const cached = JSON.stringify(data.root)
  for (const title of SAMPLE_PAGES[0].titles) expect(cached).toContain(JSON.stringify(title).slice(1, -1))
  expect(cached).toContain('总第763期')
  // Not the loading state that came before the list.
  expect(cached).not.toContain('正在加载')
})
