import type { KeyValueStorage } from '../storage'

/**
 * The file store page images are kept in: on weapp saved files through the file-system manager, on
 * H5 the service worker's cache (src/platform/page-image-files.ts). `save` downloads `url` and keeps
 * it, resolving to what an <image> can show (a local path, or the same URL served from the cache)
 * and its size; it rejects when the file cannot be fetched or kept.
 */
export interface PageImageFiles {
  save(url: string): Promise<{ path: string, bytes: number }>
  remove(path: string): Promise<void>
  /** What an <image> shows for a kept file (weapp: the path itself; H5: an object URL of the cached copy). */
  open(path: string): Promise<string>
  /** The image no longer shows what `open` returned (H5 frees the object URL's memory). */
  close?(shown: string): void
}

/** Page images get their own budget, apart from the 8 MB of feed storage. */
export const PAGE_IMAGE_BUDGET_BYTES = 20 * 1024 * 1024
export const PAGE_IMAGE_INDEX_KEY = 'gxqb/page-images'

interface Entry {
  url: string
  path: string
  bytes: number
  issueId: string
}

interface IndexV1 {
  v: 1
  entries: Entry[]
  /** Issue ids, least recently read first. */
  order: string[]
}

export interface PageImageUsage {
  bytes: number
  budget: number
  issues: { id: string, bytes: number }[]
}

export interface PageImageCache {
  /**
   * What to show for `url`, an image of `issueId`'s pages: the kept copy when there is one, else the
   * file just kept (downloaded once: the caller shows this rather than fetching the URL as well);
   * undefined when it cannot be kept (offline, no file store, over budget on its own), in which case
   * the caller shows the URL itself. Marks the issue as read now.
   */
  resolve(url: string, issueId: string): Promise<string | undefined>
  /** The kept copy of `url`, if any, without fetching. */
  kept(url: string): string | undefined
  /** Call when what `resolve` returned is no longer shown. */
  release(shown: string): void
  usage(): PageImageUsage
  clear(): Promise<void>
}

function readIndex(storage: KeyValueStorage): IndexV1 {
  try {
    const raw = JSON.parse(storage.get(PAGE_IMAGE_INDEX_KEY) ?? 'null') as IndexV1 | null
    if (raw && raw.v === 1 && Array.isArray(raw.entries) && Array.isArray(raw.order)) {
      const entries = raw.entries.filter((e) => e && typeof e.url === 'string' && typeof e.path === 'string' && Number.isFinite(e.bytes) && typeof e.issueId === 'string')
      return { v: 1, entries, order: raw.order.filter((id) => typeof id === 'string') }
    }
  } catch {
    // A broken index reads as empty; files it named are orphaned until the platform clears them.
  }
  return { v: 1, entries: [], order: [] }
}

/**
 * The offline copy of page images: whole issues are evicted least recently read first until the
 * images fit `budgetBytes`; the issue being read is never evicted for its own images (an image that
 * alone exceeds the budget is simply not kept). The index (which file is whose) is a small JSON value
 * in key-value storage; the images themselves are in `files`.
 */
export function createPageImageCache({ files, storage, budgetBytes = PAGE_IMAGE_BUDGET_BYTES }: { files: PageImageFiles, storage: KeyValueStorage, budgetBytes?: number }): PageImageCache {
  let index = readIndex(storage)
  const inFlight = new Map<string, Promise<string | undefined>>()
  const persist = () => {
    try {
      storage.set(PAGE_IMAGE_INDEX_KEY, JSON.stringify(index))
    } catch {
      // Not remembered across launches: the files stay until the next eviction finds them unlisted.
    }
  }
  const touch = (issueId: string) => {
    index.order = [...index.order.filter((id) => id !== issueId), issueId]
  }
  const total = () => index.entries.reduce((n, e) => n + e.bytes, 0)
  const open = (path: string) => files.open(path).catch(() => undefined)

  async function evictFor(issueId: string): Promise<void> {
    while (total() > budgetBytes) {
      const victim = index.order.find((id) => id !== issueId && index.entries.some((e) => e.issueId === id))
      if (!victim) break
      const gone = index.entries.filter((e) => e.issueId === victim)
      index.entries = index.entries.filter((e) => e.issueId !== victim)
      index.order = index.order.filter((id) => id !== victim)
      await Promise.all(gone.map((e) => files.remove(e.path).catch(() => undefined)))
    }
  }

  async function fetchAndKeep(url: string, issueId: string): Promise<string | undefined> {
    let saved: { path: string, bytes: number }
    try {
      saved = await files.save(url)
    } catch {
      return undefined
    }
    if (saved.bytes > budgetBytes) {
      await files.remove(saved.path).catch(() => undefined)
      return undefined
    }
    index.entries = [...index.entries.filter((e) => e.url !== url), { url, path: saved.path, bytes: saved.bytes, issueId }]
    touch(issueId)
    await evictFor(issueId)
    // The issue's own images may still be over budget: drop its oldest others, never the one just kept.
    while (total() > budgetBytes) {
      const other = index.entries.find((e) => e.issueId === issueId && e.url !== url)
      if (!other) break
      index.entries = index.entries.filter((e) => e !== other)
      await files.remove(other.path).catch(() => undefined)
    }
    persist()
    return open(saved.path)
  }

  return {
    kept: (url) => index.entries.find((e) => e.url === url)?.path,
    resolve(url, issueId) {
      const hit = index.entries.find((e) => e.url === url)
      if (hit) {
        touch(issueId)
        persist()
        return open(hit.path)
      }
      const pending = inFlight.get(url) ?? fetchAndKeep(url, issueId).finally(() => inFlight.delete(url))
      inFlight.set(url, pending)
      return pending
    },
    release(shown) {
      files.close?.(shown)
    },
    usage() {
      const byIssue = new Map<string, number>()
      for (const e of index.entries) byIssue.set(e.issueId, (byIssue.get(e.issueId) ?? 0) + e.bytes)
      return { bytes: total(), budget: budgetBytes, issues: [...byIssue].map(([id, bytes]) => ({ id, bytes })) }
    },
    async clear() {
      const gone = index.entries
      index = { v: 1, entries: [], order: [] }
      persist()
      await Promise.all(gone.map((e) => files.remove(e.path).catch(() => undefined)))
    }
  }
}
