#!/usr/bin/env node
// `npm run bench`: runs each benchmark in its own Node process, one after another (2 cores: no
// overlap), and prints their JSON results as one JSON array on stdout. Progress goes to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const only = process.argv.slice(2);
const benches = [
  { name: 'domain', file: 'tools/bench/domain.bench.ts' },
  { name: 'event-store', file: 'tools/bench/event-store/bench.ts', needs: ['postgres'] },
  { name: 'http', file: 'tools/bench/http/bench.ts', needs: ['postgres', 'api-build'] },
  { name: 'relay', file: 'tools/bench/relay/bench.ts', needs: ['postgres', 'kafka'] },
].filter((b) => (only.length === 0 || only.includes(b.name)) && existsSync(join(root, b.file)));

/** PostgreSQL through infra/local/up.sh (a no-op when it already answers), the API built once. */
function prepare(needs, env) {
  if (needs.includes('postgres') && !env.TEST_DATABASE_URL) {
    const up = spawnSync('bash', ['infra/local/up.sh'], {
      cwd: root,
      env: { ...env, SKIP_KAFKA: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (up.status !== 0) throw new Error('infra/local/up.sh failed');
    for (const m of up.stdout.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]] = m[2].replace(/^'(.*)'$/, '$1');
  }
  if (needs.includes('api-build') && !env.BENCH_API_BUILT) {
    const build = spawnSync('npx', ['nx', 'run', 'api:build', '--outputStyle=static'], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (build.status !== 0) throw new Error('api build failed');
    env.BENCH_API_BUILT = '1';
  }
}

const results = [];
const env = { ...process.env };
for (const b of benches) {
  prepare(b.needs ?? [], env);
  process.stderr.write(`bench: ${b.name} ...\n`);
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', b.file], {
    cwd: root,
    env: { ...env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), NODE_ENV: 'production' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    process.stderr.write(`bench: ${b.name} failed (exit ${r.status})\n${r.stdout}\n`);
    process.exitCode = 1;
    continue;
  }
  results.push(JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))));
}
console.log(JSON.stringify(results, null, 2));
