// Swagger UI at /docs, checked in a plain Node child process: @fastify/static 10 (which serves the
// UI's files) needs an ES-module-only dependency that Node 20.19+ loads natively but Jest's
// runtime cannot. The child builds a Nest/Fastify app with the query and metrics modules,
// calls setupOpenApi(app) exactly as main.ts would, and prints what /docs, its assets and
// /openapi.json answered.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

describe('setupOpenApi (UI served offline)', () => {
  it('serves Swagger UI at /docs with its assets from swagger-ui-dist, and the document at /openapi.json', () => {
    const result = spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'openapi.child.ts')], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: '', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    const answers = JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as Record<
      string,
      { status: number; type: string; bytes: number; sample: string }
    >;
    expect(answers['/docs']).toMatchObject({ status: 200, type: expect.stringMatching(/text\/html/) });
    expect(answers['/docs'].sample).toContain('swagger-ui');
    expect(answers['/docs/swagger-ui-bundle.js'].status).toBe(200);
    expect(answers['/docs/swagger-ui-bundle.js'].bytes).toBeGreaterThan(100_000);
    expect(answers['/docs/swagger-ui-init.js']).toMatchObject({ status: 200, sample: expect.stringContaining('swaggerDoc') });
    expect(answers['/openapi.json']).toMatchObject({ status: 200, type: expect.stringMatching(/application\/json/) });
  }, 90_000);
});
