// Jest project "bench": the smoke run of the benchmark harness (tiny counts;
// checks the figures' shape and call counts, never timings). `make bench-smoke`.
const base = require('../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'bench',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 300_000,
};
