// Integration tests against PGlite on disk (no server needed); run in band.
module.exports = {
  displayName: 'event-store-pglite:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int.spec.ts'],
  testTimeout: 60_000,
};
