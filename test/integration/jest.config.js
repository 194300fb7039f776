// End-to-end flow on the local stack: one stack and one `terraform apply` of
// examples/local per run (flow.test.ts); `make test-integration` runs it in band
// (jest only honours maxWorkers in the root config) with long timeouts.
const base = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  testTimeout: 120_000,
};
