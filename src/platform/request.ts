import Taro from '@tarojs/taro'
import { TransportError, type HttpGet } from '@/core/http'

/**
 * HttpGet over Taro.request (wx.request in the mini-program, fetch on H5). The body is requested as
 * text so the core decides what is valid JSON; failures that never reached the server become
 * TransportError('timeout' | 'offline').
 */
export const httpGet: HttpGet = async (url, { timeoutMs }) => {
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
    const err = e as { errMsg?: string, message?: string, name?: string }
    const text = `${err.errMsg ?? ''} ${err.message ?? ''}`
    // wx reports `request:fail timeout`; H5 aborts the fetch when its timer fires.
    if (/timeout|timed out/i.test(text) || err.name === 'AbortError') throw new TransportError('timeout', text.trim() || 'timeout')
    throw new TransportError('offline', text.trim() || 'network error')
  }
}
