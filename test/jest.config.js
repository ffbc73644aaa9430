// Projects by how they run: plain Node, jsdom with Taro's H5 components, the compiled weapp output in
// miniprogram-simulate, and the H5 build in headless Chromium. scripts/run-tests.mjs runs them in order.
const path = require('path')

const root = path.resolve(__dirname, '..')
// Taro and several of its dependencies ship ESM; they must go through babel too.
const esm = ['@tarojs', '@stencil', 'swiper', 'ssr-window', 'dom7', 'lodash-es', 'query-string', 'decode-uri-component', 'split-on-first', 'filter-obj', 'tyme4ts', 'tslib', '\\.pnpm', 'classnames', 'resolve-pathname', 'history', 'mobile-detect']
const transformIgnorePatterns = [`node_modules/(?!(${esm.join('|')})/)`]
const moduleNameMapper = { '^@/(.*)$': '<rootDir>/src/$1' }
const transform = { '\\.[cm]?[jt]sx?$': ['babel-jest', { configFile: path.join(root, 'babel.config.js') }] }

const server = { globalSetup: '<rootDir>/test/support/global-setup.mjs', globalTeardown: '<rootDir>/test/support/global-teardown.mjs' }

const base = { rootDir: root, transform, transformIgnorePatterns, moduleNameMapper, moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'] }

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    // The notification server as a real process over real HTTP and SQLite, against a local stand-in for WeChat's API.
    { ...base, displayName: 'server', testEnvironment: 'node', testMatch: ['<rootDir>/test/server/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/server/setup.ts'] },
    {
      ...base,
      displayName: 'component',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/component/**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/component/globals.ts', '<rootDir>/test/component/setup.ts'],
      moduleNameMapper: {
        ...moduleNameMapper,
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react',
        '\\.css$': '<rootDir>/test/component/style-stub.js'
      }
    },
    {
      ...base,
      displayName: 'weapp',
      // simulate renders into a DOM; the compiled output is run as built, never re-transformed.
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
      transformIgnorePatterns: [...transformIgnorePatterns, '/dist/'],
      ...server
    },
    // Size, setData and WXML budgets (test/bench/budgets.test.ts) against the same builds as the weapp project.
    path.join(root, 'test/bench/jest.config.js'),
    { ...base, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'], setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'], ...server }
  ]
}
