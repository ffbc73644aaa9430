import { useEffect, useState } from 'react'
import type { PageViewStore } from './page-view-store'

/**
 * What an <Image> shows for a page image: the kept offline copy when there is one, else the URL at
 * once while the image is being kept (so the page never waits on the cache), then the kept copy.
 */
export function usePageImage(url: string | undefined, issueId: string, store: PageViewStore | undefined): string | undefined {
  const images = store?.images
  const [src, setSrc] = useState(() => (url ? images?.kept(url) ?? url : undefined))
  useEffect(() => {
    if (!url) return
    let live = true
    setSrc(images?.kept(url) ?? url)
    void images?.resolve(url, issueId).then((path) => {
      if (live && path) setSrc(path)
    })
    return () => { live = false }
  }, [url, issueId, images])
  return src
}
