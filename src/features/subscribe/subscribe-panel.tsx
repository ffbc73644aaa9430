import { useEffect } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useStore } from 'zustand'
import { useShallow } from 'zustand/react/shallow'
import { statusText } from '@/core/subscription'
import { useIssueState, useServices } from '@/features/issue/issue-context'
import { subscriptionView, type SubscribeState } from './subscribe-store'
import './subscribe-panel.css'

const selectShown = (s: SubscribeState) => ({ record: s.record, last: s.last, busy: s.busy, problem: s.problem })

/** 订阅新刊提醒: the button WeChat requires a tap on, and what the reader's current state means. */
export function SubscribePanel() {
  const { subscribeStore } = useServices()
  const state = useStore(subscribeStore, useShallow(selectShown))
  const latestId = useIssueState((s) => (s.index?.status === 'ready' ? s.index.value.issues[0]?.id : undefined))
  // The server decides which issue uses a reminder: ask it when the panel appears, when the page is
  // shown again (the reminder may have arrived meanwhile) and when a newer issue comes out.
  useEffect(() => { void subscribeStore.getState().refresh() }, [subscribeStore, latestId])
  useDidShow(() => { void subscribeStore.getState().refresh() })
  const { status, credits } = subscriptionView(state)
  const canAsk = status === 'idle' || status === 'declined' || status === 'subscribed'
  return (
    <View className='subscribe'>
      {canAsk
        ? (
          <Button
            className='subscribe__button'
            hoverClass='subscribe__button--pressed'
            loading={state.busy || undefined}
            onClick={() => void subscribeStore.getState().subscribe()}
          >
            {status === 'subscribed' ? '再订阅一期提醒' : '订阅新刊提醒'}
          </Button>
          )
        : null}
      {status === 'off'
        ? <Button className='subscribe__button' hoverClass='subscribe__button--pressed' onClick={() => subscribeStore.getState().openSettings()}>去设置</Button>
        : null}
      <View role='status'>
        <Text className='subscribe__text'>{state.problem ?? statusText(status, credits)}</Text>
      </View>
    </View>
  )
}
