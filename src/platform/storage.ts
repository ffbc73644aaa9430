import Taro from '@tarojs/taro'
import { StorageFullError, type KeyValueStorage } from '@/core/storage'

/**
 * KeyValueStorage over wx storage (localStorage on H5). Reads never throw (a broken store reads as
 * empty); a write refused for size becomes StorageFullError, so the cache can make room; any other
 * refusal stays a plain Error, on which the cache gives up without evicting anything.
 */
export const platformStorage: KeyValueStorage = {
  get(key) {
    try {
      const v: unknown = Taro.getStorageSync(key)
      return typeof v === 'string' && v !== '' ? v : undefined
    } catch {
      return undefined
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, value)
    } catch (e) {
      const err = e as { errMsg?: string, message?: string, name?: string }
      const text = err.errMsg ?? err.message ?? 'storage refused the write'
      // wx: "…exceed storage max size 10MB" / "…exceed 1MB"; H5: DOMException QuotaExceededError.
      if (/exceed|quota|max size|limit/i.test(text) || err.name === 'QuotaExceededError') throw new StorageFullError(text)
      throw new Error(text)
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // Nothing to do: a key that cannot be removed will be overwritten or evicted later.
    }
  },
  keys() {
    try {
      return Taro.getStorageInfoSync().keys
    } catch {
      return []
    }
  }
}
