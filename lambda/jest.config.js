const base = require('../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'lambda',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 20000,
};
