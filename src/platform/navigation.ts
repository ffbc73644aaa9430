import Taro from '@tarojs/taro'
import { planNavigation, runNavigation, type Move, type NavigationApi, type StackPage } from '@/core/navigation-plan'
import { toast } from './ui'

const api: NavigationApi = {
  navigateTo: (o) => Taro.navigateTo(o),
  redirectTo: (o) => Taro.redirectTo(o),
  reLaunch: (o) => Taro.reLaunch(o),
  navigateBack: (o) => Taro.navigateBack(o)
}

function stack(): StackPage[] {
  try {
    return Taro.getCurrentPages().map((p) => ({ route: String(p.route ?? '').replace(/^\//, ''), options: p.options as StackPage['options'] }))
  } catch {
    return []
  }
}

/**
 * Moves to `url` (an app path such as `/pages/article/index?…`) the way `move` says
 * (core/navigation-plan.ts), falling back to the next way when the platform refuses one. Never fails
 * silently: when every way is refused the reader is told.
 */
export function go(move: Move, url: string): void {
  runNavigation(planNavigation(move, url, stack()), api).catch((e: unknown) => {
    console.warn('navigation failed', url, e)
    toast('页面打开失败，请稍后再试')
  })
}

/** Opens a page on top of the current one (going back to it when it is already below). */
export function openPage(url: string): void {
  go('open', url)
}

/** Replaces the current page: another issue, the next article, an issue chosen in 往期. */
export function replacePage(url: string): void {
  go('sideways', url)
}

/** Back to the page `url` names when it is right below; otherwise replaces this page with it. */
export function goBackOr(url: string): void {
  go('back', url)
}

/** Closes every page and opens `url` alone (a fresh start, e.g. at the latest issue). */
export function relaunch(url: string): void {
  go('restart', url)
}
