// Graceful close, in-process: app.close() is what SIGTERM triggers (enableShutdownHooks).
// A slow route is added on the Fastify instance for this test only. /health goes through the typed
// client (@complaint-ledger/api-client); /slow is not in the contract, so it is fetched raw.
import 'reflect-metadata';
import { createLedgerClient } from '@complaint-ledger/api-client';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app';
import { loadConfig } from '@complaint-ledger/runtime';
import { prepareDataDir } from './instance/instance';
import { signToken } from './auth/dev-tokens';

// The test-only /slow route is not in the route table, so only an admin token may call it.
const SECRET = 'shutdown-test-secret-shutdown-test-secret';

describe('graceful close', () => {
  let dir: string;
  let app: NestFastifyApplication;
  let base: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-close-'));
    const { config } = loadConfig({ COMPLAINTS_DATA_DIR: dir, LOG_LEVEL: 'silent', AUTH_JWT_SECRET: SECRET });
    // No Swagger UI in-process: its @fastify/static needs an ES module Jest's runtime cannot load.
    app = await createApp(config, await prepareDataDir(config.dataDir), { swaggerUi: false });
    app
      .getHttpAdapter()
      .getInstance()
      .get('/slow', async () => {
        await new Promise((r) => setTimeout(r, 800));
        return { slow: 'done' };
      });
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('lets in-flight requests finish, refuses new connections, and does not wait for keep-alive timeouts', async () => {
    const api = createLedgerClient({ baseUrl: base });
    // Warm a keep-alive connection so the slow request runs on a reused socket.
    expect((await api.GET('/health')).response.status).toBe(200);
    const admin = await signToken(SECRET, 'shutdown-test', ['admin']);
    const slow = fetch(`${base}/slow`, { headers: { authorization: `Bearer ${admin}` } }).then(async (r) => ({
      status: r.status,
      connection: r.headers.get('connection'),
      body: await r.json(),
    }));
    await new Promise((r) => setTimeout(r, 200)); // request is in flight

    const started = Date.now();
    const closed = app.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(api.GET('/health')).rejects.toThrow(); // no longer listening

    expect(await slow).toEqual({ status: 200, connection: 'close', body: { slow: 'done' } });
    await closed;
    expect(Date.now() - started).toBeLessThan(5_000); // not the 72 s keep-alive timeout
  });
});
