import { useRouter } from '@tarojs/taro'
import { services } from '@/app-services'
import { ServicesProvider } from '@/features/issue/issue-context'
import { ArticleScreen } from '@/features/article/article-screen'
import { goBackOr, replacePage } from '@/platform/navigation'

export default function ArticlePage() {
  const { params } = useRouter()
  return (
    <ServicesProvider services={services}>
      <ArticleScreen issueId={params.issue} articleId={params.article} onReplace={replacePage} onBackToIssue={goBackOr} />
    </ServicesProvider>
  )
}
