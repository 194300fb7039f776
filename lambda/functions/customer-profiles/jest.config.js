const base = require('../../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'customer-profiles',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 20000,
};
