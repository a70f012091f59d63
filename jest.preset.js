// Shared Jest settings. ts-jest transpiles per file (isolatedModules in tsconfig): type errors
// are caught by each project's `typecheck` target, so tests stay fast.
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.base.json');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/../../' }),
  coverageReporters: ['text-summary'],
  reporters: [
    'default',
    [
      require.resolve('./tools/jest/summary-reporter.cjs'),
      { name: process.env.NX_TASK_TARGET_PROJECT ? `${process.env.NX_TASK_TARGET_PROJECT}-${process.env.NX_TASK_TARGET_TARGET}` : 'jest' },
    ],
  ],
};
