/**
 * Reading an issue's sources into the publisher's input, whichever form they take: one `.txt` of the
 * extracted text (feed-folder.ts and parse-issue.ts) or page PDFs (build-pdf.ts). Shared by the feed
 * command and the newsroom console, so both read an upload with the same code. Writes nothing.
 */
import { readPdfBuild, type PdfBuildFiles, type PdfTimings } from './build-pdf'
import { InputError, readBuildFiles } from './feed-folder'
import type { PublishInput } from './publish'

/** Whether a source path is the extracted text (else a PDF or a folder of PDFs). */
export const isTextSource = (source: string): boolean => /\.txt$/i.test(source)

/** The sources read: which path they took, the publisher's input, and for PDFs the time each stage took. */
export interface ReadSources {
  kind: 'text' | 'pdf'
  input: PublishInput
  timings?: PdfTimings
}

/**
 * Reads `sources`: exactly one `.txt`, or any number of PDFs and folders of PDFs (never both). Throws
 * InputError for a mix, parse-issue's SourceError for text it cannot read, and build-pdf's
 * PdfSourceError or RecogniseError for PDFs.
 */
export async function readIssueSources (sources: string[], files: PdfBuildFiles = {}): Promise<ReadSources> {
  if (sources.length === 0) throw new InputError('no source: give the issue\'s .txt, or its page PDFs')
  if (sources.some(isTextSource)) {
    if (sources.length > 1) throw new InputError(sources.every(isTextSource) ? 'one .txt source only' : 'either one .txt or page PDFs, not both')
    return { kind: 'text', input: readBuildFiles({ source: sources[0], ...files }) }
  }
  const read = await readPdfBuild(sources, files)
  return { kind: 'pdf', input: read.input, timings: read.timings }
}
