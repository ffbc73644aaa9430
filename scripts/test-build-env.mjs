// How the test builds are made, shared by `npm test` (scripts/run-tests.mjs) and `npm run bench`, so
// the compiled weapp the tests and the benchmark measure is the same build.

/** The port the tests' local server serves dist/h5 and dist/feed on (test/support/global-setup.mjs). */
export const testPort = process.env.TEST_PORT || '18731'

/**
 * The compiled weapp's subscribe test runs the real notification server on this port, against a
 * stand-in for WeChat's API whose template id is this one (test/server/support/fake-wechat.ts).
 * Two above the test port, so runs with different TEST_PORTs on one machine do not collide.
 */
export const notifyPort = String(Number(testPort) + 2)
export const testTemplateId = 'TPL-new-issue-0001'

/**
 * Secrets present in the build's environment, as they would be on a newsroom machine that also runs
 * the notification server: a test checks that neither reaches a client bundle.
 */
export const secretCanaries = {
  WECHAT_SECRET: 'canary-secret-5f1c9e2a7b',
  ADMIN_TOKEN: 'canary-admin-token-8d3e6f0c41'
}

/** Environment for `taro build --type weapp` in tests and benchmarks. */
export const weappTestEnv = {
  ...secretCanaries,
  NODE_ENV: 'production',
  // A production build, but against the local test servers (config/release-urls.ts allows it in this mode).
  BUILD_MODE: 'test',
  FEED_BASE_URL: `http://127.0.0.1:${testPort}/feed/`,
  NOTIFY_API_BASE: `http://127.0.0.1:${notifyPort}/`,
  WECHAT_TEMPLATE_ID: testTemplateId
}

/**
 * Environment for `taro build --type h5` in tests and benchmarks. The template id is public and ships
 * (the browser edition cannot subscribe, but the constant is compiled in): the no-secrets test uses it
 * to show its scan reads what the build made of this environment.
 */
export const h5TestEnv = { ...secretCanaries, NODE_ENV: 'production', BUILD_MODE: 'test', WECHAT_TEMPLATE_ID: testTemplateId }
