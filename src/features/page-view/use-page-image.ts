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
    setSrc(undefined)
    void images.resolve(url, issueId).then((shown) => {
      if (live) setSrc(shown ?? url)
    })
    return () => { live = false }
  }, [url, issueId, images])
  return src
}
