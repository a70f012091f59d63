module.exports = {
  displayName: 'event-store-sql',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.unit.spec.ts'],
};
