import { useState } from 'react'
import { Image, ScrollView, Text, View } from '@tarojs/components'
import type { Issue } from '@/core/feed'
import './page-view.css'

/**
 * All 版 as small images, shown only when asked for (全部版面): each thumbnail is a whole page file,
 * so loading them with the page would multiply the bytes needed to show one page.
 */
export function PageThumbnails({ issue, pageId, assetUrl, onSelect }: { issue: Issue, pageId: string, assetUrl: (src: string) => string, onSelect: (id: string) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <View className='page-thumbs'>
      <View className='page-thumbs__toggle' hoverClass='page-thumbs__toggle--pressed' role='button' onClick={() => setOpen(!open)}>
        <Text>{open ? '收起全部版面' : '全部版面'}</Text>
      </View>
      {open
        ? (
          <ScrollView className='page-thumbs__row' scrollX enhanced showScrollbar={false}>
            {issue.pages.map((p) => {
              const img = p.image?.thumb ?? p.image
              return (
                <View key={p.id} className={`page-thumbs__item${p.id === pageId ? ' page-thumbs__item--on' : ''}`} hoverClass='page-thumbs__item--pressed' role='button' aria-label={p.name} onClick={() => onSelect(p.id)}>
                  {img ? <Image className='page-thumbs__image' src={assetUrl(img.src)} mode='widthFix' lazyLoad ariaLabel={`${p.name} 缩略图`} /> : null}
                  <Text className='page-thumbs__name'>{p.name}</Text>
                </View>
              )
            })}
          </ScrollView>
          )
        : null}
    </View>
  )
}
