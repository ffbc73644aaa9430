import Taro from '@tarojs/taro'

/**
 * Calls `callback` each time the app comes back after being hidden: WeChat's hot start (app shown
 * after hide), or an H5 tab made visible again. Not at launch. Returns a function that stops it.
 */
export function onReturnToForeground(callback: () => void): () => void {
  let hidden = false
  if (process.env.TARO_ENV === 'h5') {
    const onChange = () => {
      if (document.visibilityState === 'hidden') hidden = true
      else if (hidden) {
        hidden = false
        callback()
      }
    }
    document.addEventListener('visibilitychange', onChange)
    return () => document.removeEventListener('visibilitychange', onChange)
  }
  const onHide = () => { hidden = true }
  const onShow = () => {
    if (!hidden) return
    hidden = false
    callback()
  }
  Taro.onAppHide(onHide)
  Taro.onAppShow(onShow)
  return () => {
    Taro.offAppHide(onHide)
    Taro.offAppShow(onShow)
  }
}
