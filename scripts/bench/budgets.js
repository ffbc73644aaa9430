// The performance budgets and the measurements they apply to, shared by `npm run bench`
// (scripts/bench.mjs) and the budget test (test/bench/budgets.test.ts), so both read the same
// numbers and count bytes the same way. CommonJS so the .mjs script and the jest test can both load it.
const { readdirSync, readFileSync, statSync } = require('node:fs')
const path = require('node:path')

const KB = 1024

/**
 * Budgets from the issue: package sizes against WeChat's limits with room to grow, setData and WXML
 * figures from WeChat's performance audit. `aim` values are targets reported, never asserted.
 */
exports.BUDGETS = Object.freeze({
  mainPackageBytes: 420 * KB,
  allPackagesBytes: 600 * KB,
  setDataBytes: 256 * KB,
  setDataAimBytes: 32 * KB,
  /** Fewer than this many WXML nodes on a page. */
  nodes: 1000,
  nodesAim: 400,
  /** WXML depth under this. */
  depth: 30,
  /** The page view's first render with every zone of the largest page: its setData in all, and its WXML nodes (fewer than). */
  pageViewSetDataBytes: 32 * KB,
  pageViewNodes: 400,
  /** Bytes to show a page at phone size: one image file of at most this. */
  pageImageBytes: 250 * KB
})

exports.KB = KB

/**
 * Every file under `dir`, with its path relative to `dir` (forward slashes) and its size in bytes,
 * sorted by path so the output is stable.
 * @param {string} dir
 */
function listFiles(dir) {
  const out = []
  const walk = (rel) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name
      const s = statSync(path.join(dir, r))
      if (s.isDirectory()) walk(r)
      else if (s.isFile()) out.push({ path: r, bytes: s.size })
    }
  }
  walk('')
  return out.sort((a, b) => (a.path < b.path ? -1 : 1))
}
exports.listFiles = listFiles

/**
 * Sizes of a compiled mini-program folder (dist/weapp): the main package is every file outside the
 * subpackage roots that app.json declares, which is how WeChat splits the upload.
 * @param {string} dir the compiled mini-program (its app.json is read)
 * @param {number} [largest] how many of the main package's largest files to list
 */
exports.weappSizes = function weappSizes(dir, largest = 8) {
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/^\/|\/$/g, ''))
  const files = listFiles(dir)
  const main = []
  const subpackages = Object.fromEntries(roots.map((r) => [r, 0]))
  for (const f of files) {
    const root = roots.find((r) => f.path.startsWith(`${r}/`))
    if (root) subpackages[root] += f.bytes
    else main.push(f)
  }
  const sum = (list) => list.reduce((n, f) => n + f.bytes, 0)
  return {
    mainBytes: sum(main),
    allBytes: sum(files),
    subpackages,
    mainFiles: main.length,
    largestMainFiles: [...main].sort((a, b) => b.bytes - a.bytes).slice(0, largest)
  }
}

/**
 * The reader-visible text of an article (title lines, paragraphs, captions): what "the longest
 * article" is measured by, and the content the feed's floor is computed from.
 * @param {{ kicker?: string, title: string, subtitle?: string, paragraphs: string[], figures: { caption?: string }[] }} article
 */
exports.articleText = function articleText(article) {
  return [article.kicker, article.title, article.subtitle, ...article.paragraphs, ...article.figures.map((f) => f.caption)]
    .filter((s) => typeof s === 'string' && s.length > 0)
    .join('\n')
}

/**
 * The id of the article with the most text (by articleText) in an issue; ties go to the first.
 * @param {{ articles: { id: string }[] }} issue a feed issue (issues/<id>.json)
 */
exports.longestArticleId = function longestArticleId(issue) {
  let best = issue.articles[0]
  for (const a of issue.articles) if (exports.articleText(a).length > exports.articleText(best).length) best = a
  return best.id
}
