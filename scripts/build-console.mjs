// Builds the newsroom console's page (newsroom/console/web/) with esbuild into dist/console/: index.html
// (no inline script, so the server's CSP can be `default-src 'self'`), one JS and one CSS file named by
// content hash. It is a plain React page, not part of the Taro builds, and adds nothing to them.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const consoleDir = path.join(root, 'dist', 'console')
const web = path.join(root, 'newsroom', 'console', 'web')
// The console's public path (CONSOLE_BASE in newsroom/console/core/api.ts).
const base = '/newsroom/'

/** Rebuilds dist/console; resolves with the file names written. Throws when esbuild reports an error. */
export async function buildConsole({ log = true } = {}) {
  rmSync(consoleDir, { recursive: true, force: true })
  mkdirSync(consoleDir, { recursive: true })
  const result = await build({
    entryPoints: { console: path.join(web, 'main.tsx') },
    bundle: true,
    minify: true,
    sourcemap: false,
    format: 'esm',
    target: ['chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    charset: 'utf8',
    entryNames: '[name]-[hash]',
    outdir: consoleDir,
    metafile: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning'
  })
  const outputs = Object.keys(result.metafile.outputs).map((f) => path.basename(f))
  const js = outputs.find((f) => f.endsWith('.js'))
  const css = outputs.find((f) => f.endsWith('.css'))
  if (!js || !css || outputs.length !== 2) throw new Error(`the console build should give one JS and one CSS file, not ${outputs.join(', ')}`)
  const html = readFileSync(path.join(web, 'index.html'), 'utf8').replace('%JS%', base + js).replace('%CSS%', base + css)
  writeFileSync(path.join(consoleDir, 'index.html'), html)
  if (log) {
    const size = (f) => `${(result.metafile.outputs[path.relative(process.cwd(), path.join(consoleDir, f))]?.bytes ?? 0) / 1000} kB`
    console.log(`console page: dist/console/index.html, ${js} (${size(js)}), ${css} (${size(css)})`)
  }
  return { html: 'index.html', js, css }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await buildConsole()
  } catch (e) {
    console.error(String(e instanceof Error ? e.message : e))
    process.exit(1)
  }
}
