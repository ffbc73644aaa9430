import { useEffect, type PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { issueStore } from '@/app-services'
import { latestIssueId } from '@/features/issue/issue-store'
import { onReturnToForeground } from '@/platform/foreground'
import './app.css'

// H5 only: the styles of the first screen painted before the app loads (src/h5/boot.js), in the
// stylesheet index.html loads first. The mini-program has WeChat's rendering cache instead.
if (process.env.TARO_ENV === 'h5') require('./h5/first-screen.css')

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Prefetch the latest issue so it is readable even if the network drops right after launch.
    void issueStore.getState().loadIndex().then(() => {
      const id = latestIssueId(issueStore.getState())
      if (id) void issueStore.getState().loadIssue(id)
    })
  })
  // A hot start or a tab left open: look for a newly published issue (the store checks at most once a minute).
  useEffect(() => onReturnToForeground(() => void issueStore.getState().checkForNewIssue()), [])
  return children
}

export default App
