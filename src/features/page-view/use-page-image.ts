import { useEffect, useState } from 'react'
import type { PageViewStore } from './page-view-store'

/**
 * What an <Image> shows for a page image: where the platform keeps files, the kept copy (the image is
 * downloaded once, into the offline store, and shown from there); otherwise, or when it cannot be
 * kept, the URL itself. Undefined while the kept copy is being made.
 */
export function usePageImage(url: string | undefined, issueId: string, store: PageViewStore | undefined): string | undefined {
  const images = store?.images
  const [src, setSrc] = useState(() => (url && !images ? url : undefined))
  useEffect(() => {
    if (!url) return setSrc(undefined)
    if (!images) return setSrc(url)
    let live = true
    let kept: string | undefined
    setSrc(undefined)
    void images.resolve(url, issueId).then((shown) => {
      if (live) {
        kept = shown
        setSrc(shown ?? url)
      } else if (shown) images.release(shown)
    })
    return () => {
      live = false
      if (kept) images.release(kept)
    }
  }, [url, issueId, images])
  return src
}
