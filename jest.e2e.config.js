/** End-to-end tests in the Microsoft 365 Agents Playground, driven by Playwright in Debian's Chromium. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 120000,
  // One browser and one Playground at a time: the scenarios share them, in order.
  maxWorkers: 1,
};
