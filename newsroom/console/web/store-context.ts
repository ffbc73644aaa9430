/** Hands the page's one console store to the screens; screens read it through selectors only. */
import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { ConsoleActions, ConsoleState, ConsoleStore } from './console-store'

export const StoreContext = createContext<ConsoleStore | null>(null)

/** Selects from the console store (select stored values; derive with useMemo, see docs/footguns.md). */
export function useConsole<T>(selector: (s: ConsoleState & ConsoleActions) => T): T {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useConsole outside StoreContext')
  return useStore(store, selector)
}
