import { Text, View } from '@tarojs/components'
import { shortIssueDate } from '@/core/dates'
import { articleUrl, ROUTES } from '@/core/routes'
import { useLibrary, useServices } from '@/features/issue/issue-context'
import { TextSizePicker } from '@/features/prefs/text-size-picker'
import { SubscribePanel } from '@/features/subscribe/subscribe-panel'
import type { ArticleRef } from './library-store'
import './mine-screen.css'

function RefList({ refs, empty, onOpen }: { refs: ArticleRef[], empty: string, onOpen: (url: string) => void }) {
  if (refs.length === 0) return <Text className='mine__empty'>{empty}</Text>
  return (
    <View>
      {refs.map((r) => (
        <View key={`${r.issueId}/${r.articleId}`} className='mine__item' hoverClass='mine__item--pressed' onClick={() => onOpen(articleUrl(r.issueId, r.articleId))}>
          <Text className='mine__title'>{r.title}</Text>
          <Text className='mine__meta'>{`${shortIssueDate(r.date)} · ${r.pageName}`}</Text>
        </View>
      ))}
    </View>
  )
}

/** 我的: favourites, reading history, text size, and the ways to search, the archive and settings. */
export function MineScreen({ onNavigate }: { onNavigate: (url: string) => void }) {
  const { libraryStore } = useServices()
  const favourites = useLibrary((s) => s.favourites)
  const history = useLibrary((s) => s.history)
  return (
    <View className='mine'>
      <View className='mine__section'>
        <TextSizePicker />
      </View>
      <View className='mine__links'>
        {[['搜索', ROUTES.search], ['往期', ROUTES.archive], ['设置与离线缓存', ROUTES.settings]].map(([label, url]) => (
          <View key={url} className='mine__link' hoverClass='mine__link--pressed' onClick={() => onNavigate(url)}>
            <Text className='mine__link-text'>{label}</Text>
          </View>
        ))}
      </View>
      <SubscribePanel />
      <View className='mine__section'>
        <Text className='mine__heading'>{`我的收藏（${favourites.length}）`}</Text>
        <RefList refs={favourites} empty='还没有收藏文章。在文章页点“☆ 收藏”，没有网络时也能读。' onOpen={onNavigate} />
      </View>
      <View className='mine__section'>
        <View className='mine__heading-row'>
          <Text className='mine__heading'>最近阅读</Text>
          {history.length
            ? (
              <View className='mine__clear' hoverClass='mine__link--pressed' onClick={() => libraryStore.getState().clearHistory()}>
                <Text className='mine__link-text'>清空</Text>
              </View>
              )
            : null}
        </View>
        <RefList refs={history.slice(0, 30)} empty='还没有阅读记录。' onOpen={onNavigate} />
      </View>
    </View>
  )
}
