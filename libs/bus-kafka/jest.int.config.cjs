// Integration tests on PostgreSQL (TEST_DATABASE_URL, infra/local/up.sh) and PGlite on disk.
// PGlite under Jest needs NODE_OPTIONS=--experimental-vm-modules (the `integration` target sets it).
module.exports = {
  displayName: 'bus-kafka:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int.spec.ts'],
  testTimeout: 180_000,
};
