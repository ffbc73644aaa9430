// The budget test (budgets.test.ts) as its own jest project: the weapp project's setup (jsdom, the
// compiled output run as built, the local server for dist/feed on the test port) with its own
// testMatch. Used directly by `npm run bench`, and listed in test/jest.config.js's projects so that
// `npm test` runs it after the builds.
const path = require('path')
const { projects } = require('../jest.config.js')

const weapp = projects.find((p) => p.displayName === 'weapp')

module.exports = {
  ...weapp,
  displayName: 'budgets',
  rootDir: path.resolve(__dirname, '../..'),
  testMatch: ['<rootDir>/test/bench/**/*.test.ts']
}
