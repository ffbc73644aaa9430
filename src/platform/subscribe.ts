import Taro from '@tarojs/taro'
import type { SubscribeAnswer } from '@/core/subscription'

/** WeChat's error code when the reader turned notifications off in the mini-program's settings. */
const MAIN_SWITCH_OFF = 20004

export interface SubscriptionSetting {
  /** False when the reader turned this mini-program's notifications off. */
  mainSwitch: boolean
  /** The reader's "always keep this choice" answer for the template, if any. */
  always?: 'accept' | 'reject' | 'ban'
}

/** The WeChat capabilities the subscribe flow needs. */
export interface SubscribePort {
  supported: boolean
  getSetting(templateId: string): Promise<SubscriptionSetting>
  /** Shows WeChat's dialog (must run in a tap handler). Resolves 'off' when the main switch is off. */
  request(templateId: string): Promise<SubscribeAnswer | 'off'>
  /** A fresh login code for the server to exchange for the reader's openid. */
  login(): Promise<string>
  openSetting(): void
}

export const subscribePort: SubscribePort = {
  supported: process.env.TARO_ENV === 'weapp',
  async getSetting(templateId) {
    const r = await Taro.getSetting({ withSubscriptions: true })
    const s = r.subscriptionsSetting as { mainSwitch?: boolean, itemSettings?: Record<string, string> } | undefined
    const item = s?.itemSettings?.[templateId]
    return { mainSwitch: s?.mainSwitch !== false, always: item === 'accept' || item === 'reject' || item === 'ban' ? item : undefined }
  },
  async request(templateId) {
    try {
      const r = await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option) as unknown as Record<string, string>
      const answer = r[templateId]
      return answer === 'accept' || answer === 'reject' || answer === 'ban' || answer === 'filter' ? answer : 'reject'
    } catch (e) {
      if ((e as { errCode?: number }).errCode === MAIN_SWITCH_OFF) return 'off'
      throw e
    }
  },
  async login() {
    const r = await Taro.login()
    return r.code
  },
  openSetting() {
    void Taro.openSetting({ withSubscriptions: true } as Taro.openSetting.Option)
  }
}
