// Route x role matrix over the real app. The expected matrix is written out here, literally, from
// the role descriptions — it deliberately does not import the guard's table
// (apps/api/src/auth/roles.ts), so a wrong entry there fails this test. Requests go through the
// typed client (routes and bodies as the contract, libs/api-client/openapi.json, states them),
// except the ones without a token (raw `post`).
import type { LedgerClient, Schemas } from '@complaint-ledger/api-client';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  assertBuilt,
  client,
  command,
  complaint,
  killAll,
  post,
  startApi,
  stopApi,
  token,
  type Api,
  type CommandBodyOf,
  type CommandRoute,
} from './e2e/harness';

const ROLES = ['agent', 'supervisor', 'auditor', 'analyst', 'admin'] as const;
type Role = (typeof ROLES)[number];
const Y = true;
const N = false;
/** An unknown case: allowed roles get past the gate to a 404. */
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** A route with a body the contract accepts on it (the compiler checks each row's body against its route). */
type Row =
  | { [R in CommandRoute]: [route: R, body: CommandBodyOf<R>, allowed: Record<Role, boolean>] }[CommandRoute]
  | [route: '/complaints', body: Schemas['ReceiveComplaintBody'], allowed: Record<Role, boolean>];

// prettier-ignore
const MATRIX: Row[] = [
  //                                          agent supervisor auditor analyst admin
  ['/complaints',                              complaint(),                                        { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/acknowledge',             {},                                                 { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/classify',                { category: 'c', urgency: 'normal' },               { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/assign',                  { team: 't' },                                      { agent: N, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/solutions',               { remedy: 'refund', description: 'd' },             { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/solutions/accept',        {},                                                 { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/solutions/reject',        { reason: 'r' },                                    { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/implementation/progress', { note: 'n' },                                      { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/implementation/complete', { outcome: 'o' },                                   { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/feedback',                { method: 'phone', satisfaction: 5, resolved: true }, { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/evaluate',                { rootCause: { code: 'x' } },                       { agent: N, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/escalate',                { reason: 'r' },                                    { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/reopen',                  { reason: 'r' },                                    { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/{id}/withdraw',                {},                                                 { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
];

/** POST the row's body to its route (on the unknown case) through the typed client. */
function send(ledger: LedgerClient, row: Row): Promise<{ response: Response; error?: Schemas['ErrorBody'] }> {
  return row[0] === '/complaints' ? ledger.POST('/complaints', { body: row[1] }) : command(ledger, row[0], UNKNOWN, row[1]);
}

// Reading cases (the query side's routes): auditors read, analysts never see a case.
type Read = '/complaints' | '/complaints/{id}';
// prettier-ignore
const READS: [route: Read, allowed: Record<Role, boolean>][] = [
  ['/complaints',                              { agent: Y, supervisor: Y, auditor: Y, analyst: N, admin: Y }],
  ['/complaints/{id}',                         { agent: Y, supervisor: Y, auditor: Y, analyst: N, admin: Y }],
];

function read(ledger: LedgerClient, route: Read): Promise<{ response: Response }> {
  return route === '/complaints' ? ledger.GET('/complaints') : ledger.GET('/complaints/{id}', { params: { path: { id: UNKNOWN } } });
}

describe('route x role', () => {
  let api: Api;
  let dir: string;
  const tokens = {} as Record<Role | 'none', string>;

  beforeAll(async () => {
    assertBuilt();
    dir = await mkdtemp(join(tmpdir(), 'api-roles-e2e-'));
    api = await startApi({ COMPLAINTS_DATA_DIR: dir });
    for (const role of ROLES) tokens[role] = await token([role]);
    tokens.none = await token([]);
  });
  afterAll(async () => {
    if (api) await stopApi(api);
    killAll();
    await rm(dir, { recursive: true, force: true });
  });

  const cells = MATRIX.flatMap((row) => ROLES.map((role) => [row[0], role, row[2][role], row] as const));

  it.each(cells)('POST %s as %s: allowed=%s', async (_route, role, allowed, row) => {
    // An unknown case: allowed roles get past the gate (404, or 201 for the create), others get 403.
    const r = await send(client(api, tokens[role]), row);
    if (allowed) expect([201, 404]).toContain(r.response.status);
    else expect({ status: r.response.status, error: r.error?.error }).toEqual({ status: 403, error: 'Forbidden' });
  });

  const readCells = READS.flatMap(([route, allowed]) => ROLES.map((role) => [route, role, allowed[role]] as const));

  it.each(readCells)('GET %s as %s: allowed=%s', async (route, role, allowed) => {
    const r = await read(client(api, tokens[role]), route);
    if (allowed) expect([200, 404]).toContain(r.response.status);
    else expect(r.response.status).toBe(403);
  });

  it('a token without roles may call no command route; no token is 401 everywhere', async () => {
    for (const row of MATRIX) {
      expect((await send(client(api, tokens.none), row)).response.status).toBe(403);
      // Raw: no Authorization header at all.
      expect((await post(api, row[0].replace('{id}', UNKNOWN), row[1])).status).toBe(401);
    }
  });

  it('public routes need no token', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
  });
});
