// Integration tests against EventStoreDB/KurrentDB (EVENT_STORE_URL, or testcontainers when Docker runs); run in band.
module.exports = {
  displayName: 'event-store-eventstoredb:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int.spec.ts'],
  testTimeout: 120_000,
};
