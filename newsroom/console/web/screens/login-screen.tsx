/** 登录: the admin token in a password field. */
import { useState, type FormEvent } from 'react'
import { useConsole } from '../store-context'

export function LoginScreen() {
  const [token, setToken] = useState('')
  const login = useConsole((s) => s.login)
  const busy = useConsole((s) => s.loggingIn)
  const error = useConsole((s) => s.loginError)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void login(token)
  }
  return (
    <form className='panel login' onSubmit={submit}>
      <h2>登录</h2>
      <label>
        口令
        <input type='password' name='token' autoComplete='current-password' value={token} onChange={(e) => setToken(e.target.value)} autoFocus />
      </label>
      {error && <p className='error' role='alert'>{error}</p>}
      <button type='submit' className='primary' disabled={busy}>{busy ? '正在登录…' : '登录'}</button>
    </form>
  )
}
