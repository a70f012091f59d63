// Regenerates the typed HTTP client from the app's code: the OpenAPI document the app serves
// (libs/api-client/openapi.json), its TypeScript types (libs/api-client/src/generated/openapi.ts,
// by openapi-typescript) and the commands table of docs/api.md. `npm run api:client`; a unit test of the api app fails when they are stale.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const DOCUMENT = join(ROOT, 'libs/api-client/openapi.json');
export const TYPES = join(ROOT, 'libs/api-client/src/generated/openapi.ts');

/** The document as the app builds it (pretty JSON, one trailing newline). */
export function printDocument() {
  return execFileSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/openapi/print-openapi.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Types for a document file, written to `out`. */
export function generateTypes(documentPath, out) {
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), documentPath, '--output', out, '--alphabetize', '--root-types'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write('building the OpenAPI document from the app ... ');
  writeFileSync(DOCUMENT, printDocument());
  process.stdout.write(`wrote ${DOCUMENT}\ngenerating TypeScript types ... `);
  generateTypes(DOCUMENT, TYPES);
  process.stdout.write(`wrote ${TYPES}\nupdating the commands table of docs/api.md ... `);
  execFileSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/openapi/update-api-docs.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
