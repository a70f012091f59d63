// Route x role matrix over the real app. The expected matrix is written out here, literally, from
// the role descriptions — it deliberately does not import the guard's table
// (apps/api/src/auth/roles.ts), so a wrong entry there fails this test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, intake, killAll, post, startApi, stopApi, token, type Api } from './e2e/harness';

const ROLES = ['agent', 'supervisor', 'auditor', 'analyst', 'admin'] as const;
type Role = (typeof ROLES)[number];
const Y = true;
const N = false;

// prettier-ignore
const MATRIX: [route: string, body: object, allowed: Record<Role, boolean>][] = [
  //                                          agent supervisor auditor analyst admin
  ['/complaints',                              intake(),                                           { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/acknowledge',              {},                                                 { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/classify',                 { category: 'c', urgency: 'normal' },               { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/assign',                   { team: 't' },                                      { agent: N, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/solutions',                { remedy: 'refund', description: 'd' },             { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/solutions/accept',         {},                                                 { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/solutions/reject',         { reason: 'r' },                                    { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/implementation/progress',  { note: 'n' },                                      { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/implementation/complete',  { outcome: 'o' },                                   { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/feedback',                 { method: 'phone', satisfaction: 5, resolved: true }, { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/evaluate',                 { rootCause: { code: 'x' } },                       { agent: N, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/escalate',                 { reason: 'r' },                                    { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/reopen',                   { reason: 'r' },                                    { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
  ['/complaints/:id/withdraw',                 {},                                                 { agent: Y, supervisor: Y, auditor: N, analyst: N, admin: Y }],
];

// Reading cases (the query side's routes): auditors read, analysts never see a case.
// prettier-ignore
const READS: [route: string, allowed: Record<Role, boolean>][] = [
  ['/complaints',                              { agent: Y, supervisor: Y, auditor: Y, analyst: N, admin: Y }],
  ['/complaints/:id',                          { agent: Y, supervisor: Y, auditor: Y, analyst: N, admin: Y }],
];

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

  const cells = MATRIX.flatMap(([route, body, allowed]) => ROLES.map((role) => [route, role, allowed[role], body] as const));

  it.each(cells)('POST %s as %s: allowed=%s', async (route, role, allowed, body) => {
    // An unknown case: allowed roles get past the gate (404, or 201 for the create), others get 403.
    const path = route.replace(':id', '00000000-0000-4000-8000-000000000000');
    const r = await post(api, path, body, { token: tokens[role] });
    if (allowed) expect([201, 404]).toContain(r.status);
    else expect({ status: r.status, error: r.body.error }).toEqual({ status: 403, error: 'Forbidden' });
  });

  const readCells = READS.flatMap(([route, allowed]) => ROLES.map((role) => [route, role, allowed[role]] as const));

  it.each(readCells)('GET %s as %s: allowed=%s', async (route, role, allowed) => {
    const path = route.replace(':id', '00000000-0000-4000-8000-000000000000');
    const r = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${tokens[role]}` } });
    if (allowed) expect([200, 404]).toContain(r.status);
    else expect(r.status).toBe(403);
  });

  it('a token without roles may call no command route; no token is 401 everywhere', async () => {
    for (const [route, body] of MATRIX) {
      const path = route.replace(':id', '00000000-0000-4000-8000-000000000000');
      expect((await post(api, path, body, { token: tokens.none })).status).toBe(403);
      expect((await post(api, path, body)).status).toBe(401);
    }
  });

  it('public routes need no token', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
  });
});
