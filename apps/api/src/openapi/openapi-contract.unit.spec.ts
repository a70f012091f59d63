// The HTTP contract other teams build against: the document the app builds is the committed one
// (libs/api-client/openapi.json) and the client's generated types match it; it passes two real
// validators; every operation states its request and its answers, errors included.
import SwaggerParser from '@apidevtools/swagger-parser';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HTTP_COMMAND_TYPES, commandRoutePattern } from '../complaints/commands/command-routes';
import { withCommandsTable } from './commands-table';

const ROOT = resolve(__dirname, '../../../..');
const DOCUMENT = join(ROOT, 'libs/api-client/openapi.json');
const TYPES = join(ROOT, 'libs/api-client/src/generated/openapi.ts');
const stale = 'is stale: run `npm run api:client` and commit the result';

type Operation = {
  operationId?: string;
  summary?: string;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

const built = execFileSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'print-openapi.ts')], {
  cwd: ROOT,
  env: { ...process.env, NODE_OPTIONS: '', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
const document = JSON.parse(built) as Document;
const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ path, method, op })),
);
const toOpenApiPath = (pattern: string) => pattern.replace(/:(\w+)/g, '{$1}');

describe('the OpenAPI document', () => {
  it(`libs/api-client/openapi.json ${stale}`, () => {
    expect(readFileSync(DOCUMENT, 'utf8')).toBe(built);
  });

  it(`libs/api-client/src/generated/openapi.ts ${stale}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-client-'));
    try {
      const out = join(dir, 'openapi.ts');
      execFileSync(
        process.execPath,
        [
          '-e',
          `import('${join(ROOT, 'tools/scripts/generate-api-client.mjs')}').then((m) => m.generateTypes(${JSON.stringify(DOCUMENT)}, ${JSON.stringify(out)}))`,
        ],
        { cwd: ROOT },
      );
      expect(readFileSync(TYPES, 'utf8')).toBe(readFileSync(out, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it(`docs/api.md's commands table ${stale}`, () => {
    const page = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
    expect(page).toBe(withCommandsTable(page));
  });

  it('passes @apidevtools/swagger-parser validation, every $ref resolving', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('passes `redocly lint` with the recommended rules (named warnings only: /health and /events/asyncapi.json have no 4xx answer)', () => {
    const run = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', '--extends=recommended', '--format=json', DOCUMENT],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
      totals: { errors: number };
      problems: { ruleId: string; location: { pointer: string }[] }[];
    };
    expect(report.totals.errors).toBe(0);
    // Two public reads can answer no 4xx at all: the health report and the AsyncAPI document.
    expect(report.problems.map((p) => `${p.ruleId} ${p.location[0].pointer}`).sort()).toEqual([
      'operation-4xx-response #/paths/~1events~1asyncapi.json/get/responses',
      'operation-4xx-response #/paths/~1health/get/responses',
    ]);
    expect(run.status).toBe(0);
  }, 60_000);

  it('documents every command route with its body schema, its 201 answer and its errors', () => {
    for (const type of HTTP_COMMAND_TYPES) {
      const op = document.paths[toOpenApiPath(commandRoutePattern(type))]?.['post'];
      expect(op).toBeDefined();
      expect(op.requestBody?.content['application/json'].schema).toEqual({ $ref: `#/components/schemas/${type}Body` });
      expect(op.responses['201'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/CommandResult' });
      for (const status of ['400', '401', '403', '409', '413', '415', '422', '429']) {
        expect(op.responses[status]?.content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorBody' });
      }
      if (type !== 'ReceiveComplaint') expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['404', '412']));
    }
  });

  it('gives every operation an id, a summary and a schema for each answer with a body', () => {
    for (const { path, method, op } of operations) {
      expect({ path, method, operationId: typeof op.operationId, summary: typeof op.summary }).toEqual({
        path,
        method,
        operationId: 'string',
        summary: 'string',
      });
      for (const [status, response] of Object.entries(op.responses)) {
        if (path === '/metrics') continue;
        expect({ path, method, status, schema: response.content?.['application/json']?.schema !== undefined }).toEqual({
          path,
          method,
          status,
          schema: true,
        });
      }
    }
  });

  it('states the error body with details.field, details.reason and details.problems', () => {
    const error = document.components.schemas['ErrorBody'] as {
      required: string[];
      properties: { details: { properties: Record<string, unknown> } };
    };
    expect(error.required).toEqual(['statusCode', 'error', 'message', 'details']);
    expect(Object.keys(error.properties.details.properties)).toEqual(expect.arrayContaining(['field', 'reason', 'problems']));
  });
});
