import baseConfig from '../../eslint.config.mjs';

// The library is `type:application`: domain and ports only. Its integration tests (src/int/**,
// *.int.spec.ts) wire it to real stores and engines the way an app does, so they alone may
// import adapters and test helpers; everything the library ships stays behind the boundary.
export default [
  ...baseConfig,
  {
    files: ['**/case-list-projection/src/int/**/*.ts', '**/case-list-projection/src/**/*.int.spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: [
                'type:domain',
                'type:port',
                'type:application',
                'type:adapter',
                'type:adapter-kit',
                'type:testing',
              ],
            },
          ],
        },
      ],
    },
  },
];
