import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { issueStore } from '@/app-services'
import { latestIssueId } from '@/features/issue/issue-store'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Prefetch the latest issue so it is readable even if the network drops right after launch.
    void issueStore.getState().loadIndex().then(() => {
      const id = latestIssueId(issueStore.getState())
      if (id) void issueStore.getState().loadIssue(id)
    })
  })
  return children
}

export default App
