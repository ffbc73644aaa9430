import { chooseRendition, clampTransform, fittedHeight, hasPageImages, pageOfArticle, zoneBox, zonesOnPage, zoomAbout } from '@/core/page-view/geometry'
import { createPageImageCache, PAGE_IMAGE_INDEX_KEY, type PageImageFiles } from '@/core/page-view/page-image-cache'
import type { Issue, PageImage } from '@/core/feed'
import { createMemoryStorage } from '../support/memory-storage'

const IMAGE: PageImage = { src: 'images/p1.jpg', width: 1500, height: 2456, thumb: { src: 'images/p1-thumb.jpg', width: 750, height: 1228 } }

describe('page geometry', () => {
  test('the page fills the screen width at its own aspect ratio', () => {
    expect(fittedHeight(IMAGE, 375)).toBe(614)
    expect(fittedHeight(IMAGE.thumb!, 375)).toBe(614)
  })

  test('a phone at screen width gets the thumb; zoomed in or on a wider screen, the large image', () => {
    expect(chooseRendition(IMAGE, 375, 2, 1).src).toBe('images/p1-thumb.jpg')
    expect(chooseRendition(IMAGE, 360, 2, 1).src).toBe('images/p1-thumb.jpg')
    expect(chooseRendition(IMAGE, 375, 2, 2).src).toBe('images/p1.jpg')
    expect(chooseRendition(IMAGE, 414, 3, 1).src).toBe('images/p1.jpg')
    expect(chooseRendition({ ...IMAGE, thumb: undefined }, 375, 2, 1).src).toBe('images/p1.jpg')
  })

  test('zones become percentages of the page', () => {
    expect(zoneBox({ pageId: 'p1', x: 0.0455, y: 0.1735, w: 0.5977, h: 0.305 })).toEqual({ left: '4.55%', top: '17.35%', width: '59.77%', height: '30.50%' })
  })

  const content = { width: 375, height: 614 }
  const viewport = { width: 375, height: 614 }

  test('zooming about a point keeps the page point under the finger', () => {
    const t = zoomAbout({ x: 0, y: 0, scale: 1 }, { x: 100, y: 200 }, 2, content, viewport)
    expect(t).toEqual({ x: -100, y: -200, scale: 2 })
    // The page point (100, 200) is still at viewport (100, 200).
    expect(100 * t.scale + t.x).toBe(100)
  })

  test('the zoomed page never leaves an empty margin and scale stays within limits', () => {
    expect(zoomAbout({ x: 0, y: 0, scale: 1 }, { x: 0, y: 0 }, 2, content, viewport)).toEqual({ x: 0, y: 0, scale: 2 })
    expect(zoomAbout({ x: 0, y: 0, scale: 1 }, { x: 375, y: 614 }, 2, content, viewport)).toEqual({ x: -375, y: -614, scale: 2 })
    expect(clampTransform({ x: 50, y: -5000, scale: 9 }, content, viewport)).toEqual({ x: 0, y: -614 * 3, scale: 4 })
    expect(clampTransform({ x: -50, y: -50, scale: 0.5 }, content, viewport)).toEqual({ x: 0, y: 0, scale: 1 })
  })
})

const issue = {
  pages: [
    { id: 'p1', name: '01版', articleIds: ['a2', 'a1'], image: IMAGE },
    { id: 'p2', name: '02版', articleIds: ['a3'], image: IMAGE }
  ],
  articles: [
    { id: 'a1', title: '一', zones: [{ pageId: 'p1', x: 0, y: 0, w: 0.5, h: 0.5 }] },
    { id: 'a2', title: '二', zones: [{ pageId: 'p1', x: 0.5, y: 0, w: 0.5, h: 0.5 }, { pageId: 'p2', x: 0, y: 0.5, w: 1, h: 0.2 }] },
    { id: 'a3', title: '三' }
  ]
} as unknown as Issue

test('zones on a page come in the page\'s article order with their titles; an article runs on its first page', () => {
  expect(zonesOnPage(issue, 'p1').map((z) => [z.articleId, z.title, z.x])).toEqual([['a2', '二', 0.5], ['a1', '一', 0]])
  expect(zonesOnPage(issue, 'p2').map((z) => z.articleId)).toEqual(['a2'])
  expect(pageOfArticle(issue, 'a2')).toBe('p1')
  expect(pageOfArticle(issue, 'a3')).toBeUndefined()
  expect(hasPageImages(issue)).toBe(true)
  expect(hasPageImages({ ...issue, pages: [{ ...issue.pages[0], image: undefined }] } as Issue)).toBe(false)
})

describe('page image cache', () => {
  const closed: string[] = []
  function fakeFiles(sizes: Record<string, number>) {
    const saved = new Map<string, number>()
    const files: PageImageFiles & { saved: Map<string, number>, fail?: boolean } = {
      saved,
      async save(url) {
        if (files.fail) throw new Error('offline')
        const bytes = sizes[url]
        saved.set(`local/${url}`, bytes)
        return { path: `local/${url}`, bytes }
      },
      async remove(path) { saved.delete(path) },
      async open(path) { return `shown:${path}` },
      close(shown) { closed.push(shown) }
    }
    return files
  }

  test('keeps images under the budget, evicting the least recently read issue first, never the one being read', async () => {
    const files = fakeFiles({ a1: 40, a2: 40, b1: 40, c1: 40, c2: 90, c3: 30 })
    const storage = createMemoryStorage()
    const cache = createPageImageCache({ files, storage, budgetBytes: 130 })
    expect(await cache.resolve('a1', 'A')).toBe('shown:local/a1')
    // What is no longer shown is handed back to the file store.
    cache.release('shown:local/a1')
    expect(closed).toEqual(['shown:local/a1'])
    await cache.resolve('a2', 'A')
    await cache.resolve('b1', 'B')
    // A is read again, so B is now the least recently read.
    expect(await cache.resolve('a1', 'A')).toBe('shown:local/a1')
    await cache.resolve('c1', 'C')
    expect([...files.saved.keys()].sort()).toEqual(['local/a1', 'local/a2', 'local/c1'])
    expect(cache.usage()).toEqual({ bytes: 120, budget: 130, issues: [{ id: 'A', bytes: 80 }, { id: 'C', bytes: 40 }] })
    // C's second image needs A gone (130 exactly fits)...
    await cache.resolve('c2', 'C')
    expect([...files.saved.keys()].sort()).toEqual(['local/c1', 'local/c2'])
    // ...and one more of C's own drops C's oldest, never the one just kept.
    await cache.resolve('c3', 'C')
    expect([...files.saved.keys()].sort()).toEqual(['local/c2', 'local/c3'])
    expect(cache.kept('a1')).toBeUndefined()

    // The index survives a relaunch.
    const again = createPageImageCache({ files, storage, budgetBytes: 130 })
    expect(again.kept('c3')).toBe('local/c3')
    await again.clear()
    expect(files.saved.size).toBe(0)
    expect(again.usage().bytes).toBe(0)
  })

  test('an image that cannot be fetched, or is alone over the budget, is not kept and changes nothing', async () => {
    const files = fakeFiles({ a1: 40, big: 500 })
    const storage = createMemoryStorage()
    const cache = createPageImageCache({ files, storage, budgetBytes: 130 })
    await cache.resolve('a1', 'A')
    expect(await cache.resolve('big', 'B')).toBeUndefined()
    files.fail = true
    expect(await cache.resolve('other', 'B')).toBeUndefined()
    expect(cache.usage().bytes).toBe(40)
    expect([...files.saved.keys()]).toEqual(['local/a1'])
  })

  test('a broken index reads as empty', () => {
    const storage = createMemoryStorage()
    storage.set(PAGE_IMAGE_INDEX_KEY, '{not json')
    expect(createPageImageCache({ files: fakeFiles({}), storage }).usage().bytes).toBe(0)
  })
})
