/** Headless Debian Chromium driven by playwright-core, as a phone-sized browser with a fresh profile. */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { args, executablePath, phone } from '../../scripts/chromium'

export const BASE_URL = process.env.TEST_BASE_URL ?? `http://127.0.0.1:${process.env.TEST_PORT || 18731}/`

export interface Session {
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/** A fresh persistent profile per session, so storage starts empty and is kept across reloads. */
export async function openBrowser(): Promise<Session> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'gxqb-e2e-'))
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args, ...phone })
  const page = context.pages()[0] ?? await context.newPage()
  return {
    context,
    page,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

/** Waits for Taro's H5 page transition to finish, so screenshots and clicks hit the settled page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().filter((a) => a.playState === 'running' && !(a as CSSAnimation).animationName?.startsWith('status-spin')).length === 0)
}
