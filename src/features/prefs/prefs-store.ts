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
  /** The size in use: the reader's choice, or else the step matching WeChat's own font size. */
  textSize: TextSize
  /** Whether the reader chose `textSize` (only a choice is remembered; otherwise WeChat's setting leads). */
  chosen: boolean
  setTextSize(size: number): void
}

export interface PrefsStoreOptions {
  /** WeChat's font size setting in px (`getAppBaseInfo().fontSizeSetting`); undefined where there is none. */
  systemFontPx?: () => number | undefined
}

/**
 * The starting step for WeChat's font size setting (我 › 设置 › 通用 › 字体大小, and 关怀模式, which
 * raises it). WeChat's standard is 16 px on Android and 17 px on iOS; its larger settings run past 20.
 * The largest settings, which 关怀模式 readers use, get 长辈模式.
 */
export function textSizeForWeChatFont(px: number | undefined): TextSize {
  if (typeof px !== 'number' || !Number.isFinite(px) || px <= 0) return DEFAULT_TEXT_SIZE
  if (px <= 14) return 1
  if (px <= 18) return 2
  if (px <= 21) return 3
  return 4
}

export type PrefsStore = StoreApi<PrefsState>

function isTextSize(value: unknown): value is TextSize {
  return TEXT_SIZES.some((s) => s.step === value)
}

function asTextSize(value: unknown): TextSize {
  return isTextSize(value) ? value : DEFAULT_TEXT_SIZE
}

/**
 * The reader's preferences, remembered across launches. Until the reader picks a text size, it
 * follows WeChat's font size setting (read at each launch); a pick is remembered and wins from then on.
 * Persisted state is versioned; a value from another version keeps whatever still validates, and
 * anything unreadable falls back to defaults.
 */
export function createPrefsStore(storage: KeyValueStorage, options: PrefsStoreOptions = {}): PrefsStore {
  let systemSize: TextSize = DEFAULT_TEXT_SIZE
  try {
    systemSize = textSizeForWeChatFont(options.systemFontPx?.())
  } catch {
    // No such API on this platform or version: the default will do.
  }
  // Only a choice is stored (version 1 stored nothing else, so a stored size is always a choice).
  const restore = (persisted: unknown): Pick<PrefsState, 'textSize' | 'chosen'> => {
    const size = (persisted as { textSize?: unknown } | undefined)?.textSize
    return isTextSize(size) ? { textSize: size, chosen: true } : { textSize: systemSize, chosen: false }
  }
  return createStore<PrefsState>()(persist((set) => ({
    textSize: systemSize,
    chosen: false,
    setTextSize: (size) => set({ textSize: asTextSize(size), chosen: true })
  }), {
    name: PREFS_KEY,
    version: 1,
    storage: createJSONStorage(() => persistStorage(storage)),
    partialize: (s) => (s.chosen ? { textSize: s.textSize } : {}),
    migrate: (persisted) => restore(persisted),
    merge: (persisted, current) => ({ ...current, ...restore(persisted) })
  }))
}
