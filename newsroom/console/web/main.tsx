// The newsroom console's page: one store, one React root. Everything the page knows comes from
// /newsroom/api through the api client.
import { createRoot } from 'react-dom/client'
import { createConsoleApi } from './api-client'
import { App } from './app'
import { createConsoleStore } from './console-store'
import { StoreContext } from './store-context'
import './styles.css'

const store = createConsoleStore({ api: createConsoleApi() })
const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  )
}
// Unsaved edits are saved before the page goes away where the browser allows it.
window.addEventListener('pagehide', () => { void store.getState().flush() })
void store.getState().start()
