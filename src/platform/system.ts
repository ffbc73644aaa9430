import Taro from '@tarojs/taro'

/**
 * WeChat's font size setting in px (`getAppBaseInfo().fontSizeSetting`), which 关怀模式 raises;
 * undefined on H5 (the browser has its own zoom) or when the client does not say.
 */
export function weChatFontSizePx(): number | undefined {
  if (process.env.TARO_ENV !== 'weapp') return undefined
  try {
    // WeChat's getAppBaseInfo returns fontSizeSetting (its documentation lists it); Taro's typing omits it.
    const px = (Taro.getAppBaseInfo() as { fontSizeSetting?: unknown }).fontSizeSetting
    return typeof px === 'number' ? px : undefined
  } catch {
    return undefined
  }
}

/** The window's width in CSS px and the device pixel ratio, for fitting the printed page to the screen. */
export function screenMetrics(): { width: number, pixelRatio: number } {
  try {
    const info = Taro.getWindowInfo()
    if (info.windowWidth > 0) return { width: info.windowWidth, pixelRatio: info.pixelRatio || 2 }
  } catch {
    // Older clients: fall through to the portrait phone every layout here is designed for.
  }
  return { width: 375, pixelRatio: 2 }
}
