import { TransportError, type HttpGet, type HttpPostJson } from '@/core/http'

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

/** The app's JSON POST port over Node's fetch, for tests against a real local server. */
export const nodeHttpPostJson: HttpPostJson = async (url, body, { timeoutMs }) => {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal: controller.signal })
    return { status: res.status, body: await res.text() }
  } catch (e) {
    if (controller.signal.aborted) throw new TransportError('timeout', `timed out after ${timeoutMs} ms`)
    throw new TransportError('offline', (e as Error).message)
  } finally {
    clearTimeout(timer)
  }
}
