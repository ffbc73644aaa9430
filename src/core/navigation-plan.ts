/**
 * How the app moves between pages, decided without the platform so it can be tested in Node.
 *
 * WeChat keeps at most ten pages; `navigateTo` on a full stack fails, and a failure nobody looks at
 * is a tap that does nothing. So: moves sideways (another issue, the next article, an issue chosen in
 * 往期) replace the current page; opening a page that is already below on the stack goes back to it;
 * a forward open on a full stack replaces the current page; and every plan ends in steps that cannot
 * run out of room (`redirectTo`, then `reLaunch`), so a failure falls through to the next way.
 */

/** WeChat's limit on the page stack. */
export const MAX_PAGES = 10

/** A page on the stack: its route without a leading slash (`pages/issue/index`) and its query. */
export interface StackPage {
  route: string
  options?: Record<string, string | undefined>
}

/**
 * - `open`: forward, with a way back (an article from a list, 往期, 搜索, 我的);
 * - `sideways`: instead of the current page (another issue, the next article, an issue from 往期);
 * - `back`: to the page `url` names, going back when a page of its route is right below, replacing the
 *   current page otherwise;
 * - `restart`: `url` alone (the latest issue after a dead link).
 */
export type Move = 'open' | 'sideways' | 'back' | 'restart'

export type NavStep =
  | { method: 'navigateTo' | 'redirectTo' | 'reLaunch', url: string }
  | { method: 'navigateBack', delta: number }

function parse(url: string): StackPage {
  const [path, query = ''] = url.split('?')
  const options: Record<string, string> = {}
  for (const pair of query.split('&')) {
    if (!pair) continue
    const [k, v = ''] = pair.split('=')
    options[decodeURIComponent(k)] = decodeURIComponent(v)
  }
  return { route: path.replace(/^\//, ''), options }
}

/** Whether a stacked page shows what `target` names: the same route and every query value of the target. */
function shows(page: StackPage, target: StackPage): boolean {
  if (page.route !== target.route) return false
  const have = page.options ?? {}
  const want = target.options ?? {}
  const keys = new Set([...Object.keys(have).filter((k) => have[k] !== undefined && have[k] !== ''), ...Object.keys(want)])
  return [...keys].every((k) => (have[k] ?? '') === (want[k] ?? ''))
}

/** The steps to try, in order, to make `move` to `url` from `stack` (bottom first, current page last). */
export function planNavigation(move: Move, url: string, stack: StackPage[]): NavStep[] {
  const replace: NavStep[] = [{ method: 'redirectTo', url }, { method: 'reLaunch', url }]
  if (move === 'restart') return [{ method: 'reLaunch', url }]
  if (move === 'sideways') return replace
  const target = parse(url)
  if (move === 'back') {
    // An article is opened from its issue's page (or sideways from one that was), so a page of the
    // same route right below is that issue, even when it names none (the latest-issue view).
    const below = stack[stack.length - 2]
    return below?.route === target.route ? [{ method: 'navigateBack', delta: 1 }, ...replace] : replace
  }
  // The nearest page below the current one that already shows the target: go back to it.
  for (let i = stack.length - 2; i >= 0; i--) {
    if (shows(stack[i], target)) return [{ method: 'navigateBack', delta: stack.length - 1 - i }, ...replace]
  }
  if (stack.length >= MAX_PAGES) return replace
  return [{ method: 'navigateTo', url }, ...replace]
}

/** The platform's navigation calls; each resolves on success and rejects when the platform refuses. */
export type NavigationApi = {
  [M in NavStep['method']]: (arg: M extends 'navigateBack' ? { delta: number } : { url: string }) => Promise<unknown>
}

/**
 * Runs the steps in order until one succeeds and resolves with it; rejects with the last failure when
 * none did, so the caller can tell the reader (never a silent dead tap).
 */
export async function runNavigation(steps: NavStep[], api: NavigationApi): Promise<NavStep> {
  let last: unknown = new Error('no way to navigate')
  for (const step of steps) {
    try {
      if (step.method === 'navigateBack') await api.navigateBack({ delta: step.delta })
      else await api[step.method]({ url: step.url })
      return step
    } catch (e) {
      last = e
    }
  }
  throw last
}
