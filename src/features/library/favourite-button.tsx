import { Text, View } from '@tarojs/components'
import type { ArticleRef } from './library-store'
import { isFavourite } from './library-store'
import { useLibrary, useServices } from '@/features/issue/issue-context'
import './favourite-button.css'

/** 收藏 / 已收藏 for one article; a favourite's issue is kept for offline reading. */
export function FavouriteButton({ article }: { article: Omit<ArticleRef, 'at'> }) {
  const { libraryStore } = useServices()
  const on = useLibrary((s) => isFavourite(s, article.issueId, article.articleId))
  return (
    <View
      className={`favourite${on ? ' favourite--on' : ''}`}
      hoverClass='favourite--pressed'
      role='switch'
      aria-checked={on}
      onClick={() => libraryStore.getState().toggleFavourite(article)}
    >
      <Text className='favourite__text'>{on ? '★ 已收藏' : '☆ 收藏'}</Text>
    </View>
  )
}
