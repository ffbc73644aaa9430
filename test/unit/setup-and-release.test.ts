/**
 * Set-up and release guards: an old Node is told so before anything runs, and a release build that
 * would point phones at a local or plain-http server fails at build time with a clear message.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { buildMode, releaseUrlProblems } from '../../config/release-urls'

const root = path.resolve(__dirname, '../..')
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nodeVersionProblem, requiredMajor } = require('../../scripts/check-node.cjs') as { nodeVersionProblem: (v: string, required: number) => string | null, requiredMajor: () => number }

describe('Node version', () => {
  test('the required major version is the one package.json\'s engines names', () => {
    const engines = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node
    expect(engines).toBe('>=20')
    expect(requiredMajor()).toBe(20)
  })

  test('an older Node gets a message naming both versions; a current one none', () => {
    expect(nodeVersionProblem('18.19.1', 20)).toMatch(/needs Node 20 or newer; this is Node 18\.19\.1/)
    expect(nodeVersionProblem('16.0.0', 20)).not.toBeNull()
    expect(nodeVersionProblem('20.0.0', 20)).toBeNull()
    expect(nodeVersionProblem('22.13.1', 20)).toBeNull()
  })

  test('every command a reader of the README runs checks Node first', () => {
    const scripts = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>
    for (const name of ['start', 'test', 'feed', 'server']) expect(scripts[name]).toMatch(/^node scripts\/check-node\.cjs && /)
  })

  test('the check runs as a script and passes on this Node', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/check-node.cjs')], { encoding: 'utf8' })
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
  })
})

describe('release build URLs', () => {
  const local = (value: string) => ({ value, fromEnv: false })
  const set = (value: string) => ({ value, fromEnv: true })

  test('a build is a release unless it is a development or test build', () => {
    expect(buildMode({ NODE_ENV: 'production' })).toBe('release')
    expect(buildMode({})).toBe('release')
    expect(buildMode({ NODE_ENV: 'development' })).toBe('development')
    expect(buildMode({ NODE_ENV: 'production', BUILD_MODE: 'test' })).toBe('test')
  })

  test('a release weapp must read its feed and API over https', () => {
    const weapp = { target: 'weapp', mode: 'release' as const }
    expect(releaseUrlProblems({ ...weapp, feedBaseUrl: local('http://127.0.0.1:8080/feed/'), apiBase: local('http://127.0.0.1:8080/') })).toEqual([
      'FEED_BASE_URL is not set, so the build would point at http://127.0.0.1:8080/feed/: set it to the newsroom\'s https URL.',
      'NOTIFY_API_BASE is not set, so the build would point at http://127.0.0.1:8080/: set it to the newsroom\'s https URL.'
    ])
    expect(releaseUrlProblems({ ...weapp, feedBaseUrl: set('http://news.example.cn/feed/'), apiBase: set('https://news.example.cn/') }))
      .toEqual(['FEED_BASE_URL is http://news.example.cn/feed/: a release build needs an https URL.'])
    expect(releaseUrlProblems({ ...weapp, feedBaseUrl: set('./feed/'), apiBase: set('https://news.example.cn/') })).toHaveLength(1)
    expect(releaseUrlProblems({ ...weapp, feedBaseUrl: set('https://news.example.cn/feed/'), apiBase: set('https://news.example.cn/') })).toEqual([])
  })

  test('H5 may stay relative to its own page, but an absolute base must be https', () => {
    const h5 = { target: 'h5', mode: 'release' as const }
    expect(releaseUrlProblems({ ...h5, feedBaseUrl: local('./feed/'), apiBase: local('./') })).toEqual([])
    expect(releaseUrlProblems({ ...h5, feedBaseUrl: set('http://news.example.cn/feed/'), apiBase: local('./') })).toHaveLength(1)
  })

  test('development and test builds may use the local server', () => {
    for (const mode of ['development', 'test'] as const) {
      expect(releaseUrlProblems({ target: 'weapp', mode, feedBaseUrl: local('http://127.0.0.1:8080/feed/'), apiBase: local('http://127.0.0.1:8080/') })).toEqual([])
    }
  })

  test('`taro build --type weapp` for release without FEED_BASE_URL stops before building, and says why', () => {
    const env: Record<string, string> = { ...process.env as Record<string, string>, NODE_ENV: 'production' }
    delete env.FEED_BASE_URL
    delete env.NOTIFY_API_BASE
    delete env.BUILD_MODE
    const started = Date.now()
    const r = spawnSync(path.join(root, 'node_modules/.bin/taro'), ['build', '--type', 'weapp'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toContain('FEED_BASE_URL is not set, so the build would point at http://127.0.0.1:8080/feed/')
    expect(r.stderr).toContain('NOTIFY_API_BASE is not set')
    // Refused at configuration, long before webpack would have compiled anything.
    expect(Date.now() - started).toBeLessThan(30_000)
  }, 70_000)
})
