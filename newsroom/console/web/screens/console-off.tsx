/** The console is switched off (no ADMIN_TOKEN on the server), or the server cannot be reached. */
import { useConsole } from '../store-context'

export function ConsoleOff() {
  const text = useConsole((s) => s.offMessage)
  return (
    <section className='panel notice' role='alert'>
      <h2>编辑台未开启</h2>
      <p>{text}</p>
    </section>
  )
}
