import { createStore, type StoreApi } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'
import { TransportError, type HttpPostJson } from '@/core/http'
import { persistStorage } from '@/core/persisted'
import type { KeyValueStorage } from '@/core/storage'
import { remainingCredits, statusAfter, type SubscribeStatus, type SubscriptionRecord } from '@/core/subscription'
import type { SubscribePort } from '@/platform/subscribe'

export const SUBSCRIBE_KEY = 'gxqb/subscribe'

export interface SubscribeState {
  record: SubscriptionRecord
  /** The outcome of the last attempt; `subscribed` turns back into `idle` once its reminders are used. */
  last: SubscribeStatus
  busy: boolean
  /** A passing problem to tell the reader (the server could not be reached, …). */
  problem?: string
  /** The tap handler: shows WeChat's dialog, then tells the server. `latestIssueId` is the newest issue now. */
  subscribe(latestIssueId: string | undefined): Promise<void>
  openSettings(): void
}

export type SubscribeStore = StoreApi<SubscribeState>

export interface SubscribeDeps {
  port: SubscribePort
  post: HttpPostJson
  /** The notification server's base URL, ending in `/`. */
  apiBase: string
  templateId: string
  storage: KeyValueStorage
}

/** What the reader sees: the status, and the reminders left given the issues published since. */
export function subscriptionView(state: Pick<SubscribeState, 'record' | 'last'>, issueIds: string[]): { status: SubscribeStatus, credits: number } {
  const credits = remainingCredits(state.record, issueIds)
  if (credits > 0) return { status: 'subscribed', credits }
  return { status: state.last === 'subscribed' ? 'idle' : state.last, credits: 0 }
}

function serverProblem(status: number): string {
  if (status === 429) return '操作太频繁，请稍后再试。'
  if (status === 503) return '新刊提醒服务暂时不可用，请稍后再试。'
  return '订阅没有成功，请稍后再试。'
}

/**
 * The subscribe flow and its remembered state. WeChat grants one message per accepted dialog, so
 * the store counts reminders and, as issues come out, shows the button again.
 */
export function createSubscribeStore(deps: SubscribeDeps): SubscribeStore {
  const initial: SubscribeStatus = !deps.port.supported ? 'unsupported' : !deps.templateId ? 'unconfigured' : 'idle'
  return createStore<SubscribeState>()(persist((set, get) => ({
    record: { credits: 0 },
    last: initial,
    busy: false,

    async subscribe(latestIssueId) {
      if (initial !== 'idle' || get().busy) return
      set({ busy: true, problem: undefined })
      try {
        // The dialog first: WeChat only shows it in direct response to a tap.
        const answer = await deps.port.request(deps.templateId)
        if (answer === 'off') {
          set({ last: 'off' })
          return
        }
        const setting = await deps.port.getSetting(deps.templateId).catch(() => undefined)
        const always = setting?.always === 'accept' || setting?.always === 'reject' ? setting.always : undefined
        const code = await deps.port.login()
        const res = await deps.post(`${deps.apiBase}api/subscriptions`, { code, templateId: deps.templateId, result: answer }, { timeoutMs: 10_000 })
        if (res.status !== 200) {
          set({ problem: serverProblem(res.status) })
          return
        }
        const body = JSON.parse(res.body) as { credits?: unknown }
        const credits = typeof body.credits === 'number' && body.credits >= 0 ? body.credits : 0
        if (answer === 'accept') {
          set({ record: { credits, latestAtGrant: latestIssueId, always }, last: 'subscribed' })
        } else {
          // "Always refuse" can only be undone in settings; a one-off refusal can be asked again.
          set({ record: { credits: 0, always }, last: answer === 'reject' && always === 'reject' ? 'off' : statusAfter(answer) })
        }
      } catch (e) {
        set({ problem: e instanceof TransportError ? '网络不好，订阅没有送达，请稍后再试。' : '订阅没有成功，请稍后再试。' })
      } finally {
        set({ busy: false })
      }
    },

    openSettings() {
      deps.port.openSetting()
      // Whatever the reader changes there, the next tap asks WeChat afresh.
      set({ last: 'idle' })
    }
  }), {
    name: SUBSCRIBE_KEY,
    version: 1,
    storage: createJSONStorage(() => persistStorage(deps.storage)),
    partialize: (s) => ({ record: s.record, last: s.last }),
    merge: (persisted, current) => {
      const p = (persisted ?? {}) as Partial<SubscribeState>
      const r = p.record
      const record: SubscriptionRecord = r && typeof r.credits === 'number' && r.credits >= 0
        ? { credits: r.credits, latestAtGrant: typeof r.latestAtGrant === 'string' ? r.latestAtGrant : undefined, always: r.always === 'accept' || r.always === 'reject' ? r.always : undefined }
        : { credits: 0 }
      const remembered = ['idle', 'subscribed', 'declined', 'off', 'unavailable'].includes(p.last as string) ? p.last as SubscribeStatus : 'idle'
      // A build without WeChat or a template cannot subscribe, whatever was stored.
      return initial === 'idle' ? { ...current, record, last: remembered } : { ...current, record: { credits: 0 }, last: initial }
    },
    migrate: (persisted) => persisted as SubscribeState
  }))
}
