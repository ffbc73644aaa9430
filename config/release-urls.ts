/**
 * What a build may point the app at. A release mini-program talks only to https hosts (WeChat refuses
 * anything else on phones), so a release build whose feed or API base is missing or not https would
 * ship an app that reads nothing: it must fail at build time, not on readers' phones. Development
 * builds (`NODE_ENV=development`, e.g. `npm run dev:weapp`) and the tests' builds (`BUILD_MODE=test`)
 * may use the local server.
 */
export type BuildMode = 'development' | 'test' | 'release'

export function buildMode(env: Record<string, string | undefined>): BuildMode {
  if (env.NODE_ENV === 'development') return 'development'
  return env.BUILD_MODE === 'test' ? 'test' : 'release'
}

export interface BuildUrls {
  target: string
  mode: BuildMode
  /** The values the build would compile in, and whether each came from the environment. */
  feedBaseUrl: { value: string, fromEnv: boolean }
  apiBase: { value: string, fromEnv: boolean }
}

/** Problems with a build's URLs, one sentence each; empty when the build may go ahead. */
export function releaseUrlProblems({ target, mode, feedBaseUrl, apiBase }: BuildUrls): string[] {
  if (mode !== 'release') return []
  const problems: string[] = []
  const check = (name: string, { value, fromEnv }: { value: string, fromEnv: boolean }) => {
    // H5 is served beside its feed and API, so a relative base follows the page's own (https) origin.
    if (target === 'h5' && !/^[a-z][a-z0-9+.-]*:/i.test(value)) return
    if (/^https:\/\/[^/\s]+/i.test(value)) return
    problems.push(fromEnv
      ? `${name} is ${value}: a release build needs an https URL.`
      : `${name} is not set, so the build would point at ${value}: set it to the newsroom's https URL.`)
  }
  check('FEED_BASE_URL', feedBaseUrl)
  check('NOTIFY_API_BASE', apiBase)
  return problems
}

/** The message a refused release build prints. */
export function releaseUrlMessage(target: string, problems: string[]): string {
  return [
    `This is a release build of the ${target} app (NODE_ENV is not development), and:`,
    ...problems.map((p) => `  - ${p}`),
    'For a development build against the local server use `npm run dev:weapp` (NODE_ENV=development).'
  ].join('\n')
}
