import { Image, Text, View } from '@tarojs/components'
import type { Article } from '@/core/feed'
import { firstCredit, formatPhotoCredit } from '@/core/byline'
import './article-list-item.css'

/** One entry of a page's article list: headline block, first credit, and a thumbnail when there is a photo. */
export function ArticleListItem({ article, thumbnailUrl, onOpen }: { article: Pick<Article, 'kicker' | 'title' | 'subtitle' | 'byline' | 'figures'>, thumbnailUrl?: string, onOpen: () => void }) {
  const photoCredit = article.figures[0]?.credit
  const credit = firstCredit(article.byline) ?? (photoCredit ? formatPhotoCredit(photoCredit) : undefined)
  return (
    <View className='article-item' hoverClass='article-item--pressed' onClick={onOpen} role='link'>
      <View className='article-item__text'>
        {article.kicker ? <Text className='article-item__kicker'>{article.kicker}</Text> : null}
        <Text className='article-item__title'>{article.title}</Text>
        {article.subtitle ? <Text className='article-item__subtitle'>{article.subtitle}</Text> : null}
        {credit ? <Text className='article-item__credit'>{credit}</Text> : null}
      </View>
      {thumbnailUrl
        ? <Image className='article-item__thumb' src={thumbnailUrl} mode='aspectFill' lazyLoad ariaLabel={article.figures[0]?.caption ?? article.title} />
        : null}
    </View>
  )
}
