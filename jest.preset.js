// Shared jest settings: every project in this repo is TypeScript compiled by
// ts-jest in transpile-only mode (type checking is `make typecheck`).
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { isolatedModules: true, diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
