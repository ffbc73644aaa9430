/**
 * What the extract stage hands to the recognise stage for one printed page (版): every text run with
 * its position, size and font, every placed image, and the rules (lines and thin boxes) drawn on it.
 * Coordinates are PDF points with the origin at the page's top-left corner, y growing downwards, so
 * that they map directly onto the page image (divide by width/height for fractions).
 */
export interface TextRun {
  /** The run's text as decoded through the font's ToUnicode map or CMap. */
  text: string
  /** Left edge and top edge of the run's box (points, top-left origin). */
  x: number
  y: number
  /** Width and height of the box; height is the type size for horizontal text. */
  w: number
  h: number
  /** Type size in points (from the text matrix, not the font dictionary). */
  size: number
  /** The font's name as the PDF gives it, subset prefix removed (e.g. `NotoSerifCJKsc-Regular`). */
  font: string
  /** Bold or black weight, judged from the font name or its descriptor. */
  bold: boolean
}

/** An image drawn on the page: its placement and where its pixels can be had. */
export interface PlacedImage {
  /** Stable within the page: the order in which the page draws it (`img0`, `img1`, …). */
  id: string
  x: number
  y: number
  w: number
  h: number
  /** The image's own pixel size. */
  pixelWidth: number
  pixelHeight: number
}

/** A drawn line or the edge of a drawn box, as separators between modules are printed. */
export interface Rule {
  x1: number
  y1: number
  x2: number
  y2: number
  /** Line width in points. */
  width: number
}

/** One printed page as extracted. */
export interface PageContent {
  /** 0-based position of the page in the whole issue (across files). */
  index: number
  /** The file it came from and its 1-based page number there, for error messages. */
  file: string
  pageInFile: number
  /** Page size in points. */
  width: number
  height: number
  runs: TextRun[]
  images: PlacedImage[]
  rules: Rule[]
}
