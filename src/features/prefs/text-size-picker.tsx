import { Text, View } from '@tarojs/components'
import { useServices, usePrefs } from '@/features/issue/issue-context'
import { TEXT_SIZES } from './prefs-store'
import './text-size-picker.css'

/** 字号: the text size steps as one row of buttons; the choice applies at once and is remembered. */
export function TextSizePicker() {
  const { prefsStore } = useServices()
  const current = usePrefs((s) => s.textSize)
  return (
    <View className='text-size' role='radiogroup' aria-label='字号'>
      <Text className='text-size__label'>字号</Text>
      {TEXT_SIZES.map((s) => (
        <View
          key={s.step}
          className={`text-size__option${s.step === current ? ' text-size__option--on' : ''}`}
          hoverClass='text-size__option--pressed'
          role='radio'
          aria-checked={s.step === current}
          onClick={() => prefsStore.getState().setTextSize(s.step)}
        >
          <Text className='text-size__text'>{s.label}</Text>
        </View>
      ))}
    </View>
  )
}
