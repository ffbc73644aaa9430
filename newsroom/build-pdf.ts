/**
 * The PDF path's front door: page PDFs → extract (text runs, images, page renders) → recognise → the
 * publisher's input, the same {@link PublishInput} the text path's readBuildFiles gives. It reads and
 * encodes everything and writes nothing; publishing (stable ids, names by hash, the lock, the journal)
 * is `publish/`'s alone, so a bad page leaves the feed folder as it was.
 */
import path from 'node:path'
import { extractSources } from './extract/pdf-source'
import { readPaperFile, readPhotoFolder } from './feed-folder'
import type { PageImageInput, PublishInput } from './publish'
import { photoKey } from './publish/photo-names'
import { recogniseIssue, type RecognisedIssue } from './recognise/recognise-issue'

/** Seconds spent in each stage of reading a PDF build, for the editor and for the budget (2 s a page). */
export interface PdfTimings {
  pages: number
  extract: number
  recognise: number
  images: number
  total: number
}

/** A PDF build read and recognised: the publisher's input, and the time each stage took. */
export interface PdfBuildInput {
  input: PublishInput & { parsed: RecognisedIssue }
  timings: PdfTimings
}

/** What `feed build` was given besides the PDFs; paths as the user gave them. */
export interface PdfBuildFiles {
  /** Photo files that replace the printed photos, one per photo figure in order of appearance. */
  images?: string
  paper?: string
}

/**
 * Reads one issue from PDF sources (files, or folders of PDFs taken in file-name order; each page is one
 * 版): the recognised issue with its zones, the photos printed on the pages (JPEG, keyed by
 * `photoKey(item, n)` like the text path's `--images`, which, when given, take their place) and each
 * page's image with its phone rendition. Throws the extract stage's PdfSourceError or the recogniser's
 * RecogniseError (both name file and page) and InputError for the paper or images.
 */
export async function readPdfBuild(sources: string[], files: PdfBuildFiles = {}): Promise<PdfBuildInput> {
  const started = Date.now()
  const seconds = (from: number) => Math.round((Date.now() - from) / 10) / 100
  // Read before the PDFs: a broken paper file should not cost a minute of extraction.
  const paper = files.paper ? readPaperFile(files.paper) : undefined
  const source = await extractSources(sources)
  try {
    const extractTime = seconds(started)
    const t1 = Date.now()
    const parsed = recogniseIssue(source.pages)
    const recogniseTime = seconds(t1)
    const t2 = Date.now()
    const photos: Record<string, Uint8Array> = {}
    const photoNames: Record<string, string> = {}
    for (const [i, it] of parsed.items.entries()) {
      if (!it.image) continue
      // The recogniser gives an item at most one printed photo, its `figure`: figure 1.
      const key = photoKey(i, 1)
      const img = await source.image(it.image.page, it.image.imageId)
      const page = source.pages[it.image.page]
      photos[key] = img.bytes
      photoNames[key] = `${path.basename(page.file)}第${page.pageInFile}页的图片`
    }
    if (files.images) {
      const given = readPhotoFolder(files.images, parsed)
      Object.assign(photos, given.photos)
      Object.assign(photoNames, given.photoNames)
    }
    const pageImages: PageImageInput[] = []
    for (let i = 0; i < source.pages.length; i++) {
      const r = await source.render(i)
      pageImages.push({ full: r.full.bytes, thumb: r.thumb.bytes })
    }
    const imagesTime = seconds(t2)
    return {
      input: { parsed, paper, photos, photoNames, pageImages },
      timings: { pages: source.pages.length, extract: extractTime, recognise: recogniseTime, images: imagesTime, total: seconds(started) }
    }
  } finally {
    await source.close()
  }
}
