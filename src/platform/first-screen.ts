import Taro from '@tarojs/taro'
import { FIRST_SCREEN_KEY, NO_FIRST_SCREEN, serializeFirstScreen, type FirstScreen } from '@/core/first-screen'

type RenderingCachePage = {
  data?: { root?: unknown }
  setInitialRenderingCache?: (data: Record<string, unknown>) => void
}

/**
 * Taro hands the page's setData to the view layer after React commits (in a later tick): wait that
 * long, so the tree recorded is the one on screen, not the loading state before it.
 */
const AFTER_COMMIT_MS = 50

/**
 * Remembers the latest issue's first screen so the next start shows it before the app has loaded:
 * - weapp: WeChat's dynamic initial rendering cache (`initialRenderingCache: 'dynamic'` in the issue
 *   page's config). The page's rendered tree (Taro's `root` data) is recorded; on the next launch
 *   WeChat renders it before the logic layer has run, and the app's first setData replaces it.
 * - H5: the snapshot in localStorage, which src/h5/boot.js paints before the app's scripts run.
 * `undefined` says the next start opens on something else (the reader is on 版面): nothing is painted early. Never throws: a first screen
 * not remembered only makes the next start slower.
 */
export function rememberFirstScreen(screen: FirstScreen | undefined): void {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const page = Taro.getCurrentInstance().page as unknown as RenderingCachePage | undefined
      if (!page || typeof page.setInitialRenderingCache !== 'function') return
      setTimeout(() => {
        try {
          const root = page.data?.root
          // null turns the cache off for this page (WeChat's documented way to drop it).
          if (!screen) page.setInitialRenderingCache?.(null as unknown as Record<string, unknown>)
          else if (root) page.setInitialRenderingCache?.({ root })
        } catch {
          // An older base library without the cache: nothing to remember.
        }
      }, AFTER_COMMIT_MS)
      return
    }
    if (!screen) return window.localStorage.setItem(FIRST_SCREEN_KEY, JSON.stringify(NO_FIRST_SCREEN))
    const json = serializeFirstScreen(screen)
    if (json) window.localStorage.setItem(FIRST_SCREEN_KEY, json)
    else window.localStorage.removeItem(FIRST_SCREEN_KEY)
  } catch {
    // Storage full or disabled: the next start paints nothing early, and is otherwise the same.
  }
}
