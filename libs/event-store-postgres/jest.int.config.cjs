// Integration tests against a real PostgreSQL (infra/local/up.sh or testcontainers); run in band.
module.exports = {
  displayName: 'event-store-postgres:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int.spec.ts'],
  testTimeout: 60_000,
};
