// Reliability: bad-input corpus, fault matrix through the fault proxy, and the
// Terraform validation-coverage check. Each fault-matrix file (reliability.test.ts:
// the shipped bundle; services.test.ts: the library, every service) shares one
// local stack across its own tests, which run in order; the two files run side
// by side in two workers (the first mostly waits for Terraform, the second for
// injected timeouts), so the per-service matrix adds little wall time.
const base = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'reliability',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  testTimeout: 30_000,
  maxWorkers: 2,
};
