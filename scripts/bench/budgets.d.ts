// Types for budgets.js, so the TypeScript budget test can import it.

export declare const KB: number

export declare const BUDGETS: Readonly<{
  mainPackageBytes: number
  allPackagesBytes: number
  setDataBytes: number
  setDataAimBytes: number
  nodes: number
  nodesAim: number
  depth: number
  pageViewSetDataBytes: number
  pageViewNodes: number
  pageImageBytes: number
}>

export interface FileSize { path: string, bytes: number }

export interface WeappSizes {
  mainBytes: number
  allBytes: number
  /** Bytes per subpackage root. */
  subpackages: Record<string, number>
  mainFiles: number
  largestMainFiles: FileSize[]
}

export interface ArticleLike {
  id: string
  kicker?: string
  title: string
  subtitle?: string
  paragraphs: string[]
  figures: { caption?: string }[]
}

/** Every file under `dir` with its size, sorted by path. */
export declare function listFiles(dir: string): FileSize[]
/** Main package, subpackages and total of a compiled mini-program folder. */
export declare function weappSizes(dir: string, largest?: number): WeappSizes
/** The reader-visible text of an article. */
export declare function articleText(article: Omit<ArticleLike, 'id'>): string
/** The id of the article with the most text. */
export declare function longestArticleId(issue: { articles: ArticleLike[] }): string
