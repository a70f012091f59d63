// Module boundaries are the architecture: the domain knows only XState, ports know nothing
// concrete, adapters implement ports, apps wire. Lint fails on any import that breaks this.
import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.nx', '**/data', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          banTransitiveDependencies: true,
          allow: [],
          depConstraints: [
            // The public event contract: shapes, schemas, vocabulary. It stands alone, so an outside
            // subscriber (and every read model) can depend on it without the domain's rules.
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:contract'], allowedExternalImports: ['fast-check'] },
            // Read models build on the public contract only, as an outside subscriber would: never
            // on the machine or the command service.
            {
              sourceTag: 'type:read-model',
              onlyDependOnLibsWithTags: ['type:contract', 'type:port', 'type:adapter-kit', 'type:read-model'],
            },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contract'],
              // The domain imports XState and nothing else from outside (tests may use fast-check).
              allowedExternalImports: ['xstate', 'fast-check'],
            },
            { sourceTag: 'type:port', onlyDependOnLibsWithTags: ['type:port'] },
            // Use cases and projections: the domain and ports, never a concrete adapter.
            {
              sourceTag: 'type:application',
              onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:port', 'type:adapter-kit', 'type:application'],
            },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:port', 'type:contract', 'type:testing', 'type:adapter-kit'] },
            // Code shared by several adapters (the SQL both PostgreSQL and PGlite run); knows only ports.
            { sourceTag: 'type:adapter-kit', onlyDependOnLibsWithTags: ['type:port', 'type:testing'] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:port', 'type:testing', 'type:contract', 'type:domain', 'type:application'],
            },
            // The typed HTTP client knows only the HTTP contract (its generated types), as any outside client.
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: [] },
            // What the processes share to start: configuration, opening the configured engines.
            {
              sourceTag: 'type:runtime',
              onlyDependOnLibsWithTags: [
                'type:contract',
                'type:domain',
                'type:application',
                'type:port',
                'type:adapter',
                'type:adapter-kit',
                'type:runtime',
              ],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:contract',
                'type:domain',
                'type:application',
                'type:read-model',
                'type:port',
                'type:adapter',
                'type:adapter-kit',
                'type:testing',
                'type:client',
                'type:runtime',
              ],
            },
          ],
        },
      ],
    },
  },
];
