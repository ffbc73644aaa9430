import { useMemo, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { Issue } from '@/core/feed'
import { shortIssueDate } from '@/core/dates'
import { articleUrl } from '@/core/routes'
import { searchIssues } from '@/core/search'
import { HighlightedText } from '@/components/highlighted-text'
import { useIssueState, useServices } from '@/features/issue/issue-context'
import './search-screen.css'

/** The issues search covers: those saved on the phone and those loaded in this session. */
function useSearchableIssues(): Issue[] {
  const { cache } = useServices()
  const loaded = useIssueState((s) => s.issues)
  return useMemo(() => {
    const byId = new Map<string, Issue>()
    for (const entry of Object.values(loaded)) if (entry?.status === 'ready') byId.set(entry.value.id, entry.value)
    for (const id of cache?.issueIds() ?? []) {
      if (!byId.has(id)) {
        const hit = cache?.peekIssue(id)
        if (hit) byId.set(id, hit.value)
      }
    }
    return [...byId.values()]
  }, [cache, loaded])
}

/** Search across saved issues by words in titles and text; results name the issue and page and mark the words. */
export function SearchScreen({ onOpenArticle }: { onOpenArticle: (url: string) => void }) {
  const issues = useSearchableIssues()
  const [draft, setDraft] = useState('')
  const [query, setQuery] = useState('')
  const hits = useMemo(() => searchIssues(issues, query), [issues, query])
  return (
    <View className='search'>
      <View className='search__bar'>
        <Input
          className='search__input'
          value={draft}
          placeholder='输入标题或正文中的词'
          confirmType='search'
          maxlength={50}
          ariaLabel='搜索'
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={(e) => setQuery(e.detail.value)}
        />
        <Button className='search__button' hoverClass='search__button--pressed' onClick={() => setQuery(draft)}>搜索</Button>
      </View>
      <Text className='search__scope'>{`在手机上保存的 ${issues.length} 期报纸中查找`}</Text>
      {query
        ? <View role='status'><Text className='search__count'>{hits.length ? `找到 ${hits.length} 篇` : '没有找到，换个词试试'}</Text></View>
        : null}
      {hits.map((h) => (
        <View key={`${h.issueId}/${h.articleId}`} className='search__hit-item' hoverClass='search__hit-item--pressed' onClick={() => onOpenArticle(articleUrl(h.issueId, h.articleId))}>
          <HighlightedText className='search__title' hitClassName='search__mark' segments={h.title} />
          <Text className='search__meta'>{`${shortIssueDate(h.date)} · ${h.pageName}`}</Text>
          {h.snippet.length ? <HighlightedText className='search__snippet' hitClassName='search__mark' segments={h.snippet} /> : null}
        </View>
      ))}
    </View>
  )
}
