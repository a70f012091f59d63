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
  { name: 'event-store', file: 'tools/bench/event-store/bench.ts' },
].filter((b) => (only.length === 0 || only.includes(b.name)) && existsSync(join(root, b.file)));

const results = [];
for (const b of benches) {
  process.stderr.write(`bench: ${b.name} ...\n`);
  const r = spawnSync(process.execPath, ['-r', '@swc-node/register', b.file], {
    cwd: root,
    env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), NODE_ENV: 'production' },
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
