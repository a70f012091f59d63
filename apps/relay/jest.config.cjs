module.exports = {
  displayName: 'relay',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.unit.spec.ts'],
};
