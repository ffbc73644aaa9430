/**
 * The console's state and what the editor does, as a zustand store made by {@link createConsoleStore}.
 * It talks to the server only through a {@link ConsoleApi}, changes the draft only through the pure
 * edits of newsroom/console/core/edits.ts, and saves the draft by itself shortly after each edit.
 */
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { Draft, DraftSummary, EditableIssue, NotifyAnswer, PublishAnswer, PublishedIssue, PublishPlanAnswer, SessionInfo } from '../core/api'
import { EditError, forSaving } from '../core/edits'
import { ApiFailure, type ConsoleApi } from './api-client'

/** Where the draft stands against the server's copy. */
export type SaveState = 'saved' | 'pending' | 'saving' | 'conflict' | 'failed'

export interface ConsoleState {
  /** starting: asking the server; off: no ADMIN_TOKEN; login: no session; in: working. */
  status: 'starting' | 'off' | 'login' | 'in'
  /** The server's own words when the console is off, or cannot be reached. */
  offMessage?: string
  session?: SessionInfo
  loggingIn: boolean
  loginError?: string

  drafts: DraftSummary[]
  issues: PublishedIssue[]
  /** A failure of a list, an open or a take-down, shown on the start page. */
  homeError?: string

  upload: { state: 'idle' | 'sending' | 'parsing' | 'failed', sent: number, files: string[], message?: string }

  draft?: Draft
  save: SaveState
  saveMessage?: string
  /** An edit refused (EditError), shown until the next edit. */
  editError?: string
  onlyWithNotes: boolean

  plan?: PublishPlanAnswer
  planning: boolean
  planError?: string
  /** The item whose preview is open. */
  previewItem?: number

  publishing: 'idle' | 'confirm' | 'sending' | 'done'
  /** Publish as another issue of the same day (a 号外) rather than be refused by the one published. */
  beside: boolean
  publishError?: string
  published?: PublishAnswer

  notify?: NotifyAnswer
  notifying: boolean
  notifyError?: string
}

export interface ConsoleActions {
  start(): Promise<void>
  login(token: string): Promise<void>
  logout(): Promise<void>
  loadHome(): Promise<void>
  uploadFiles(files: File[]): Promise<void>
  openDraft(id: string): Promise<void>
  openIssue(id: string): Promise<void>
  removeIssue(id: string): Promise<void>
  deleteDraft(id: string): Promise<void>
  closeDraft(): Promise<void>
  /**
   * Applies a pure edit to the draft. `remap` moves notes tied to items when items are removed
   * (an index it maps to undefined loses its notes). A refused edit (EditError) changes nothing.
   */
  edit(change: (issue: EditableIssue) => EditableIssue, remap?: (item: number) => number | undefined): void
  /** Saves now if anything is unsaved; resolves when the server has it (or refused it). */
  flush(): Promise<void>
  /** After a conflict: load the server's copy, dropping the unsaved edits. */
  reload(): Promise<void>
  setOnlyWithNotes(on: boolean): void
  preview(item: number | undefined): Promise<void>
  askPublish(): Promise<void>
  /** Re-plans as (or no longer as) another issue of the same day. */
  setBeside(on: boolean): Promise<void>
  cancelPublish(): void
  publish(): Promise<void>
  notifySubscribers(): Promise<void>
}

export type ConsoleStore = StoreApi<ConsoleState & ConsoleActions>

export interface ConsoleStoreOptions {
  api: ConsoleApi
  /** Quiet time after the last edit before the draft is saved. */
  saveDelayMs?: number
  /** Between two looks at a running notification dispatch. */
  notifyPollMs?: number
}

const message = (e: unknown): string => (e instanceof ApiFailure || e instanceof EditError ? e.message : '出了意外的错误，请刷新页面再试。')

/** A fresh console store. */
export function createConsoleStore({ api, saveDelayMs = 800, notifyPollMs = 1000 }: ConsoleStoreOptions): ConsoleStore {
  let saveTimer: ReturnType<typeof setTimeout> | undefined
  let saving: Promise<void> | undefined
  /** Bumped by every edit, so a save knows whether edits arrived while it was under way. */
  let editCount = 0

  return createStore<ConsoleState & ConsoleActions>()((set, get) => {
    /** A session that ended (expired, or logged out elsewhere) sends the editor back to 登录. */
    function guard(e: unknown): string {
      if (e instanceof ApiFailure && e.status === 401) set({ status: 'login', loginError: '登录已过期，请重新登录。' })
      return message(e)
    }

    function schedule(): void {
      if (saveTimer) clearTimeout(saveTimer)
      saveTimer = setTimeout(() => { saveTimer = undefined; void get().flush() }, saveDelayMs)
    }

    async function saveOnce(): Promise<void> {
      const draft = get().draft
      if (!draft) return
      const sentAt = editCount
      set({ save: 'saving', saveMessage: undefined })
      try {
        const saved = await api.saveDraft(draft.id, { revision: draft.revision, issue: forSaving(draft.issue) })
        const current = get().draft
        if (!current || current.id !== saved.id) return
        // The editor's copy stays as typed (the server trims text and leaves out unnamed rows, which
        // would pull text from under the cursor); the revision and the notes are the server's.
        const notes = editCount === sentAt ? saved.notes : current.notes
        set({ draft: { ...saved, issue: current.issue, notes }, save: editCount === sentAt ? 'saved' : 'pending' })
        if (editCount !== sentAt) schedule()
      } catch (e) {
        if (e instanceof ApiFailure && e.code === 'stale-revision') set({ save: 'conflict', saveMessage: e.message })
        else if (e instanceof ApiFailure && e.problems && e.problems.length > 0) set({ save: 'failed', saveMessage: `${e.message}（${e.problems.map((p) => p.message).join('；')}）` })
        else set({ save: 'failed', saveMessage: guard(e) })
      }
    }

    function openedDraft(draft: Draft): Partial<ConsoleState> {
      return { beside: false, draft, save: 'saved', saveMessage: undefined, editError: undefined, plan: undefined, planError: undefined, previewItem: undefined, publishing: 'idle', publishError: undefined, published: undefined, notify: undefined, notifyError: undefined, homeError: undefined }
    }

    return {
      status: 'starting',
      loggingIn: false,
      drafts: [],
      issues: [],
      upload: { state: 'idle', sent: 0, files: [] },
      save: 'saved',
      onlyWithNotes: false,
      planning: false,
      publishing: 'idle',
      beside: false,
      notifying: false,

      async start() {
        try {
          const session = await api.session()
          set({ status: 'in', session })
          await get().loadHome()
        } catch (e) {
          if (e instanceof ApiFailure && e.code === 'console-off') set({ status: 'off', offMessage: e.message })
          else if (e instanceof ApiFailure && e.status === 401) set({ status: 'login' })
          else set({ status: 'off', offMessage: message(e) })
        }
      },

      async login(token) {
        if (token.trim() === '') { set({ loginError: '请输入口令。' }); return }
        set({ loggingIn: true, loginError: undefined })
        try {
          await api.login(token)
          set({ loggingIn: false })
          await get().start()
        } catch (e) {
          const retry = e instanceof ApiFailure && e.retryAfter !== undefined && e.code === 'rate-limited' ? `（约 ${Math.ceil(e.retryAfter / 60)} 分钟后可再试）` : ''
          set({ loggingIn: false, loginError: message(e) + retry })
        }
      },

      async logout() {
        await get().flush()
        try { await api.logout() } catch { /* the cookie is cleared by the server; a failure leaves us logged in, which start() will show */ }
        set({ status: 'login', session: undefined, draft: undefined, drafts: [], issues: [], loginError: undefined })
      },

      async loadHome() {
        try {
          const [drafts, issues] = await Promise.all([api.listDrafts(), api.listIssues()])
          set({ drafts, issues, homeError: undefined })
        } catch (e) {
          set({ homeError: guard(e) })
        }
      },

      async uploadFiles(files) {
        if (files.length === 0) return
        const names = files.map((f) => f.name)
        const bad = names.find((n) => !/\.(txt|pdf)$/i.test(n))
        if (bad) { set({ upload: { state: 'failed', sent: 0, files: names, message: `“${bad}”不是 .txt 或 .pdf 文件，请选择报纸的文字稿或版面 PDF。` } }); return }
        set({ upload: { state: 'sending', sent: 0, files: names } })
        try {
          const draft = await api.createDraft(files, (sent) => set({ upload: { state: sent >= 1 ? 'parsing' : 'sending', sent, files: names } }))
          set({ upload: { state: 'idle', sent: 1, files: [] }, ...openedDraft(draft) })
        } catch (e) {
          set({ upload: { state: 'failed', sent: 0, files: names, message: guard(e) } })
        }
      },

      async openDraft(id) {
        try { set(openedDraft(await api.getDraft(id))) } catch (e) { set({ homeError: guard(e) }) }
      },

      async openIssue(id) {
        try { set(openedDraft(await api.openIssue(id))) } catch (e) { set({ homeError: guard(e) }) }
      },

      async removeIssue(id) {
        try {
          await api.removeIssue(id)
          await get().loadHome()
        } catch (e) { set({ homeError: guard(e) }) }
      },

      async deleteDraft(id) {
        try {
          await api.deleteDraft(id)
          await get().loadHome()
        } catch (e) { set({ homeError: guard(e) }) }
      },

      async closeDraft() {
        await get().flush()
        if (get().save === 'failed' || get().save === 'conflict') return
        set({ draft: undefined, plan: undefined, published: undefined, notify: undefined, publishing: 'idle' })
        await get().loadHome()
      },

      edit(change, remap) {
        const draft = get().draft
        if (!draft || get().save === 'conflict') return
        let issue: EditableIssue
        try {
          issue = change(draft.issue)
        } catch (e) {
          set({ editError: message(e) })
          return
        }
        if (issue === draft.issue) return
        const notes = remap
          ? draft.notes.flatMap((n) => {
            if (n.item === undefined) return [n]
            const to = remap(n.item)
            return to === undefined ? [] : [{ ...n, item: to }]
          })
          : draft.notes
        editCount += 1
        // A stale plan would preview and confirm what is no longer there.
        set({ draft: { ...draft, issue, notes }, save: 'pending', editError: undefined, plan: undefined })
        schedule()
      },

      async flush() {
        if (saveTimer) { clearTimeout(saveTimer); saveTimer = undefined }
        while (saving) await saving
        // 'failed' is retried too: the editor's 重试 and leaving the draft both come through here.
        if (get().save !== 'pending' && get().save !== 'failed') return
        saving = saveOnce().finally(() => { saving = undefined })
        await saving
        if (get().save === 'pending') await get().flush()
      },

      async reload() {
        const draft = get().draft
        if (!draft) return
        try { set(openedDraft(await api.getDraft(draft.id))) } catch (e) { set({ saveMessage: guard(e) }) }
      },

      setOnlyWithNotes(on) { set({ onlyWithNotes: on }) },

      async preview(item) {
        set({ previewItem: item })
        if (item === undefined || get().plan) return
        await get().flush()
        const draft = get().draft
        if (!draft) return
        set({ planning: true, planError: undefined })
        try { set({ plan: await api.plan(draft.id), planning: false }) } catch (e) { set({ planning: false, planError: guard(e) }) }
      },

      async askPublish() {
        await get().flush()
        const draft = get().draft
        if (!draft || get().save !== 'saved') return
        set({ planning: true, planError: undefined, publishError: undefined })
        try {
          set({ plan: await api.plan(draft.id, { beside: get().beside }), planning: false, publishing: 'confirm' })
        } catch (e) {
          set({ planning: false, planError: guard(e) })
        }
      },

      cancelPublish() { set({ publishing: 'idle' }) },

      async setBeside(on) {
        set({ beside: on })
        const draft = get().draft
        if (!draft) return
        set({ planning: true, planError: undefined, publishError: undefined })
        try { set({ plan: await api.plan(draft.id, { beside: on }), planning: false }) } catch (e) { set({ planning: false, publishError: guard(e) }) }
      },

      async publish() {
        const draft = get().draft
        if (!draft) return
        set({ publishing: 'sending', publishError: undefined })
        try {
          const published = await api.publish(draft.id, { revision: draft.revision, confirm: { date: draft.issue.date, number: draft.issue.number }, ...(get().beside ? { beside: true } : {}) })
          set({ publishing: 'done', published, notify: undefined, notifyError: undefined })
          // The draft now corrects the issue it published; take the server's view of it.
          try { set({ draft: await api.getDraft(draft.id) }) } catch { /* the published result stands either way */ }
        } catch (e) {
          set({ publishing: 'confirm', publishError: guard(e) })
        }
      },

      async notifySubscribers() {
        const issueId = get().published?.issueId
        if (!issueId) return
        set({ notifying: true, notifyError: undefined })
        try {
          const started = await api.notify(issueId)
          let answer = started
          set({ notify: answer })
          while (!answer.done) {
            await new Promise((r) => setTimeout(r, notifyPollMs))
            // Whether this press queued anything is the POST's to say; a status read never creates.
            answer = { ...await api.notifyStatus(issueId), created: started.created }
            set({ notify: answer })
          }
          set({ notifying: false })
        } catch (e) {
          set({ notifying: false, notifyError: guard(e) })
        }
      }
    }
  })
}
