// Temporary: the server project entry until test/jest.config.js has it. Delete after use.
const base = require('../jest.config.js').projects[0]
module.exports = { projects: [{ ...base, displayName: 'server', testEnvironment: 'node', testMatch: ['<rootDir>/test/server/**/*.test.ts'] }] }
