import { ScrollView, Text, View } from '@tarojs/components'
import './page-tabs.css'

export interface PageTab {
  id: string
  label: string
}

/** The pages (版面) as tabs; the selected one is marked for screen readers too. */
export function PageTabs({ tabs, selectedId, onSelect }: { tabs: PageTab[], selectedId: string, onSelect: (id: string) => void }) {
  return (
    <ScrollView className='page-tabs' scrollX enhanced showScrollbar={false}>
      <View className='page-tabs__row' role='tablist'>
        {tabs.map((tab) => {
          const selected = tab.id === selectedId
          return (
            <View
              key={tab.id}
              className={`page-tabs__tab${selected ? ' page-tabs__tab--selected' : ''}`}
              hoverClass='page-tabs__tab--pressed'
              role='tab'
              aria-selected={selected}
              onClick={() => onSelect(tab.id)}
            >
              <Text className='page-tabs__label'>{tab.label}</Text>
            </View>
          )
        })}
      </View>
    </ScrollView>
  )
}
