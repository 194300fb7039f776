const base = require('../../jest.preset.js');

module.exports = {
  ...base,
  displayName: 'least-privilege',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.test.ts'],
  // The first run plans the fixture with Terraform (~30 s); later runs reuse the cached rendering.
  testTimeout: 180_000,
};
