// `npm start` (tools/scripts/start.mjs) with no AUTH_JWT_SECRET: it generates a secret in the data
// dir, prints a token per role, and the data (and the tokens) survive a restart.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  START_MJS,
  assertBuilt,
  client,
  command,
  complaint,
  dataOf,
  killAll,
  startApi,
  statusAndBody,
  stopApi,
  type Api,
} from './e2e/harness';

function printedTokens(api: Api): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const m of api.stderr().matchAll(/^ {2}(agent|supervisor|auditor|analyst|admin)\s+(\S+)$/gm)) tokens[m[1]] = m[2];
  return tokens;
}

async function waitForTokens(api: Api): Promise<Record<string, string>> {
  const deadline = Date.now() + 10_000;
  while (Object.keys(printedTokens(api)).length < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return printedTokens(api);
}

describe('npm start without AUTH_JWT_SECRET', () => {
  let dir: string;
  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'api-npm-start-e2e-'));
  });
  afterAll(async () => {
    killAll();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a working token per role; cases and tokens survive a restart', async () => {
    const env = { COMPLAINTS_DATA_DIR: dir, AUTH_JWT_SECRET: '' }; // empty counts as unset
    const first = await startApi(env, START_MJS, 60_000);
    const tokens = await waitForTokens(first);
    expect(Object.keys(tokens).sort()).toEqual(['admin', 'agent', 'analyst', 'auditor', 'supervisor']);
    expect((await stat(join(dir, 'auth-secret'))).mode & 0o777).toBe(0o600);
    const { id } = dataOf(await client(first, tokens['agent']).POST('/complaints', { body: complaint() }));
    expect((await client(first, tokens['analyst']).POST('/complaints', { body: complaint() })).response.status).toBe(403);
    expect(await stopApi(first)).toEqual({ code: 0, signal: null });

    const second = await startApi(env, START_MJS, 60_000);
    // A token printed by the first run still works: the secret was kept in the data dir.
    const r = await command(client(second, tokens['agent']), '/complaints/{id}/classify', id, { category: 'c', urgency: 'urgent' });
    expect(statusAndBody(r)).toEqual({ status: 201, body: { id, revision: 1, state: 'classified' } });
    expect(await stopApi(second)).toEqual({ code: 0, signal: null });
  });
});
