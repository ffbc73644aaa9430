import type { FeedError } from '@/core/feed-client'

/** A headline for each kind of failure, in the reader's words. The error's message gives the detail. */
export function feedErrorTitle(error: FeedError): string {
  switch (error.kind) {
    case 'offline': return '网络未连接'
    case 'timeout': return '网络太慢，加载超时'
    case 'http': return '服务器暂时无法访问'
    case 'not-found': return '没有找到这一期'
    case 'invalid-content':
    case 'schema': return '报纸数据有误'
  }
}
