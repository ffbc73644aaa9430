import type { Issue, PageImage, Zone } from '../feed'

/** One image file of a page: the large rendition or its thumb. */
export interface Rendition {
  src: string
  width: number
  height: number
}

/** Where the movable page sits: its offset in CSS px from the viewport's top-left, and its scale. */
export interface PageTransform {
  x: number
  y: number
  scale: number
}

/** Zoom limits of the page view: 1 is the page at screen width; 4 reads body text of a broadsheet. */
export const MIN_SCALE = 1
export const MAX_SCALE = 4
/** What a double tap zooms to from the fitted page. */
export const DOUBLE_TAP_SCALE = 2.5

/** The page's height in CSS px when it fills `viewportWidth` (the image's own aspect ratio). */
export function fittedHeight(image: Rendition, viewportWidth: number): number {
  return Math.round((viewportWidth * image.height) / image.width)
}

/**
 * The rendition to show at this size: the thumb while it has at least 90% of the device pixels the
 * page covers (a phone at screen width: 375 CSS px × 2 = 750 px, which the thumb has), else the large
 * one. The 10% slack keeps a 720 px-wide phone from fetching 2.5× the bytes for a sharpness nobody sees.
 */
export function chooseRendition(image: PageImage, viewportWidth: number, pixelRatio: number, scale: number): Rendition {
  const needed = viewportWidth * Math.max(1, pixelRatio) * Math.max(1, scale)
  if (image.thumb && image.thumb.width >= needed * 0.9) return image.thumb
  return { src: image.src, width: image.width, height: image.height }
}

/** A zone as CSS percentages of its page (the zones move and scale with the image they sit on). */
export function zoneBox(zone: Zone): { left: string, top: string, width: string, height: string } {
  const pct = (f: number) => `${(f * 100).toFixed(2)}%`
  return { left: pct(zone.x), top: pct(zone.y), width: pct(zone.w), height: pct(zone.h) }
}

/**
 * Keeps a page of `content` size (at scale 1) inside a viewport of `viewport` size: zoomed in, no
 * empty margin shows on either side; at scale 1 the page sits at the top-left.
 */
export function clampTransform(t: PageTransform, content: { width: number, height: number }, viewport: { width: number, height: number }): PageTransform {
  const scale = Math.min(MAX_SCALE, Math.max(MIN_SCALE, t.scale))
  const clamp = (v: number, size: number, view: number) => {
    const min = Math.min(0, view - size * scale)
    return Math.min(0, Math.max(min, v))
  }
  return { x: clamp(t.x, content.width, viewport.width), y: clamp(t.y, content.height, viewport.height), scale }
}

/**
 * The transform after zooming to `scale` about a point of the viewport (a double tap's position), so
 * that the point of the page under the finger stays under it.
 */
export function zoomAbout(t: PageTransform, point: { x: number, y: number }, scale: number, content: { width: number, height: number }, viewport: { width: number, height: number }): PageTransform {
  const s = Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale))
  // The page point under the finger, in unscaled page px.
  const px = (point.x - t.x) / t.scale
  const py = (point.y - t.y) / t.scale
  return clampTransform({ x: point.x - px * s, y: point.y - py * s, scale: s }, content, viewport)
}

/** A zone on one page with the article it belongs to. */
export interface PageZone extends Zone {
  articleId: string
  title: string
}

/** Every article zone printed on a page, in reading order (the page's article order). */
export function zonesOnPage(issue: Issue, pageId: string): PageZone[] {
  const out: PageZone[] = []
  for (const a of issue.articles) {
    for (const z of a.zones ?? []) if (z.pageId === pageId) out.push({ ...z, articleId: a.id, title: a.title })
  }
  const page = issue.pages.find((p) => p.id === pageId)
  const order = new Map((page?.articleIds ?? []).map((id, i) => [id, i]))
  return out.sort((a, b) => (order.get(a.articleId) ?? 1e9) - (order.get(b.articleId) ?? 1e9))
}

/** Whether the issue can be shown as printed pages: every page has its image. */
export function hasPageImages(issue: Issue): boolean {
  return issue.pages.length > 0 && issue.pages.every((p) => p.image)
}

/** The page an article's first zone is on (in page order), for 在版面中查看; undefined without zones. */
export function pageOfArticle(issue: Issue, articleId: string): string | undefined {
  const article = issue.articles.find((a) => a.id === articleId)
  if (!article?.zones?.length) return undefined
  const pages = new Set(article.zones.map((z) => z.pageId))
  return issue.pages.find((p) => pages.has(p.id) && p.image)?.id
}
