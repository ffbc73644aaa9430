import { Text, View } from '@tarojs/components'
import type { IssueViewMode } from './page-view-store'
import './page-view.css'

const MODES: { mode: IssueViewMode, label: string }[] = [{ mode: 'page', label: '版面' }, { mode: 'list', label: '目录' }]

/** The 版面 / 目录 switch above the issue's pages. */
export function ViewSwitch({ mode, onChange }: { mode: IssueViewMode, onChange: (mode: IssueViewMode) => void }) {
  return (
    <View className='view-switch' role='tablist'>
      {MODES.map((m) => (
        <View
          key={m.mode}
          className={`view-switch__option${m.mode === mode ? ' view-switch__option--on' : ''}`}
          hoverClass='view-switch__option--pressed'
          role='tab'
          aria-selected={m.mode === mode}
          onClick={() => onChange(m.mode)}
        >
          <Text>{m.label}</Text>
        </View>
      ))}
    </View>
  )
}
