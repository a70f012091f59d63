#!/usr/bin/env node
// `npm start`: build the API if dist/ is missing or older than its sources, then run it.
//
//  - The app's JSON logs go to stdout untouched; this script's own lines go to stderr.
//  - Env is passed through. COMPLAINTS_DATA_DIR defaults to <repo>/data (wherever you run from).
//  - SIGINT/SIGTERM/SIGHUP are forwarded to the app; the app's exit code becomes ours.
//  - Once GET /health answers, the URL is printed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const t0 = performance.now();
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const mainJs = join(root, 'dist/apps/api/main.js');
const say = (msg) => process.stderr.write(`[start] ${msg}\n`);
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)}s`;

// ---- 1. build when stale -------------------------------------------------------------------

/** Everything the api bundle is built from (spec files excluded: they never reach dist). */
const BUILD_INPUTS = [
  'apps/api/src',
  'apps/api/project.json',
  'apps/api/webpack.config.cjs',
  'apps/api/webpack.build.cjs',
  'apps/api/tsconfig.json',
  'apps/api/tsconfig.app.json',
  'libs', // any lib's src: cheap to scan; nx decides what really changed (cache hit if nothing)
  'tsconfig.base.json',
  'package-lock.json',
];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'tmp', '.nx', 'coverage', 'data']);

function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return /\.(spec|test)\.ts$/.test(path) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIP_DIRS.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function buildIfStale() {
  const builtAt = existsSync(mainJs) ? statSync(mainJs).mtimeMs : 0;
  const sourcesAt = Math.max(...BUILD_INPUTS.map((p) => newestMtime(join(root, p))));
  if (builtAt > sourcesAt) return;
  say(builtAt === 0 ? 'no build yet: building the api (nx run api:build)…' : 'sources changed: rebuilding the api…');
  const nx = createRequire(import.meta.url).resolve('nx/bin/nx.js');
  const result = spawnSync(process.execPath, [nx, 'run', 'api:build', '--outputStyle=static'], {
    cwd: root,
    // Build output is progress chatter: keep stdout for the app's JSON logs.
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  if (result.status !== 0 || !existsSync(mainJs)) {
    say(`build failed (exit ${result.status ?? result.signal}); see the output above`);
    process.exit(1);
  }
  // An nx cache hit may leave an old main.js in place: mark it as current.
  const now = new Date();
  utimesSync(mainJs, now, now);
  say(`build done at ${elapsed()}`);
}

buildIfStale();

// ---- 2. run ----------------------------------------------------------------------------------

const env = { ...process.env };
if (!env.COMPLAINTS_DATA_DIR?.trim()) env.COMPLAINTS_DATA_DIR = join(root, 'data');

const child = spawn(process.execPath, [mainJs], { cwd: process.cwd(), env, stdio: 'inherit' });

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const forward = (signal) => {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
};
for (const signal of SIGNALS) process.on(signal, forward);

let exited = false;
child.on('error', (err) => {
  say(`could not start the api: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  exited = true;
  for (const s of SIGNALS) process.off(s, forward);
  if (signal) {
    // Die the same way so callers see the same status.
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});

// ---- 3. report when healthy -------------------------------------------------------------------

function probeUrl() {
  // Mirrors the app's defaults; if PORT/HOST are invalid the app exits with the reason.
  const port = env.PORT?.trim() || '3000';
  const host = env.HOST?.trim() || '127.0.0.1';
  const bound = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const reach = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') ? `[${host}]` : host;
  return { bound, health: `http://${reach}:${port}/health` };
}

async function reportWhenHealthy() {
  const { bound, health } = probeUrl();
  const deadline = Date.now() + 60_000;
  while (!exited && Date.now() < deadline) {
    try {
      const res = await fetch(health, { signal: AbortSignal.timeout(2_000) });
      const body = await res.text();
      if (res.status === 200) {
        say(`Complaint Ledger API listening on ${bound} (healthy after ${elapsed()}; data dir ${env.COMPLAINTS_DATA_DIR})`);
      } else {
        say(`API is up on ${bound} but ${health} answered ${res.status}: ${body}`);
      }
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!exited) say(`API did not answer ${health} within 60s (still running; see its logs)`);
}

reportWhenHealthy();
