import { MAX_PAGES, planNavigation, runNavigation, type NavigationApi, type StackPage } from '@/core/navigation-plan'
import { archiveUrl, articleUrl, issueUrl, ROUTES } from '@/core/routes'

/**
 * A stand-in for WeChat's page stack with its real rules: at most ten pages, navigateTo fails on a
 * full stack, navigateBack cannot go below the first page.
 */
function wechatStack(first: string) {
  const pages: string[] = [first]
  const page = (url: string): StackPage => {
    const [route, query = ''] = url.replace(/^\//, '').split('?')
    return { route, options: Object.fromEntries(new URLSearchParams(query)) }
  }
  const api: NavigationApi = {
    navigateTo: async ({ url }) => {
      if (pages.length >= MAX_PAGES) throw { errMsg: 'navigateTo:fail webview count limit exceed' }
      pages.push(url)
    },
    redirectTo: async ({ url }) => { pages[pages.length - 1] = url },
    reLaunch: async ({ url }) => { pages.splice(0, pages.length, url) },
    navigateBack: async ({ delta }) => {
      if (delta >= pages.length) throw { errMsg: 'navigateBack:fail cannot navigate back at first page.' }
      pages.splice(pages.length - delta, delta)
    }
  }
  const go = (move: Parameters<typeof planNavigation>[0], url: string) => runNavigation(planNavigation(move, url, pages.map(page)), api)
  return { pages, go }
}

const issues = Array.from({ length: 30 }, (_, i) => `2023-${String(8 - Math.floor(i / 28)).padStart(2, '0')}-${String(28 - (i % 28)).padStart(2, '0')}`)

test('tapping 上一期 thirty times in a row reaches the thirtieth issue on a one-page stack', async () => {
  const phone = wechatStack(issueUrl())
  for (const id of issues) await phone.go('sideways', issueUrl(id))
  expect(phone.pages).toEqual([issueUrl(issues[29])])
})

test('a reader going issue → 往期 → issue → 往期 … never hits the ten-page wall', async () => {
  const phone = wechatStack(issueUrl())
  for (const id of issues) {
    await phone.go('open', archiveUrl())
    expect(phone.pages[phone.pages.length - 1]).toBe(archiveUrl())
    await phone.go('sideways', issueUrl(id))
    expect(phone.pages[phone.pages.length - 1]).toBe(issueUrl(id))
  }
  expect(phone.pages.length).toBeLessThanOrEqual(MAX_PAGES)
})

test('opening 往期 when it is already below goes back to it instead of stacking another', () => {
  const stack = [{ route: 'pages/issue/index' }, { route: 'pages-more/archive/index' }, { route: 'pages/issue/index', options: { id: '2023-08-18' } }]
  expect(planNavigation('open', archiveUrl(), stack)[0]).toEqual({ method: 'navigateBack', delta: 1 })
  // A month not shown below is a new page.
  expect(planNavigation('open', archiveUrl('2023-07'), stack)[0]).toEqual({ method: 'navigateTo', url: archiveUrl('2023-07') })
})

test('articles opened from search and their neighbours stay within ten pages however long the reader goes on', async () => {
  const phone = wechatStack(issueUrl())
  await phone.go('open', ROUTES.search)
  for (let i = 0; i < 25; i++) {
    await phone.go('open', articleUrl('2023-08-22', `a${i}`))
    await phone.go('sideways', articleUrl('2023-08-22', `a${i + 1}`))
    await phone.go('open', ROUTES.mine)
  }
  expect(phone.pages.length).toBeLessThanOrEqual(MAX_PAGES)
  expect(phone.pages[phone.pages.length - 1]).toBe(ROUTES.mine)
})

test('a forward open on a full stack replaces the current page rather than failing', async () => {
  const phone = wechatStack(issueUrl())
  for (let i = 1; i < MAX_PAGES; i++) await phone.go('open', articleUrl('2023-08-22', `a${i}`))
  expect(phone.pages.length).toBe(MAX_PAGES)
  await expect(phone.go('open', articleUrl('2023-08-22', 'a99'))).resolves.toEqual({ method: 'redirectTo', url: articleUrl('2023-08-22', 'a99') })
  expect(phone.pages[MAX_PAGES - 1]).toBe(articleUrl('2023-08-22', 'a99'))
})

test('返回本期目录 goes back to the issue below, and replaces the page when the issue is not right below', () => {
  const article = { route: 'pages/article/index', options: { issue: '2023-08-18', article: 'a1' } }
  expect(planNavigation('back', issueUrl('2023-08-18'), [{ route: 'pages/issue/index', options: { id: '2023-08-18' } }, article])[0]).toEqual({ method: 'navigateBack', delta: 1 })
  // The latest-issue view names no id; the article was opened from it.
  expect(planNavigation('back', issueUrl('2023-08-18'), [{ route: 'pages/issue/index', options: {} }, article])[0]).toEqual({ method: 'navigateBack', delta: 1 })
  expect(planNavigation('back', issueUrl('2023-08-18'), [{ route: 'pages-more/search/index' }, article])[0]).toEqual({ method: 'redirectTo', url: issueUrl('2023-08-18') })
  expect(planNavigation('back', issueUrl('2023-08-18'), [article])[0]).toEqual({ method: 'redirectTo', url: issueUrl('2023-08-18') })
})

test('when one way is refused the next is tried; when every way is refused the caller hears of it', async () => {
  const calls: string[] = []
  const refuse = (name: string) => async () => { calls.push(name); throw { errMsg: `${name}:fail` } }
  const api: NavigationApi = { navigateTo: refuse('navigateTo'), redirectTo: refuse('redirectTo'), reLaunch: async () => { calls.push('reLaunch') }, navigateBack: refuse('navigateBack') }
  await expect(runNavigation(planNavigation('open', ROUTES.mine, [{ route: 'pages/issue/index' }]), api)).resolves.toEqual({ method: 'reLaunch', url: ROUTES.mine })
  expect(calls).toEqual(['navigateTo', 'redirectTo', 'reLaunch'])
  await expect(runNavigation(planNavigation('restart', issueUrl(), []), { ...api, reLaunch: refuse('reLaunch') })).rejects.toEqual({ errMsg: 'reLaunch:fail' })
})
