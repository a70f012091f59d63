// e2e: starts the built dist/apps/api/main.js as a child process (the `integration` target
// depends on `build`), so nothing here compiles the app.
module.exports = {
  displayName: 'api:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int.spec.ts', '<rootDir>/src/**/*.e2e.spec.ts'],
  testTimeout: 60_000,
};
