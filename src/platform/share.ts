import Taro from '@tarojs/taro'

/** WeChat's scene for a page opened from Moments in single-page mode (no navigation, own storage). */
const SINGLE_PAGE_SCENE = 1154

/** True when the mini-program runs in Moments' single-page mode. */
export function isSinglePageMode(): boolean {
  if (process.env.TARO_ENV !== 'weapp') return false
  try {
    return Taro.getLaunchOptionsSync().scene === SINGLE_PAGE_SCENE
  } catch {
    return false
  }
}

/**
 * The H5 edition's shareable URL for an app path (`/pages/article/index?…`): the same route in the
 * hash router, on the current origin.
 */
export function webUrlFor(appPath: string): string {
  return `${location.origin}${location.pathname}#${appPath}`
}

/** Copies text to the clipboard (H5: the browser's clipboard); resolves false when refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await Taro.setClipboardData({ data: text })
    return true
  } catch {
    return false
  }
}
