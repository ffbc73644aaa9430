import { Button, Text, View } from '@tarojs/components'
import './status-view.css'

/** Shown while something loads for the first time. */
export function LoadingState({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='status status--loading' aria-busy='true'>
      <View className='status__spinner' />
      <Text className='status__text'>{text}</Text>
    </View>
  )
}

/** A failure the reader can act on: what went wrong in plain words, and a retry. */
export function ErrorState({ title, message, onRetry, retryLabel = '重试' }: { title: string, message?: string, onRetry?: () => void, retryLabel?: string }) {
  return (
    <View className='status status--error' role='alert'>
      <Text className='status__title'>{title}</Text>
      {message ? <Text className='status__text'>{message}</Text> : null}
      {onRetry ? <Button className='status__button' hoverClass='status__button--pressed' onClick={onRetry}>{retryLabel}</Button> : null}
    </View>
  )
}

/** Nothing to show, said plainly. */
export function EmptyState({ text }: { text: string }) {
  return (
    <View className='status status--empty'>
      <Text className='status__text'>{text}</Text>
    </View>
  )
}
