import { createStore, type StoreApi } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'
import { TransportError, type HttpPostJson } from '@/core/http'
import { persistStorage } from '@/core/persisted'
import type { KeyValueStorage } from '@/core/storage'
import { parseStanding, statusAfter, type SubscribeStatus, type SubscriptionRecord } from '@/core/subscription'
import type { SubscribePort } from '@/platform/subscribe'

export const SUBSCRIBE_KEY = 'gxqb/subscribe'

export interface SubscribeState {
  record: SubscriptionRecord
  /** The outcome of the last attempt; `subscribed` turns back into `idle` once its reminders are used. */
  last: SubscribeStatus
  busy: boolean
  /** A passing problem to tell the reader (the server could not be reached, …). */
  problem?: string
  /** The tap handler: shows WeChat's dialog, then tells the server. */
  subscribe(): Promise<void>
  /**
   * Asks the server how many reminders the reader still holds (with the token from subscribing).
   * Quiet: when the server cannot be reached, the last count it gave stays.
   */
  refresh(): Promise<void>
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

/** What the reader sees: the status, and the reminders the server last said they hold. */
export function subscriptionView(state: Pick<SubscribeState, 'record' | 'last'>): { status: SubscribeStatus, credits: number } {
  const credits = state.record.credits
  if (credits > 0) return { status: 'subscribed', credits }
  return { status: state.last === 'subscribed' ? 'idle' : state.last, credits: 0 }
}

function serverProblem(status: number): string {
  if (status === 429) return '操作太频繁，请稍后再试。'
  if (status === 503) return '新刊提醒服务暂时不可用，请稍后再试。'
  return '订阅没有成功，请稍后再试。'
}

/**
 * The subscribe flow and its remembered state. WeChat grants one message per accepted dialog; the
 * server counts them and decides which issue uses each, so the store shows the server's count (asked
 * again with `refresh`) rather than estimating it from the issues it has seen.
 */
export function createSubscribeStore(deps: SubscribeDeps): SubscribeStore {
  const initial: SubscribeStatus = !deps.port.supported ? 'unsupported' : !deps.templateId ? 'unconfigured' : 'idle'
  // Bumped by every subscription, so a reminders answer that was asked for before one is not applied after it.
  let generation = 0
  let refreshing = false
  return createStore<SubscribeState>()(persist((set, get) => ({
    record: { credits: 0 },
    last: initial,
    busy: false,

    async subscribe() {
      if (initial !== 'idle' || get().busy) return
      generation++
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
        const standing = res.status === 200 ? parseStanding(res.body) : undefined
        if (!standing) {
          set({ problem: serverProblem(res.status) })
          return
        }
        const readerToken = standing.readerToken ?? get().record.readerToken
        if (answer === 'accept') {
          set({ record: { credits: standing.credits, readerToken, always }, last: 'subscribed' })
        } else {
          // "Always refuse" can only be undone in settings; a one-off refusal can be asked again.
          set({ record: { credits: 0, readerToken, always }, last: answer === 'reject' && always === 'reject' ? 'off' : statusAfter(answer) })
        }
      } catch (e) {
        set({ problem: e instanceof TransportError ? '网络不好，订阅没有送达，请稍后再试。' : '订阅没有成功，请稍后再试。' })
      } finally {
        set({ busy: false })
      }
    },

    async refresh() {
      const token = get().record.readerToken
      if (initial !== 'idle' || !token || refreshing) return
      refreshing = true
      const asked = generation
      try {
        const res = await deps.post(`${deps.apiBase}api/reminders`, { token }, { timeoutMs: 8_000 })
        if (asked !== generation || get().record.readerToken !== token) return
        if (res.status === 401) {
          // The server no longer knows this token (a new database, or an old token): it holds nothing we can show.
          set((s) => ({ record: { credits: 0, always: s.record.always }, last: s.last === 'subscribed' ? 'idle' : s.last }))
          return
        }
        const standing = res.status === 200 ? parseStanding(res.body) : undefined
        if (standing) set((s) => ({ record: { ...s.record, credits: standing.credits } }))
      } catch {
        // Offline or the server is down: the last count stays; the next refresh asks again.
      } finally {
        refreshing = false
      }
    },

    openSettings() {
      deps.port.openSetting()
      // Whatever the reader changes there, the next tap asks WeChat afresh.
      set({ last: 'idle' })
    }
  }), {
    name: SUBSCRIBE_KEY,
    version: 2,
    storage: createJSONStorage(() => persistStorage(deps.storage)),
    partialize: (s) => ({ record: s.record, last: s.last }),
    merge: (persisted, current) => {
      const p = (persisted ?? {}) as Partial<SubscribeState>
      const r = p.record
      const record: SubscriptionRecord = r && typeof r.credits === 'number' && r.credits >= 0
        ? { credits: r.credits, readerToken: typeof r.readerToken === 'string' ? r.readerToken : undefined, always: r.always === 'accept' || r.always === 'reject' ? r.always : undefined }
        : { credits: 0 }
      const remembered = ['idle', 'subscribed', 'declined', 'off', 'unavailable'].includes(p.last as string) ? p.last as SubscribeStatus : 'idle'
      // A build without WeChat or a template cannot subscribe, whatever was stored.
      return initial === 'idle' ? { ...current, record, last: remembered } : { ...current, record: { credits: 0 }, last: initial }
    },
    // Version 1 counted reminders here and estimated their use from the index; without a token the
    // server's count cannot be read, so the count is dropped (the server still holds and sends them).
    migrate: (persisted, version) => {
      const p = (persisted ?? {}) as Partial<SubscribeState>
      if (version >= 2) return p as SubscribeState
      return { ...p, record: { credits: 0, always: p.record?.always }, last: p.last === 'subscribed' ? 'idle' : p.last } as SubscribeState
    }
  }))
}
