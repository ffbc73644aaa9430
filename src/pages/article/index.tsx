import { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { services } from '@/app-services'
import shareCard from '@/assets/share-card.png'
import { articleUrl, issueUrl } from '@/core/routes'
import { ShareControl } from '@/components/share-control'
import { ArticleScreen } from '@/features/article/article-screen'
import { articleShareTarget } from '@/features/article/share-targets'
import { ServicesProvider } from '@/features/issue/issue-context'
import { goBackOr, openPage, relaunch, replacePage } from '@/platform/navigation'
import { copyText, isSinglePageMode, webUrlFor } from '@/platform/share'
import { toast } from '@/platform/ui'

const singlePage = isSinglePageMode()

export default function ArticlePage() {
  const { params } = useRouter()
  const issueId = params.issue ?? ''
  const articleId = params.article ?? ''
  const target = () => articleShareTarget(services.issueStore.getState(), issueId, articleId, services.assetUrl, shareCard)
  useShareAppMessage(() => target().chat)
  useShareTimeline(() => target().timeline)
  const copy = async () => toast((await copyText(webUrlFor(articleUrl(issueId, articleId)))) ? '链接已复制' : '复制失败，请从地址栏复制')
  return (
    <ServicesProvider services={services}>
      <ArticleScreen
        issueId={params.issue}
        articleId={params.article}
        onReplace={replacePage}
        onBackToIssue={goBackOr}
        onOpenLatest={() => relaunch(issueUrl())}
        onShowOnPage={openPage}
        singlePage={singlePage}
        shareControl={singlePage ? null : <ShareControl mode={process.env.TARO_ENV === 'h5' ? 'copy' : 'wechat'} onCopy={() => void copy()} />}
      />
    </ServicesProvider>
  )
}
