module.exports = {
  displayName: 'case-list-projection',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.unit.spec.ts'],
};
