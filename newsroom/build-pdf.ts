/**
 * `feed build` from page PDFs: extract (text runs, images, page renders) → recognise → the same publish
 * step the text path uses. Everything is read, recognised and encoded before the first write, so a bad
 * page leaves the feed folder as it was.
 */
import { buildFeed, type BuildOptions, type BuildResult, type ExtractedImages } from './feed-folder'
import { articleId, slotKey } from './feed-model'
import { extractSources } from './extract/pdf-source'
import { recogniseIssue, type RecognisedIssue } from './recognise/recognise-issue'

/** Seconds spent in each stage of a PDF build, for the editor and for the budget (2 s a page). */
export interface PdfTimings {
  pages: number
  extract: number
  recognise: number
  images: number
  total: number
}

/** A PDF build's result: the publish step's, plus the recognised issue and the time each stage took. */
export interface PdfBuildResult extends BuildResult {
  parsed: RecognisedIssue
  timings: PdfTimings
}

/**
 * Builds one issue from PDF sources (files, or folders of PDFs taken in file-name order; each page is
 * one 版) into a feed folder. Throws the extract stage's PdfSourceError or the recogniser's
 * RecogniseError (both name file and page) and the publish step's errors, always before writing.
 */
export async function buildFeedFromPdf(sources: string[], options: Omit<BuildOptions, 'source' | 'parsed' | 'extracted'>): Promise<PdfBuildResult> {
  const started = Date.now()
  const seconds = (from: number) => Math.round((Date.now() - from) / 10) / 100
  const source = await extractSources(sources)
  try {
    const extractTime = seconds(started)
    const t1 = Date.now()
    const parsed = recogniseIssue(source.pages)
    const recogniseTime = seconds(t1)
    const t2 = Date.now()
    const photos: ExtractedImages['photos'] = {}
    for (const [i, it] of parsed.items.entries()) {
      if (!it.image) continue
      const img = await source.image(it.image.page, it.image.imageId)
      photos[slotKey({ articleId: articleId(i), n: 1 })] = { bytes: img.bytes, width: img.width, height: img.height, sha256: img.sha256 }
    }
    const pages: ExtractedImages['pages'] = []
    for (let i = 0; i < source.pages.length; i++) {
      const r = await source.render(i)
      pages.push({ full: r.full, thumb: r.thumb })
    }
    const imagesTime = seconds(t2)
    const result = buildFeed({ ...options, source: sources.join(' '), parsed, extracted: { photos, pages } })
    return {
      ...result,
      parsed,
      timings: { pages: source.pages.length, extract: extractTime, recognise: recogniseTime, images: imagesTime, total: seconds(started) }
    }
  } finally {
    await source.close()
  }
}
