// Integration tests against real engines (infra/local/up.sh, or testcontainers when Docker runs).
// Run in band by the `integration` target default; engines are shared, keep them one suite at a time.
module.exports = {
  displayName: 'test-engines:integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.int.spec.ts', '<rootDir>/src/**/*.e2e.spec.ts'],
  testTimeout: 60_000,
};
