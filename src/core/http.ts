/**
 * The request port the core needs. Platform code implements it over Taro.request; tests pass an
 * in-memory or local-HTTP implementation. Bodies are text: the core parses JSON itself so that an HTML
 * error page served with status 200 is recognised as invalid content rather than silently accepted.
 */
export interface HttpResponse {
  status: number
  body: string
  contentType?: string
}

export interface HttpGetOptions {
  timeoutMs: number
}

/** Resolves with any HTTP status; rejects only with a TransportError. */
export type HttpGet = (url: string, options: HttpGetOptions) => Promise<HttpResponse>

export type TransportFailure = 'offline' | 'timeout'

/** The request never produced an HTTP response. */
export class TransportError extends Error {
  constructor (readonly failure: TransportFailure, message: string) {
    super(message)
    this.name = 'TransportError'
  }
}

/** POSTs a JSON body; resolves with any HTTP status, rejects only with a TransportError. */
export type HttpPostJson = (url: string, body: unknown, options: HttpGetOptions) => Promise<HttpResponse>
