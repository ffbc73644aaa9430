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
