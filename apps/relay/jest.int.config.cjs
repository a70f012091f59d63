// e2e: starts the built dist/apps/relay/main.js as child processes (the `integration` target
// depends on `build`) against the real PostgreSQL and Kafka of infra/local.
module.exports = {
  displayName: 'relay:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.e2e.spec.ts'],
  testTimeout: 180_000,
};
