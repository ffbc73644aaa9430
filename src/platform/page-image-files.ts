import Taro from '@tarojs/taro'
import type { PageImageFiles } from '@/core/page-view/page-image-cache'

/** The H5 cache page images are kept in; src/h5/sw.js serves page images from it first and never evicts it itself. */
export const H5_PAGE_CACHE = 'gxqb-pages-v1'

function weappFiles(): PageImageFiles | undefined {
  // A phone stand-in without a file system (or an old base library) keeps nothing: the images load from the network.
  if (typeof Taro.getFileSystemManager !== 'function' || typeof Taro.downloadFile !== 'function') return undefined
  return {
    async save(url) {
      const fs = Taro.getFileSystemManager()
      const download = await Taro.downloadFile({ url })
      if (download.statusCode !== 200) throw new Error(`downloadFile: HTTP ${download.statusCode}`)
      // saveFile moves the temporary file into the mini-program's own user files, which survive restarts.
      const saved = await new Promise<string>((resolve, reject) => {
        fs.saveFile({ tempFilePath: download.tempFilePath, success: (r) => resolve(r.savedFilePath), fail: reject })
      })
      const bytes = await new Promise<number>((resolve) => {
        fs.getFileInfo({ filePath: saved, success: (r) => resolve(r.size), fail: () => resolve(0) })
      })
      return { path: saved, bytes }
    },
    open: async (path) => path,
    async remove(path) {
      await new Promise<void>((resolve) => {
        Taro.getFileSystemManager().removeSavedFile({ filePath: path, complete: () => resolve() })
      })
    }
  }
}

function h5Files(): PageImageFiles | undefined {
  if (typeof caches === 'undefined') return undefined
  return {
    async save(url) {
      const cache = await caches.open(H5_PAGE_CACHE)
      // The header tells the service worker not to keep a second copy in its general image cache.
      const response = await fetch(url, { headers: { 'x-page-image': '1' } })
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      const bytes = (await response.clone().blob()).size
      await cache.put(url, response)
      // Keyed by its URL, which the service worker also answers from this cache.
      return { path: url, bytes }
    },
    async open(path) {
      // An object URL of the cached copy: shown without a second request, and offline without the service worker.
      const hit = await (await caches.open(H5_PAGE_CACHE)).match(path)
      if (!hit) throw new Error('not in the page cache')
      return URL.createObjectURL(await hit.blob())
    },
    close(shown) {
      if (shown.startsWith('blob:')) URL.revokeObjectURL(shown)
    },
    async remove(path) {
      const cache = await caches.open(H5_PAGE_CACHE)
      await cache.delete(path)
    }
  }
}

/** Where this platform keeps page images for offline reading; undefined when it cannot keep files. */
export function pageImageFiles(): PageImageFiles | undefined {
  try {
    return process.env.TARO_ENV === 'weapp' ? weappFiles() : h5Files()
  } catch {
    return undefined
  }
}
