module.exports = {
  displayName: 'complaint-domain',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.unit.spec.ts'],
};
