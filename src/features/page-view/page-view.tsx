import { useEffect, useMemo, useRef, useState } from 'react'
import { Image, MovableArea, MovableView, Text, View } from '@tarojs/components'
import type { Issue } from '@/core/feed'
import { chooseRendition, DOUBLE_TAP_SCALE, fittedHeight, zoneBox, zonesOnPage, zoomAbout, type PageTransform, type PageZone } from '@/core/page-view/geometry'
import type { PageViewStore } from './page-view-store'
import { usePageImage } from './use-page-image'
import './page-view.css'

/** How long a tapped zone stays lit before its article opens; a second tap within it is a double tap. */
const TAP_MS = 300
/** How long the zone named by a link (在版面中查看) stays lit. */
const LINK_LIGHT_MS = 2500
/** A horizontal swipe at least this long (CSS px), at the fitted scale, turns to the next or previous 版. */
const SWIPE_PX = 60

export interface PageViewProps {
  issue: Issue
  pageId: string
  /** Screen width in CSS px and the device pixel ratio (src/platform/system.ts). */
  metrics: { width: number, pixelRatio: number }
  assetUrl: (src: string) => string
  store?: PageViewStore
  /** The article whose zone is lit when the page first shows. */
  litArticleId?: string
  onSelectPage: (pageId: string) => void
  onOpenArticle: (articleId: string) => void
}

type Touch = { clientX: number, clientY: number }
type TouchLike = { changedTouches?: ArrayLike<Touch>, touches?: ArrayLike<Touch> }

/**
 * The printed page at screen width, zoomable (pinch, double tap) and pannable in WeChat's own
 * movable-area / movable-view (Taro's H5 implementation on the web), with each article's zone tappable
 * and labelled with its title. The thumb shows first; the large image loads only when the screen needs
 * more pixels (zoomed in, or a wide or dense screen).
 */
export function PageView({ issue, pageId, metrics, assetUrl, store, litArticleId, onSelectPage, onOpenArticle }: PageViewProps) {
  const page = issue.pages.find((p) => p.id === pageId) ?? issue.pages[0]
  const image = page.image
  const zones = useMemo(() => zonesOnPage(issue, page.id), [issue, page.id])
  const width = metrics.width
  const height = image ? fittedHeight(image, width) : 0
  const size = { width, height }
  const [transform, setTransform] = useState<PageTransform>({ x: 0, y: 0, scale: 1 })
  // Where the reader's fingers left the page (movable-view reports it; it is not ours to re-render on).
  const live = useRef<PageTransform>({ x: 0, y: 0, scale: 1 })
  const [maxScale, setMaxScale] = useState(1)
  const [lit, setLit] = useState<string | undefined>(litArticleId)
  const pending = useRef<{ articleId?: string, timer: ReturnType<typeof setTimeout> } | undefined>(undefined)
  const swipe = useRef<Touch | undefined>(undefined)

  useEffect(() => {
    if (!litArticleId) return
    const t = setTimeout(() => setLit((z) => (z === litArticleId ? undefined : z)), LINK_LIGHT_MS)
    return () => clearTimeout(t)
  }, [litArticleId])
  useEffect(() => () => { if (pending.current) clearTimeout(pending.current.timer) }, [])

  const small = image ? chooseRendition(image, width, metrics.pixelRatio, 1) : undefined
  const sharp = image ? chooseRendition(image, width, metrics.pixelRatio, maxScale) : undefined
  const smallSrc = usePageImage(small ? assetUrl(small.src) : undefined, issue.id, store)
  const sharpSrc = usePageImage(sharp && sharp.src !== small?.src ? assetUrl(sharp.src) : undefined, issue.id, store)
  const [sharpLoaded, setSharpLoaded] = useState(false)
  useEffect(() => setSharpLoaded(false), [sharpSrc])
  // Until the first image is on screen, each zone shows its title: the page's layout, never a blank box.
  const [smallLoaded, setSmallLoaded] = useState(false)
  useEffect(() => setSmallLoaded(false), [smallSrc])

  if (!image) return null

  const zoomTo = (next: PageTransform) => {
    live.current = next
    setTransform(next)
    setMaxScale((m) => Math.max(m, next.scale))
  }
  const doubleTap = (zone?: PageZone) => {
    const t = live.current
    if (t.scale > 1.05) return zoomTo({ x: 0, y: 0, scale: 1 })
    const point = zone
      ? { x: t.x + (zone.x + zone.w / 2) * width * t.scale, y: t.y + (zone.y + zone.h / 2) * height * t.scale }
      : { x: width / 2, y: Math.min(height, width) / 2 }
    zoomTo(zoomAbout(t, point, DOUBLE_TAP_SCALE, size, size))
  }
  const tap = (zone?: PageZone) => {
    if (pending.current) {
      clearTimeout(pending.current.timer)
      pending.current = undefined
      setLit(undefined)
      doubleTap(zone)
      return
    }
    if (zone) setLit(zone.articleId)
    const articleId = zone?.articleId
    pending.current = {
      articleId,
      timer: setTimeout(() => {
        pending.current = undefined
        if (articleId) onOpenArticle(articleId)
      }, TAP_MS)
    }
  }
  const index = issue.pages.findIndex((p) => p.id === page.id)
  const first = (e: TouchLike) => e.changedTouches?.[0] ?? e.touches?.[0]
  const onTouchStart = (e: TouchLike) => { swipe.current = live.current.scale <= 1.05 ? first(e) : undefined }
  const onTouchEnd = (e: TouchLike) => {
    const start = swipe.current
    const end = first(e)
    swipe.current = undefined
    if (!start || !end) return
    const dx = end.clientX - start.clientX
    const dy = end.clientY - start.clientY
    if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) < 2 * Math.abs(dy)) return
    const next = issue.pages[index + (dx < 0 ? 1 : -1)]
    if (next) onSelectPage(next.id)
  }
  const px = (n: number) => `${n}px`
  return (
    <View className='page-view'>
      <MovableArea className='page-view__area' scaleArea style={{ width: px(width), height: px(height) }} onTouchStart={onTouchStart} onTouchEnd={onTouchEnd}>
        <MovableView
          className='page-view__page'
          style={{ width: px(width), height: px(height) }}
          direction='all'
          scale
          scaleMin={1}
          scaleMax={4}
          scaleValue={transform.scale}
          x={transform.x}
          y={transform.y}
          outOfBounds={false}
          onChange={(e) => { live.current = { ...live.current, x: e.detail.x, y: e.detail.y } }}
          onScale={(e) => {
            const d = e.detail as { x: number, y: number, scale: number }
            live.current = { x: d.x, y: d.y, scale: d.scale }
            if (d.scale > maxScale + 0.25) setMaxScale(d.scale)
          }}
        >
          <View className='page-view__sheet' hoverClass='none' onClick={() => tap()}>
            {smallSrc ? <Image className='page-view__image' src={smallSrc} style={{ width: px(width), height: px(height) }} onLoad={() => setSmallLoaded(true)} ariaLabel={`${page.name} 版面图`} /> : null}
            {sharpSrc
              ? <Image className={`page-view__image page-view__image--sharp${sharpLoaded ? ' page-view__image--loaded' : ''}`} src={sharpSrc} style={{ width: px(width), height: px(height) }} onLoad={() => setSharpLoaded(true)} ariaLabel={`${page.name} 版面图`} />
              : null}
          </View>
          {zones.map((z, i) => {
            const box = zoneBox(z)
            return (
              <View
                key={`${z.articleId}-${i}`}
                className={`page-view__zone${lit === z.articleId ? ' page-view__zone--lit' : ''}${smallLoaded || sharpLoaded ? '' : ' page-view__zone--sketch'}`}
                // The lit state is the pressed state: it shows for the whole moment before the article opens.
                hoverClass='none'
                style={box}
                role='link'
                aria-label={z.title}
                onClick={(e) => { e.stopPropagation(); tap(z) }}
              >
                {smallLoaded || sharpLoaded ? null : <Text className='page-view__zone-title'>{z.title}</Text>}
              </View>
            )
          })}
        </MovableView>
      </MovableArea>
      <Text className='page-view__hint'>{`${page.name} · 点击文章阅读，双击放大，左右滑动换版`}</Text>
    </View>
  )
}
