/**
 * The console page's only door to the server: every call to `/newsroom/api/*` goes through here. The
 * session is the HttpOnly cookie, which the browser sends by itself (`credentials: 'same-origin'`); no
 * token or secret is ever kept by the page.
 */
import {
  API_BASE, type ApiError, type ApiErrorCode, type Draft, type DraftSummary, type NotifyAnswer, type PlanRequest, type PublishAnswer,
  type PublishedIssue, type PublishPlanAnswer, type PublishRequest, type SaveDraftRequest, type SessionInfo
} from '../core/api'

/** A refused or failed call: the server's code and Chinese message, or one of ours for network failures. */
export class ApiFailure extends Error {
  constructor (
    readonly status: number,
    readonly code: ApiErrorCode | 'network',
    message: string,
    readonly problems?: ApiError['problems'],
    /** Seconds, from Retry-After (429). */
    readonly retryAfter?: number
  ) {
    super(message)
    this.name = 'ApiFailure'
  }
}

/** What the console does with the server; one method per route of the contract (newsroom/console/core/api.ts). */
export interface ConsoleApi {
  session(): Promise<SessionInfo>
  login(token: string): Promise<void>
  logout(): Promise<void>
  /** Uploads files as one draft; `onProgress` gets the fraction sent (0–1); resolves once parsed. */
  createDraft(files: File[], onProgress?: (sent: number) => void): Promise<Draft>
  listDrafts(): Promise<DraftSummary[]>
  getDraft(id: string): Promise<Draft>
  saveDraft(id: string, body: SaveDraftRequest): Promise<Draft>
  deleteDraft(id: string): Promise<void>
  plan(id: string, body?: PlanRequest): Promise<PublishPlanAnswer>
  publish(id: string, body: PublishRequest): Promise<PublishAnswer>
  listIssues(): Promise<PublishedIssue[]>
  openIssue(id: string): Promise<Draft>
  notify(id: string): Promise<NotifyAnswer>
  notifyStatus(id: string): Promise<NotifyAnswer>
  removeIssue(id: string): Promise<void>
}

const NETWORK = '连不上服务器，请检查网络后再试。'

function failureFrom(status: number, text: string, retryAfter: string | null): ApiFailure {
  let body: Partial<ApiError> = {}
  try { body = JSON.parse(text) as Partial<ApiError> } catch { body = {} }
  const retry = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined
  const message = typeof body.message === 'string' && body.message !== '' ? body.message : `服务器出错（${status}），请稍后再试。`
  return new ApiFailure(status, (body.error as ApiErrorCode | undefined) ?? 'internal', message, body.problems, retry)
}

/** Creates the client for the API at `base` (the contract's path by default). */
export function createConsoleApi(base: string = API_BASE): ConsoleApi {
  const enc = encodeURIComponent

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response
    try {
      res = await fetch(base + path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
      })
    } catch {
      throw new ApiFailure(0, 'network', NETWORK)
    }
    const text = await res.text()
    if (!res.ok) throw failureFrom(res.status, text, res.headers.get('retry-after'))
    if (res.status === 204 || text === '') return undefined as T
    return JSON.parse(text) as T
  }

  return {
    session: () => call('GET', 'session'),
    login: (token) => call('POST', 'login', { token }),
    logout: () => call('POST', 'logout'),
    createDraft(files, onProgress) {
      // XMLHttpRequest rather than fetch: fetch reports no upload progress, and PDFs run to tens of MB.
      return new Promise<Draft>((resolve, reject) => {
        const form = new FormData()
        for (const f of files) form.append('files', f, f.name)
        const xhr = new XMLHttpRequest()
        xhr.open('POST', base + 'drafts')
        xhr.setRequestHeader('accept', 'application/json')
        xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total) }
        xhr.onerror = () => reject(new ApiFailure(0, 'network', NETWORK))
        xhr.onload = () => {
          if (xhr.status >= 200 && xhr.status < 300) {
            try { resolve(JSON.parse(xhr.responseText) as Draft) } catch { reject(new ApiFailure(xhr.status, 'internal', '服务器的回答无法读取，请稍后再试。')) }
          } else {
            reject(failureFrom(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')))
          }
        }
        xhr.send(form)
      })
    },
    listDrafts: () => call('GET', 'drafts'),
    getDraft: (id) => call('GET', `drafts/${enc(id)}`),
    saveDraft: (id, body) => call('PUT', `drafts/${enc(id)}`, body),
    deleteDraft: (id) => call('DELETE', `drafts/${enc(id)}`),
    plan: (id, body = {}) => call('POST', `drafts/${enc(id)}/plan`, body),
    publish: (id, body) => call('POST', `drafts/${enc(id)}/publish`, body),
    listIssues: () => call('GET', 'issues'),
    openIssue: (id) => call('POST', `issues/${enc(id)}/draft`),
    notify: (id) => call('POST', `issues/${enc(id)}/notify`),
    notifyStatus: (id) => call('GET', `issues/${enc(id)}/notify`),
    removeIssue: (id) => call('DELETE', `issues/${enc(id)}`, { confirm: id })
  }
}
