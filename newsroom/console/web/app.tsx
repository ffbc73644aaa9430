/** Chooses the screen from where the editor stands: console off, 登录, the start page, or a draft. */
import { ConsoleOff } from './screens/console-off'
import { HomeScreen } from './screens/home-screen'
import { LoginScreen } from './screens/login-screen'
import { ReviewScreen } from './screens/review-screen'
import { useConsole } from './store-context'

export function App() {
  const status = useConsole((s) => s.status)
  const hasDraft = useConsole((s) => s.draft !== undefined)
  const logout = useConsole((s) => s.logout)
  return (
    <div className='console'>
      <header className='masthead'>
        <h1>高新区报 · 编辑台</h1>
        {status === 'in' && <button type='button' className='quiet' onClick={() => void logout()}>退出</button>}
      </header>
      <main>
        {status === 'starting' && <p className='muted'>正在连接…</p>}
        {status === 'off' && <ConsoleOff />}
        {status === 'login' && <LoginScreen />}
        {status === 'in' && (hasDraft ? <ReviewScreen /> : <HomeScreen />)}
      </main>
    </div>
  )
}
