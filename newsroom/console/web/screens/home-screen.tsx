/** The start page: upload an issue, continue a draft, or open, correct or take down a published issue. */
import { UploadPanel } from '../components/upload-panel'
import { DraftList } from '../components/draft-list'
import { IssueList } from '../components/issue-list'
import { useConsole } from '../store-context'

export function HomeScreen() {
  const error = useConsole((s) => s.homeError)
  return (
    <>
      {error && <p className='error panel' role='alert'>{error}</p>}
      <UploadPanel />
      <DraftList />
      <IssueList />
    </>
  )
}
