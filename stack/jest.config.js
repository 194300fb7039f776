const base = require('../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'stack',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.test.ts'],
};
