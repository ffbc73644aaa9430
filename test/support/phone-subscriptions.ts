import type { SubscribeAnswer } from '@/core/subscription'
import type { SubscribePort } from '@/platform/subscribe'

/**
 * WeChat's side of subscribing, played by the test: the dialog's answer, the reader's settings and
 * the login codes. These live on the phone and WeChat's servers, which tests cannot reach.
 */
export function phoneSubscriptions(login: () => string) {
  const phone = {
    answer: 'accept' as SubscribeAnswer,
    mainSwitch: true,
    always: undefined as 'accept' | 'reject' | undefined,
    asked: 0,
    settingsOpened: 0
  }
  const port: SubscribePort = {
    supported: true,
    async getSetting() { return { mainSwitch: phone.mainSwitch, always: phone.always } },
    async request() {
      phone.asked++
      if (!phone.mainSwitch) return 'off'
      return phone.always ?? phone.answer
    },
    async login() { return login() },
    openSetting() { phone.settingsOpened++ }
  }
  return { phone, port }
}
