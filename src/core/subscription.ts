/**
 * New-issue reminders: what WeChat's subscription dialog can answer, and what each outcome means
 * for the reader, in plain words. Pure; the platform adapter talks to WeChat.
 */

/** WeChat's answer for one template: allowed, refused, template banned by WeChat, or filtered by WeChat. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter'

export type SubscribeStatus =
  /** Notifications need WeChat: the browser edition cannot subscribe. */
  | 'unsupported'
  /** No template configured in this build. */
  | 'unconfigured'
  | 'idle'
  /** Holding one or more reminders for coming issues. */
  | 'subscribed'
  /** The reader said no this time; asking again is fine. */
  | 'declined'
  /** Turned off in WeChat's settings (main switch off, or "always refuse" chosen): only the settings page can change it. */
  | 'off'
  /** WeChat will not send this template (ban/filter): nothing the reader can do. */
  | 'unavailable'

export interface SubscriptionRecord {
  /** Reminders the server last said this reader holds (one per accepted dialog, until an issue uses it). */
  credits: number
  /** The token the server handed out with the last subscription, to read the reminders held with. */
  readerToken?: string
  /** The reader's own "always keep this choice" setting, when WeChat reports one. */
  always?: 'accept' | 'reject'
}

/** What the notification server answers about a reader: their last answer and the reminders held. */
export interface ReaderStanding {
  result: SubscribeAnswer
  credits: number
  /** Present in the answer to a subscription: the token for later `readStanding` calls. */
  readerToken?: string
}

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter']

/**
 * Parses the server's answer to a subscription or a reminders request; undefined when it is not
 * one (never trust a body to have the shape asked for).
 */
export function parseStanding(body: string): ReaderStanding | undefined {
  let v: unknown
  try {
    v = JSON.parse(body)
  } catch {
    return undefined
  }
  if (typeof v !== 'object' || v === null) return undefined
  const o = v as Record<string, unknown>
  if (typeof o.result !== 'string' || !ANSWERS.includes(o.result)) return undefined
  if (typeof o.credits !== 'number' || !Number.isInteger(o.credits) || o.credits < 0) return undefined
  const token = typeof o.readerToken === 'string' && /^[A-Za-z0-9_-]{43}$/.test(o.readerToken) ? o.readerToken : undefined
  return { result: o.result as SubscribeAnswer, credits: o.credits, readerToken: token }
}

/** The sentence shown under the subscribe button for each state. */
export function statusText(status: SubscribeStatus, credits: number): string {
  switch (status) {
    case 'unsupported': return '新刊提醒通过微信服务通知发送，请在微信小程序“高新区报”中订阅。'
    case 'unconfigured': return '新刊提醒暂未开通。'
    case 'idle': return '新一期出版时，微信会通知您。每次订阅提醒一次。'
    case 'subscribed': return credits > 1 ? `已订阅：接下来 ${credits} 期出版时，微信会通知您。` : '已订阅：下一期出版时，微信会通知您一次。'
    case 'declined': return '您这次没有允许通知。需要时可再点一次订阅。'
    case 'off': return '您已在微信设置中关闭了本小程序的通知。可点“去设置”，在“通知管理”中重新打开。'
    case 'unavailable': return '微信暂时不允许发送这项通知，请稍后再试。'
  }
}

/** The state after WeChat's dialog answered. */
export function statusAfter(answer: SubscribeAnswer): SubscribeStatus {
  return answer === 'accept' ? 'subscribed' : answer === 'reject' ? 'declined' : 'unavailable'
}
