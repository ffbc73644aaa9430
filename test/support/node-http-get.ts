import { TransportError, type HttpGet } from '@/core/http'

/**
 * The app's request port implemented over Node's fetch, so core and store tests make real HTTP
 * requests to a local server instead of calling a stand-in.
 */
export const nodeHttpGet: HttpGet = async (url, { timeoutMs }) => {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const res = await fetch(url, { signal: controller.signal })
    const body = await res.text()
    return { status: res.status, body, contentType: res.headers.get('content-type') ?? undefined }
  } catch (e) {
    if (controller.signal.aborted) throw new TransportError('timeout', `timed out after ${timeoutMs} ms`)
    throw new TransportError('offline', (e as Error).message)
  } finally {
    clearTimeout(timer)
  }
}
