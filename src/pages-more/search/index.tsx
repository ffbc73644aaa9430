import { services } from '@/app-services'
import { ServicesProvider } from '@/features/issue/issue-context'
import { SearchScreen } from '@/features/search/search-screen'
import { openPage } from '@/platform/navigation'

export default function SearchPage() {
  return (
    <ServicesProvider services={services}>
      <SearchScreen onOpenArticle={openPage} />
    </ServicesProvider>
  )
}
