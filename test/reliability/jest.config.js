// Reliability: bad-input corpus, fault matrix through the fault proxy, and the
// Terraform validation-coverage check. The fault matrix shares one provisioned
// local stack across its file, so tests run in band.
const base = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'reliability',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  testTimeout: 30_000,
  maxWorkers: 1,
};
