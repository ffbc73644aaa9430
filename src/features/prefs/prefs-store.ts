import { createStore, type StoreApi } from 'zustand/vanilla'
import { createJSONStorage, persist } from 'zustand/middleware'
import { persistStorage } from '@/core/persisted'
import type { KeyValueStorage } from '@/core/storage'

/** Text size steps, smallest first; the last is the elder step (长辈模式, body ≥ 22 px at 375 px). */
export const TEXT_SIZES = [
  { step: 1, label: '小', bodyPx: 16 },
  { step: 2, label: '标准', bodyPx: 18 },
  { step: 3, label: '大', bodyPx: 21 },
  { step: 4, label: '长辈模式', bodyPx: 24 }
] as const

export type TextSize = (typeof TEXT_SIZES)[number]['step']

export const DEFAULT_TEXT_SIZE: TextSize = 2
export const PREFS_KEY = 'gxqb/prefs'

export interface PrefsState {
  textSize: TextSize
  setTextSize(size: number): void
}

export type PrefsStore = StoreApi<PrefsState>

function asTextSize(value: unknown): TextSize {
  return TEXT_SIZES.some((s) => s.step === value) ? value as TextSize : DEFAULT_TEXT_SIZE
}

/**
 * The reader's preferences, remembered across launches. Persisted state is versioned; a value from
 * another version keeps whatever still validates, and anything unreadable falls back to defaults.
 */
export function createPrefsStore(storage: KeyValueStorage): PrefsStore {
  return createStore<PrefsState>()(persist((set) => ({
    textSize: DEFAULT_TEXT_SIZE,
    setTextSize: (size) => set({ textSize: asTextSize(size) })
  }), {
    name: PREFS_KEY,
    version: 1,
    storage: createJSONStorage(() => persistStorage(storage)),
    partialize: (s) => ({ textSize: s.textSize }),
    migrate: (persisted) => ({ textSize: asTextSize((persisted as { textSize?: unknown } | undefined)?.textSize) }),
    merge: (persisted, current) => ({ ...current, textSize: asTextSize((persisted as { textSize?: unknown } | undefined)?.textSize) })
  }))
}
