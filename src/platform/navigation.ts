import Taro from '@tarojs/taro'

/** Opens a page on top of the current one. `url` is an app path such as `/pages/article/index?…`. */
export function openPage(url: string): void {
  void Taro.navigateTo({ url })
}

/** Replaces the current page (used between articles so the back button returns to the issue). */
export function replacePage(url: string): void {
  void Taro.redirectTo({ url })
}

/**
 * Goes back when there is a page to go back to; otherwise (the page was opened directly, e.g. from
 * a shared link) opens `fallbackUrl` as the only page.
 */
export function goBackOr(fallbackUrl: string): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: fallbackUrl })
}

/** Closes every page and opens `url` alone (a fresh start, e.g. at the latest issue). */
export function relaunch(url: string): void {
  void Taro.reLaunch({ url })
}
