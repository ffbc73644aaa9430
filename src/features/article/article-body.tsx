import { Image, Text, View } from '@tarojs/components'
import type { Article, Figure } from '@/core/feed'
import { formatByline, formatPhotoCredit } from '@/core/byline'
import './article-body.css'

/**
 * An article as printed. Every string from the feed goes into a Text node: the feed is never
 * interpreted as markup, so a `<script>` in a paragraph is shown, not run.
 */
export function ArticleBody({ article, assetUrl }: { article: Article, assetUrl: (src: string) => string }) {
  const credits = formatByline(article.byline)
  return (
    <View className='article'>
      {article.kicker ? <Text className='article__kicker'>{article.kicker}</Text> : null}
      <Text className='article__title'>{article.title}</Text>
      {article.subtitle ? <Text className='article__subtitle'>{article.subtitle}</Text> : null}
      {article.dateline || credits
        ? (
          <View className='article__credits'>
            {article.dateline ? <Text className='article__dateline'>{article.dateline}</Text> : null}
            {credits ? <Text className='article__byline'>{credits}</Text> : null}
          </View>
          )
        : null}
      {article.figures.map((f, i) => <FigureView key={i} figure={f} assetUrl={assetUrl} />)}
      {article.paragraphs.map((p, i) => <Text key={i} className='article__paragraph'>{p}</Text>)}
    </View>
  )
}

function FigureView({ figure, assetUrl }: { figure: Figure, assetUrl: (src: string) => string }) {
  return (
    <View className='figure'>
      {figure.src
        ? (
          <View className='figure__frame'>
            <Image
              className='figure__image'
              src={assetUrl(figure.src)}
              mode='widthFix'
              lazyLoad
              ariaLabel={figure.caption ?? '新闻图片'}
            />
            {figure.placeholder ? <Text className='figure__placeholder'>示意占位图 · 原图未随稿件提供</Text> : null}
          </View>
          )
        : null}
      {figure.caption ? <Text className='figure__caption'>{figure.caption}</Text> : null}
      {figure.credit ? <Text className='figure__credit'>{formatPhotoCredit(figure.credit)}</Text> : null}
    </View>
  )
}
