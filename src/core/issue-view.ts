import type { Article, Issue, Page } from './feed'

/** The articles printed on a page, in the page's order. */
export function articlesOnPage(issue: Issue, pageId: string): Article[] {
  const page = issue.pages.find((p) => p.id === pageId)
  if (!page) return []
  const byId = new Map(issue.articles.map((a) => [a.id, a]))
  return page.articleIds.map((id) => byId.get(id)).filter((a): a is Article => a !== undefined)
}

/** The image an article list shows beside an article: its first photo that has a file. */
export function listThumbnail(article: Pick<Article, 'figures'>): string | undefined {
  return article.figures.find((f) => f.src)?.src
}

/** Reading order of the whole issue: page by page, each page in its printed order. */
export function readingOrder(issue: Issue): Article[] {
  return issue.pages.flatMap((p) => articlesOnPage(issue, p.id))
}

export interface ArticleContext {
  article: Article
  page: Page
  previous?: Article
  next?: Article
  /** 1-based position in reading order, and the total, for "3 / 9". */
  position: number
  total: number
}

/** An article with its page and neighbours in reading order, or undefined for an unknown id. */
export function articleContext(issue: Issue, articleId: string): ArticleContext | undefined {
  const order = readingOrder(issue)
  const i = order.findIndex((a) => a.id === articleId)
  if (i < 0) return undefined
  const article = order[i]
  const page = issue.pages.find((p) => p.id === article.pageId) as Page
  return { article, page, previous: order[i - 1], next: order[i + 1], position: i + 1, total: order.length }
}
