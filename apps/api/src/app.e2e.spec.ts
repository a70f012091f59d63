// End-to-end: runs the real build (dist/apps/api/main.js, produced by the `build` target that
// `integration` depends on) as a child process, on a free port with a temporary data dir. Requests
// go through the typed client of the contract (@complaint-ledger/api-client).
import { createLedgerClient, type LedgerClient } from '@complaint-ledger/api-client';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@complaint-ledger/test-engines';

const ROOT = resolve(__dirname, '../../..');
const MAIN_JS = join(ROOT, 'dist/apps/api/main.js');
const START_MJS = join(ROOT, 'tools/scripts/start.mjs');
/** The committed contract: what GET /openapi.json must serve (and what the typed client is generated from). */
const CONTRACT = join(ROOT, 'libs/api-client/openapi.json');

interface Running {
  child: ChildProcess;
  port: number;
  stdout: string[];
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Environment without anything from the developer's shell that would change the app's config. */
function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['PORT', 'HOST', 'COMPLAINTS_DATA_DIR', 'EVENT_STORE', 'EVENT_STORE_URL', 'LOG_LEVEL']) delete env[name];
  return env;
}

function launch(args: string[], env: Record<string, string>, port: number): Running {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const stdout: string[] = [];
  let stderr = '';
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    stdout.push(...lines.filter((l) => l !== ''));
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      done({ code, signal });
    }),
  );
  return { child, port, stdout, stderr: () => stderr, exit };
}

async function startApp(dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const app = launch([MAIN_JS], { PORT: String(port), COMPLAINTS_DATA_DIR: dataDir, ...env }, port);
  await waitForHealthy(app);
  return app;
}

async function waitForHealthy(app: Running, timeoutMs = 20_000): Promise<void> {
  let exited = false;
  void app.exit.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`app exited before becoming healthy:\n${app.stderr()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${app.port}/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`app not healthy within ${timeoutMs} ms:\n${app.stderr()}`);
}

async function stop(app: Running): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  app.child.kill('SIGTERM');
  return app.exit;
}

/** The typed client (no token: these routes are public). */
function ledger(app: Running): LedgerClient {
  return createLedgerClient({ baseUrl: `http://127.0.0.1:${app.port}` });
}

function logs(app: Running): Record<string, unknown>[] {
  return app.stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('api e2e (built app as a child process)', () => {
  let tmp: string;

  beforeAll(() => {
    if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run \`npx nx run api:integration\` (it builds first)`);
  });
  beforeEach(async () => (tmp = await mkdtemp(join(tmpdir(), 'api-e2e-'))));
  afterEach(async () => {
    for (const child of running) child.kill('SIGKILL');
    await rm(tmp, { recursive: true, force: true });
  });

  it('creates the data dir, serves /health, logs JSON with the correlation id, and exits 0 on SIGTERM', async () => {
    const dataDir = join(tmp, 'nested', 'data');
    const app = await startApp(dataDir);

    const res = await ledger(app).GET('/health', { headers: { 'X-Correlation-Id': 'e2e-corr-1' } });
    expect(res.response.status).toBe(200);
    expect(res.response.headers.get('x-correlation-id')).toBe('e2e-corr-1');
    expect(res.data).toEqual({
      status: 'ok',
      // The bus is reported (off without BUS=kafka) but never fails the API's health.
      info: {
        dataDir: { status: 'up', path: dataDir },
        eventStore: { status: 'up', kind: 'embedded' },
        bus: { status: 'up', kind: 'none', relay: 'off' },
      },
      error: {},
      details: {
        dataDir: { status: 'up', path: dataDir },
        eventStore: { status: 'up', kind: 'embedded' },
        bus: { status: 'up', kind: 'none', relay: 'off' },
      },
    });

    const generated = await ledger(app).GET('/health');
    expect(generated.response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);

    const marker = JSON.parse(await readFile(join(dataDir, 'instance.json'), 'utf8')) as { instanceId: string; createdAt: string };
    expect(marker.instanceId).toMatch(/^[0-9a-f-]{36}$/);

    expect(await stop(app)).toEqual({ code: 0, signal: null });
    const lines = logs(app); // every stdout line is JSON (parse throws otherwise)
    expect(lines).toContainEqual(
      expect.objectContaining({ correlationId: 'e2e-corr-1', msg: 'request completed', res: { statusCode: 200 } }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'complaint-ledger api listening', instanceId: marker.instanceId, instanceCreated: true }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('shutting down'), signal: 'SIGTERM' }));
  });

  it('keeps its data across restarts: the instance marker from the first start is still there', async () => {
    const dataDir = join(tmp, 'data');
    const first = await startApp(dataDir);
    const marker = await readFile(join(dataDir, 'instance.json'), 'utf8');
    expect(await stop(first)).toEqual({ code: 0, signal: null });

    const second = await startApp(dataDir);
    expect(await readFile(join(dataDir, 'instance.json'), 'utf8')).toBe(marker);
    const { instanceId } = JSON.parse(marker) as { instanceId: string };
    expect(await stop(second)).toEqual({ code: 0, signal: null });
    expect(logs(second)).toContainEqual(
      expect.objectContaining({ msg: 'complaint-ledger api listening', instanceId, instanceCreated: false }),
    );
  });

  it('answers 503 while the data dir is unusable, and 200 again once it is back', async () => {
    const dataDir = join(tmp, 'data');
    const app = await startApp(dataDir);
    const api = ledger(app);

    // Running as root defeats chmod, so swap the directory for a plain file instead.
    await rename(dataDir, `${dataDir}.away`);
    await writeFile(dataDir, 'not a directory');
    const bad = await api.GET('/health');
    expect(bad.response.status).toBe(503);
    expect(bad.error).toMatchObject({
      status: 'error',
      error: { dataDir: { status: 'down', path: dataDir, error: expect.stringMatching(/^ENOTDIR/) } },
    });

    await rm(dataDir);
    await rename(`${dataDir}.away`, dataDir);
    expect((await api.GET('/health')).response.status).toBe(200);
    expect(await stop(app)).toEqual({ code: 0, signal: null });
  });

  it('serves the committed contract: GET /openapi.json equals libs/api-client/openapi.json', async () => {
    const app = await startApp(join(tmp, 'data'));
    // Raw: the document itself is not one of the contract's operations.
    const res = await fetch(`http://127.0.0.1:${app.port}/openapi.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(JSON.parse(await readFile(CONTRACT, 'utf8')));
    expect(await stop(app)).toEqual({ code: 0, signal: null });
  });

  it('refuses to start with PORT=abc: exit 1, a message naming PORT, no stack trace', async () => {
    const app = launch([MAIN_JS], { PORT: 'abc', COMPLAINTS_DATA_DIR: join(tmp, 'data') }, 0);
    expect(await app.exit).toEqual({ code: 1, signal: null });
    expect(app.stderr()).toContain('PORT must be an integer from 1 to 65535, got "abc"');
    expect(app.stderr()).not.toMatch(/^\s+at /m);
    expect(existsSync(join(tmp, 'data'))).toBe(false); // nothing touched before config is valid
  });

  it('lists every bad variable in one go', async () => {
    const app = launch([MAIN_JS], { PORT: '99999', EVENT_STORE: 'postgres', HOST: 'not a host' }, 0);
    expect((await app.exit).code).toBe(1);
    const stderr = app.stderr();
    expect(stderr).toContain('Invalid configuration (3 problems)');
    for (const variable of ['PORT', 'HOST', 'EVENT_STORE_URL']) expect(stderr).toContain(`- ${variable} `);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('exits 1 naming PORT when the port is taken', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((done) =>
      blocker.listen(0, '127.0.0.1', () => done((blocker.address() as { port: number }).port)),
    );
    try {
      const app = launch([MAIN_JS], { PORT: String(port), COMPLAINTS_DATA_DIR: join(tmp, 'data') }, port);
      expect((await app.exit).code).toBe(1);
      expect(app.stderr()).toContain(`PORT: port ${port} is already in use`);
      expect(app.stderr()).not.toMatch(/^\s+at /m);
    } finally {
      blocker.close();
    }
  });

  it('npm start (tools/scripts/start.mjs) prints the URL, forwards SIGTERM and passes on exit code 0', async () => {
    const port = await freePort();
    const dataDir = join(tmp, 'data');
    const app = launch([START_MJS], { PORT: String(port), COMPLAINTS_DATA_DIR: dataDir }, port);
    await waitForHealthy(app, 40_000); // may run a (cached) nx build first
    const deadline = Date.now() + 5_000;
    while (!app.stderr().includes('listening on') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(app.stderr()).toContain(`Complaint Ledger API listening on http://127.0.0.1:${port}`);
    expect(existsSync(join(dataDir, 'instance.json'))).toBe(true);
    expect(await stop(app)).toEqual({ code: 0, signal: null });
    expect(logs(app).length).toBeGreaterThan(0); // stdout carries only the app's JSON lines
  });
});
