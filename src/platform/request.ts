import Taro from '@tarojs/taro'
import { TransportError, type HttpGet, type HttpPostJson } from '@/core/http'
import { takeEarlyAnswer } from './early-feed'

/**
 * HttpGet over Taro.request (wx.request in the mini-program, fetch on H5). The body is requested as
 * text so the core decides what is valid JSON; failures that never reached the server become
 * TransportError('timeout' | 'offline').
 */
export const httpGet: HttpGet = async (url, { timeoutMs }) => {
  // H5: the page may have started this very request before the app loaded (src/h5/boot.js).
  const early = takeEarlyAnswer(url, timeoutMs)
  if (early) {
    try {
      const answer = await early
      if (answer) return answer
    } catch {
      // The early request failed: make our own, with the usual error handling.
    }
  }
  try {
    const res = await Taro.request({
      url,
      method: 'GET',
      dataType: 'text',
      responseType: 'text',
      timeout: timeoutMs,
      // H5: revalidate with the server (ETag) instead of trusting the browser's heuristic cache.
      cache: 'no-cache'
    } as Taro.request.Option)
    const header = (res.header ?? {}) as Record<string, string>
    const contentType = header['content-type'] ?? header['Content-Type']
    return { status: res.statusCode, body: typeof res.data === 'string' ? res.data : JSON.stringify(res.data ?? ''), contentType }
  } catch (e) {
    throw transportError(e)
  }
}

/** POSTs JSON over Taro.request; the answer's body as text, failures as TransportError. */
export const httpPostJson: HttpPostJson = async (url, body, { timeoutMs }) => {
  try {
    const res = await Taro.request({
      url,
      method: 'POST',
      data: JSON.stringify(body),
      header: { 'content-type': 'application/json' },
      dataType: 'text',
      responseType: 'text',
      timeout: timeoutMs
    } as Taro.request.Option)
    return { status: res.statusCode, body: typeof res.data === 'string' ? res.data : JSON.stringify(res.data ?? '') }
  } catch (e) {
    throw transportError(e)
  }
}

function transportError(e: unknown): TransportError {
  const err = e as { errMsg?: string, message?: string, name?: string }
  const text = `${err.errMsg ?? ''} ${err.message ?? ''}`
  // wx reports `request:fail timeout`; H5 aborts the fetch when its timer fires.
  if (/timeout|timed out/i.test(text) || err.name === 'AbortError') return new TransportError('timeout', text.trim() || 'timeout')
  return new TransportError('offline', text.trim() || 'network error')
}
