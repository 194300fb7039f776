// The example systems end to end on the local stack: each examples/<name>/test/*.test.ts
// starts its own stack, applies the example's roots and drives its real bundle.
// `make test-examples` runs them (all, or EXAMPLE=<name>).
const base = require('../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'examples',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*/test/**/*.test.ts'],
  testTimeout: 300_000,
};
