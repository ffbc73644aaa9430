import Taro from '@tarojs/taro'

/** Ends the pull-down refresh animation started by the reader. */
export function stopPullDownRefresh(): void {
  void Taro.stopPullDownRefresh()
}

/** Asks the reader to confirm a destructive action; resolves true when confirmed. */
export async function confirm(title: string, content: string): Promise<boolean> {
  try {
    const r = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消' })
    return r.confirm
  } catch {
    return false
  }
}

/** A short message that disappears by itself. */
export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2000 })
}
