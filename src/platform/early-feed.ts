import type { HttpResponse } from '@/core/http'

type EarlyFeed = { take(url: string): Promise<HttpResponse> | undefined }

/**
 * H5 only: the answer src/h5/boot.js already started for this URL before the app's scripts ran, taken
 * once (a later request for the same URL, such as a refresh, goes to the network). Undefined when there
 * is none, or after `timeoutMs` without an answer, so the caller makes its own request. Rejects when the
 * early request failed, which the caller also answers with its own request.
 */
export function takeEarlyAnswer(url: string, timeoutMs: number): Promise<HttpResponse | undefined> | undefined {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return undefined
  const early = (window as unknown as { __gxqbEarlyFeed?: EarlyFeed }).__gxqbEarlyFeed?.take(url)
  if (!early) return undefined
  return new Promise<HttpResponse | undefined>((resolve, reject) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs)
    early.then(
      (answer) => { clearTimeout(timer); resolve(answer) },
      (e) => { clearTimeout(timer); reject(e) }
    )
  })
}
