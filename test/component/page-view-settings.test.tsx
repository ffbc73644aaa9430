import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { createFeedCache } from '@/core/feed-cache'
import { createPageImageCache, type PageImageFiles } from '@/core/page-view/page-image-cache'
import { createPageViewStore } from '@/features/page-view/page-view-store'
import { StorageSettings } from '@/features/settings/storage-settings'
import { ViewSwitch } from '@/features/page-view/view-switch'
import { createMemoryStorage } from '../support/memory-storage'
import { makeIndex, makeIssue } from '../fixtures/feed-fixtures'
import { renderWithServices } from './render-with-services'

test('settings state the page images\' own budget beside the storage used, and clearing empties both', async () => {
  const storage = createMemoryStorage()
  const kept = new Set<string>()
  const files: PageImageFiles = {
    async save(url) { kept.add(url); return { path: url, bytes: 300 * 1024 } },
    async remove(path) { kept.delete(path) },
    async open(path) { return path }
  }
  const images = createPageImageCache({ files, storage })
  await images.resolve('https://feed.test/p1.jpg', '2023-08-22')
  const cache = createFeedCache({ storage })
  const pageView = createPageViewStore(storage, images)
  renderWithServices(<StorageSettings confirmClear={async () => true} />, { fetchIndex: async () => makeIndex(), fetchIssue: async () => makeIssue() }, { cache, pageView, storage })
  expect(screen.getByText('版面图 1 期，占用 0.29 MB（上限 20.0 MB，与报纸文字分开计算）')).toBeTruthy()
  fireEvent.click(screen.getByText('清除缓存'))
  await waitFor(() => expect(screen.getByText('版面图 0 期，占用 0.00 MB（上限 20.0 MB，与报纸文字分开计算）')).toBeTruthy())
  expect(kept.size).toBe(0)
})

test('the 版面 / 目录 switch marks the chosen view and reports a change', () => {
  const onChange = jest.fn()
  render(<ViewSwitch mode='list' onChange={onChange} />)
  expect(screen.getByRole('tab', { name: '目录' }).getAttribute('aria-selected')).toBe('true')
  expect(screen.getByRole('tab', { name: '版面' }).getAttribute('aria-selected')).toBe('false')
  fireEvent.click(screen.getByRole('tab', { name: '版面' }))
  expect(onChange).toHaveBeenCalledWith('page')
})

test('the remembered view survives a relaunch; anything unreadable falls back to 目录', () => {
  const storage = createMemoryStorage()
  createPageViewStore(storage).getState().setMode('page')
  expect(createPageViewStore(storage).getState().mode).toBe('page')
  storage.set('gxqb/page-view', '{"state":{"mode":"zoom"},"version":1}')
  expect(createPageViewStore(storage).getState().mode).toBe('list')
})
