import { TransportError, type HttpGet } from './http'
import { describeProblems, validateIndex, validateIssue, type FeedIndex, type Issue, type Problem } from './feed'

export type FeedErrorKind = 'offline' | 'timeout' | 'http' | 'invalid-content' | 'schema' | 'not-found'

/** Every way reading the feed can fail, as one typed error the UI can explain and offer to retry. */
export class FeedError extends Error {
  constructor (
    readonly kind: FeedErrorKind,
    message: string,
    readonly detail: { url?: string, status?: number, problems?: Problem[] } = {}
  ) {
    super(message)
    this.name = 'FeedError'
  }
}

export interface FeedClientOptions {
  /** Where index.json and issues/ live; must end with `/`. */
  baseUrl: string
  get: HttpGet
  timeoutMs?: number
}

export interface FeedClient {
  readonly baseUrl: string
  /** Fetches and validates index.json. Rejects with FeedError. */
  fetchIndex(): Promise<FeedIndex>
  /** Fetches and validates the issue the index lists under `id`. Rejects with FeedError. */
  fetchIssue(index: FeedIndex, id: string): Promise<Issue>
  /** An asset path from the feed as a URL the app can load (relative paths are resolved against baseUrl). */
  assetUrl(src: string): string
}

const MAX_BODY_CHARS = 4 * 1024 * 1024

/** Creates a client for one feed. Nothing is cached here: caching is its own layer. */
export function createFeedClient(options: FeedClientOptions): FeedClient {
  const baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`
  const timeoutMs = options.timeoutMs ?? 10_000

  async function getJson(path: string): Promise<unknown> {
    const url = baseUrl + path
    let res
    try {
      res = await options.get(url, { timeoutMs })
    } catch (e) {
      if (e instanceof TransportError) {
        throw new FeedError(e.failure, e.failure === 'timeout' ? '网络请求超时' : '网络未连接', { url })
      }
      throw new FeedError('offline', '网络请求失败', { url })
    }
    if (res.status === 404) throw new FeedError('not-found', '未找到该期报纸', { url, status: res.status })
    if (res.status < 200 || res.status >= 300) {
      throw new FeedError('http', `服务器暂时无法访问（${res.status}）`, { url, status: res.status })
    }
    if (res.body.length > MAX_BODY_CHARS) throw new FeedError('invalid-content', '报纸数据过大', { url })
    const trimmed = res.body.trimStart()
    // Government hosting serves its HTML error pages with status 200: never treat them as data.
    if (trimmed.startsWith('<')) throw new FeedError('invalid-content', '服务器返回了网页而不是报纸数据', { url, status: res.status })
    try {
      return JSON.parse(trimmed)
    } catch {
      throw new FeedError('invalid-content', '报纸数据不完整或已损坏', { url, status: res.status })
    }
  }

  return {
    baseUrl,
    async fetchIndex() {
      const json = await getJson('index.json')
      const result = validateIndex(json)
      if (!result.ok) throw new FeedError('schema', `目录数据格式有误：${describeProblems(result.problems)}`, { url: `${baseUrl}index.json`, problems: result.problems })
      return result.value
    },
    async fetchIssue(index, id) {
      const summary = index.issues.find((s) => s.id === id)
      if (!summary) throw new FeedError('not-found', `目录中没有这一期（${id}）`)
      const json = await getJson(summary.path)
      const result = validateIssue(json)
      if (!result.ok) throw new FeedError('schema', `本期数据格式有误：${describeProblems(result.problems)}`, { url: baseUrl + summary.path, problems: result.problems })
      if (result.value.id !== id) throw new FeedError('schema', `本期数据与目录不符（${result.value.id} ≠ ${id}）`, { url: baseUrl + summary.path })
      return result.value
    },
    assetUrl(src) {
      return /^https:\/\//.test(src) ? src : baseUrl + src
    }
  }
}
