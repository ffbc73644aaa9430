/**
 * The console's refusals: an HTTP status, a code from the contract (newsroom/console/core/api.ts) and
 * a Chinese sentence the page shows the editor as is. Every console answer that is not a success is
 * one of these, as `{ error, message }`.
 */
import type { ServerResponse } from 'node:http'
import type { ApiError, ApiErrorCode } from '../../newsroom/console/core/api'
import { sendJson } from '../http'

/** A console refusal. `extra` is added to the JSON body (e.g. `problems`). */
export class ConsoleError extends Error {
  constructor (
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly extra: Omit<ApiError, 'error' | 'message'> = {}
  ) {
    super(message)
    this.name = 'ConsoleError'
  }
}

/** Writes `e` as the contract's error body. */
export function sendConsoleError(res: ServerResponse, e: ConsoleError): void {
  const body: ApiError = { error: e.code, message: e.message, ...e.extra }
  sendJson(res, e.status, body, e.headers)
}

/** The sentences used in more than one place. */
export const MESSAGES = {
  consoleOff: '控制台未开启：服务器没有设置 ADMIN_TOKEN。请在服务器的环境变量中设置 ADMIN_TOKEN（至少 16 个字符，例如 openssl rand -hex 24 生成），然后重新启动服务器。',
  cannotPublish: '这台服务器只读取线上的报纸数据（FEED_URL），不能发布。要在控制台发布，请让服务器用 FEED_DIR 指向报纸数据所在的文件夹。',
  unauthenticated: '请先登录。',
  wrongToken: '口令不对',
  crossSite: '请求不是从控制台页面发出的，已拒绝。',
  notFoundDraft: '没有这份草稿，可能已被删除。',
  notFoundIssue: '报纸数据里没有这一期。',
  stale: '这份草稿已在别处修改过。请重新打开草稿，再做修改。',
  notificationsOff: '服务器未配置微信订阅消息（WECHAT_APPID、WECHAT_SECRET、WECHAT_TEMPLATE_ID），不能通知订阅读者。',
  busy: '另一次发布正在进行，请稍后再试。',
  internal: '服务器出错了，操作没有完成。请稍后再试，或联系技术人员查看服务器日志。'
} as const
