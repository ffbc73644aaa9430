// Feed figures for `npm run bench`: the bytes it takes to open an issue, next to the floor (the
// issue's text alone, gzipped).
import http from 'node:http'
import { gzipSync } from 'node:zlib'
import budgets from './budgets.js'

/** Body bytes of a GET as sent on the wire by a server asked for gzip. */
function wireBytes(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      let bytes = 0
      res.on('data', (c) => { bytes += c.length })
      res.on('end', () => (res.statusCode === 200 ? resolve({ bytes, encoding: res.headers['content-encoding'] ?? 'identity' }) : reject(new Error(`${url}: HTTP ${res.statusCode}`))))
    }).on('error', reject)
  })
}

/**
 * What a reader downloads to open the latest issue (index.json, then the issue's JSON), gzipped as
 * the static server sends it, against the gzipped plain text of the issue (every article's title
 * lines, paragraphs and captions, joined by newlines): the least any format could send.
 * @param {string} feedUrl the feed's base URL on a running static server, ending in `/`
 * @param {{ issues: { id: string, path: string }[] }} index the feed's index.json
 * @param {{ articles: { id: string, title: string, paragraphs: string[], figures: { caption?: string }[] }[] }} issue that issue
 */
export async function feedBytes(feedUrl, index, issue) {
  const indexWire = await wireBytes(new URL('index.json', feedUrl))
  const issueWire = await wireBytes(new URL(index.issues[0].path, feedUrl))
  const text = issue.articles.map((a) => budgets.articleText(a)).join('\n')
  const floor = gzipSync(Buffer.from(text)).length
  const total = indexWire.bytes + issueWire.bytes
  return {
    issue: index.issues[0].id,
    encoding: issueWire.encoding,
    indexBytes: indexWire.bytes,
    issueBytes: issueWire.bytes,
    totalBytes: total,
    plainTextBytes: Buffer.byteLength(text),
    floorGzipBytes: floor,
    ratio: Number((total / floor).toFixed(2))
  }
}
