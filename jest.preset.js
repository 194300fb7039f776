// Shared jest settings: every project in this repo is TypeScript compiled by
// ts-jest in transpile-only mode (type checking is `make typecheck`).
const path = require('node:path');

module.exports = {
  // Example handlers import the runtime by its package name, as users do (tsconfig.json paths says the same).
  moduleNameMapper: { '^cross-account-lambda$': path.join(__dirname, 'lambda', 'src', 'index.ts') },
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
