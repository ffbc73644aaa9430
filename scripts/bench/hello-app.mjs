// The baseline for "bytes our own code adds": a two-page Taro app that renders one line of text,
// built with this project's own config, Babel setup and node_modules (linked, not installed), so
// what it weighs is Taro's runtime, React and the generated templates and nothing of ours.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const PAGE = (title) => `import { View, Text } from '@tarojs/components'

export default function Page() {
  return <View><Text>${title}</Text></View>
}
`

/**
 * Builds the hello app for WeChat in a fresh temporary folder and returns that folder's dist/weapp
 * path; `cleanup()` removes the folder. Throws when the build fails.
 * @param {string} root the project whose config, Babel setup and node_modules are reused
 * @param {Record<string, string>} env extra environment for the build (e.g. NODE_ENV)
 */
export function buildHelloWeapp(root, env = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gxqb-bench-hello-'))
  const cleanup = () => rmSync(dir, { recursive: true, force: true })
  try {
    for (const f of ['package.json', 'babel.config.js', 'tsconfig.json', 'project.config.json', 'config']) cpSync(path.join(root, f), path.join(dir, f), { recursive: true })
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
    const src = path.join(dir, 'src')
    for (const p of ['index', 'other']) mkdirSync(path.join(src, 'pages', p), { recursive: true })
    // Same window and dark-mode setup as the real app, since both shape what the build emits.
    cpSync(path.join(root, 'src', 'theme.json'), path.join(src, 'theme.json'))
    writeFileSync(path.join(src, 'app.config.ts'), `export default defineAppConfig({
  pages: ['pages/index/index', 'pages/other/index'],
  darkmode: true,
  themeLocation: 'theme.json',
  window: { navigationBarBackgroundColor: '@navBgColor', navigationBarTitleText: 'hello', navigationBarTextStyle: '@navTextStyle', backgroundColor: '@bgColor' }
})
`)
    writeFileSync(path.join(src, 'app.ts'), `import type { PropsWithChildren } from 'react'

export default function App({ children }: PropsWithChildren) {
  return children
}
`)
    writeFileSync(path.join(src, 'pages', 'index', 'index.tsx'), PAGE('hello'))
    writeFileSync(path.join(src, 'pages', 'other', 'index.tsx'), PAGE('other'))
    for (const p of ['index', 'other']) writeFileSync(path.join(src, 'pages', p, 'index.config.ts'), `export default definePageConfig({ navigationBarTitleText: '${p}' })\n`)
    const taro = path.join(root, 'node_modules', '.bin', 'taro')
    const r = spawnSync(taro, ['build', '--type', 'weapp'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`building the hello app failed (exit ${r.status}):\n${r.stderr}`)
    return { weappDir: path.join(dir, 'dist', 'weapp'), cleanup }
  } catch (e) {
    cleanup()
    throw e
  }
}
