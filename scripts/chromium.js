// How this project drives Debian's Chromium: headless, no sandbox (root), nothing that reaches for the
// network by itself (the machine's network is closed, and such attempts stall start-up), and a phone's
// viewport. Shared by the end-to-end tests, the benchmark and the share-card renderer.

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'

const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** A 375 × 812 phone at 2× with touch, in Chinese. */
const phone = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }

module.exports = { executablePath, args, phone }
