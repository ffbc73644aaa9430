import type { StateStorage } from 'zustand/middleware'
import type { KeyValueStorage } from './storage'

/**
 * zustand's persist storage over our KeyValueStorage port. Synchronous, so stores hydrate as they
 * are created; a refused write is swallowed because a preference that cannot be saved must still
 * apply now (it is simply not remembered), and reading a broken value falls back to defaults.
 */
export function persistStorage(storage: KeyValueStorage): StateStorage {
  return {
    getItem: (name) => storage.get(name) ?? null,
    setItem: (name, value) => {
      try {
        storage.set(name, value)
      } catch {
        // Not remembered; see above.
      }
    },
    removeItem: (name) => storage.remove(name)
  }
}
