import { bootApp, openPage, pageText, waitUntil } from './harness'

test('a reader with WeChat\'s largest font size (关怀模式) starts in 长辈模式 until choosing a size', async () => {
  const phone = bootApp({ fontSizeSetting: 26 })
  const page = openPage('pages/issue/index')
  await waitUntil(() => pageText(page).includes('总第763期'))
  expect(page.root.querySelector('.reading.size-4')).not.toBeNull()
  expect(page.root.querySelector('.reading.size-2') ?? null).toBeNull()
  // Nothing was chosen, so nothing about the size is stored: the next launch reads WeChat's setting again.
  expect(phone.storage.get('gxqb/prefs') ?? '').not.toContain('textSize')
})
