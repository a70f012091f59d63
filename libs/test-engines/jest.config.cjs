// Unit tests: helper logic only, no engine needed.
module.exports = {
  displayName: 'test-engines',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.unit.spec.ts'],
};
