// The query routes, /metrics and the OpenAPI document over a real Nest + Fastify app (in-process,
// app.inject), with the in-memory event store and case list. The SQL list has its own integration
// tests in libs/case-list-projection; the e2e tests run the built app.
import 'reflect-metadata';
import { ApiExceptionFilter } from '../../errors/api-exception.filter';
import { randomUUID } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { toStoreEvent } from '@complaint-ledger/complaint-application';
import { InMemoryCaseListStore } from '@complaint-ledger/case-list-projection';
import { createDecider, type ComplaintCommand } from '@complaint-ledger/complaint-domain';
import { type ComplaintEvent } from '@complaint-ledger/complaint-contract';
import { InMemoryEventStore } from '@complaint-ledger/event-store';
import { complaintStreamName } from '@complaint-ledger/complaint-contract';
import { APP_CONFIG, INSTANCE_INFO } from '../../config/config.module';
import { MetricsModule } from '../../metrics/metrics.module';
import { MetricsService } from '../../metrics/metrics.service';
import { setupOpenApi } from '../../openapi/setup-openapi';
import { ComplaintQueriesModule } from './complaint-queries.module';
import { CaseListService } from './case-list.service';
import { CASE_LIST_STORE, EVENT_STORE_TOKEN } from './tokens';

const decider = createDecider();
const HOUR = 3_600_000;
type Cmd = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'complaintId' | 'occurredAt'> : never) : never;

/** Decides commands one hour apart starting `startMs` and appends the events, command by command. */
async function caseWith(
  store: InMemoryEventStore,
  startMs: number,
  ...commands: Cmd[]
): Promise<{ id: string; position: string; events: ComplaintEvent[] }> {
  const id = randomUUID();
  let state = decider.initialState;
  let revision: number | 'no_stream' = 'no_stream';
  let position = '';
  const all: ComplaintEvent[] = [];
  for (const [i, c] of commands.entries()) {
    const d = decider.decide(state, { ...c, complaintId: id, occurredAt: new Date(startMs + i * HOUR).toISOString() } as ComplaintCommand, {
      now: new Date(),
    });
    if (!d.ok) throw new Error(d.rejection.message);
    state = d.state;
    all.push(...d.events);
    const r = await store.appendToStream(
      complaintStreamName(id),
      d.events.map((e) => toStoreEvent(e, randomUUID(), { actor: 't', correlationId: 'c', causationId: 'c' })),
      revision,
    );
    revision = r.nextExpectedRevision;
    position = r.position;
  }
  return { id, position, events: all };
}

const receive = (customerId = 'cust-1', urgency: 'urgent' | 'normal' = 'normal'): Cmd => ({
  type: 'ReceiveComplaint',
  customerId,
  channel: 'web',
  description: 'broken',
  urgency,
  customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
});
const classify: Cmd = { type: 'ClassifyComplaint', category: 'delivery', urgency: 'general', team: 'logistics' };
const propose: Cmd = { type: 'ProposeSolution', remedy: 'refund', description: 'full refund', amount: { value: 12.5, currency: 'EUR' } };

@Global()
@Module({})
class TestGlobals {}

describe('query routes, /metrics and OpenAPI (in-process app)', () => {
  let app: NestFastifyApplication;
  let events: InMemoryEventStore;
  let list: InMemoryCaseListStore;

  beforeEach(async () => {
    events = new InMemoryEventStore();
    list = new InMemoryCaseListStore();
    const moduleRef = await Test.createTestingModule({
      imports: [
        {
          module: TestGlobals,
          global: true,
          providers: [
            { provide: EVENT_STORE_TOKEN, useValue: events },
            { provide: APP_CONFIG, useValue: { eventStore: { kind: 'embedded' }, dataDir: '/nonexistent' } },
            { provide: INSTANCE_INFO, useValue: {} },
          ],
          exports: [EVENT_STORE_TOKEN, APP_CONFIG, INSTANCE_INFO],
        },
        MetricsModule,
        ComplaintQueriesModule,
      ],
    })
      .overrideProvider(CASE_LIST_STORE)
      .useValue(list)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    // The app's one error filter, as AppModule registers it (APP_FILTER).
    app.useGlobalFilters(new ApiExceptionFilter());
    // No UI under Jest (see setupOpenApi); openapi.unit.spec.ts checks /docs in a plain Node child.
    setupOpenApi(app, { ui: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterEach(async () => {
    await app.close();
    await events.close();
  });

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const res = await app.inject({ method: 'GET', url, headers });
    return {
      status: res.statusCode,
      body: res.headers['content-type']?.toString().includes('json') ? res.json() : res.body,
      headers: res.headers,
    };
  };

  it('GET /complaints/:id folds the stream: state, revision, step, deadlines breached as of now, classification, remedy; no personal data', async () => {
    const old = await caseWith(events, Date.now() - 30 * 24 * HOUR, receive(), classify, propose);
    const res = await get(`/complaints/${old.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: old.id,
      state: 'solutionProposed',
      revision: 2,
      step: 3,
      customerId: 'cust-1',
      urgency: 'general',
      classification: { category: 'delivery' },
      assignment: { team: 'logistics' },
      remedy: { solutionNumber: 1, remedy: 'refund', amount: { value: 12.5, currency: 'EUR' }, status: 'proposed' },
      breached: true,
      position: old.position,
    });
    const deadlines = (res.body as { deadlines: { kind: string; breached: boolean; paused: boolean }[] }).deadlines;
    expect(deadlines).toEqual([
      expect.objectContaining({ kind: 'acknowledge', breached: true }),
      expect.objectContaining({ kind: 'resolve', breached: false, paused: true }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/Ada|ada@example|broken/);

    const fresh = await caseWith(events, Date.now() - HOUR, receive());
    expect((await get(`/complaints/${fresh.id}`)).body).toMatchObject({
      state: 'received',
      step: 1,
      breached: false,
      remedy: null,
      classification: null,
    });
  });

  it('GET /complaints/:id: 404 for an unknown case and for an id that cannot name a case', async () => {
    const unknown = await get(`/complaints/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found', details: { id: expect.any(String) } });
    expect((await get('/complaints/%01abc')).status).toBe(404);
    expect((await get(`/complaints/${'x'.repeat(90)}`)).status).toBe(404);
  });

  it('GET /complaints lists from the projection: filters, breached at query time, opaque cursor pages, read-your-writes', async () => {
    const runner = app.get(CaseListService).runner;
    const a = await caseWith(events, Date.now() - 30 * 24 * HOUR, receive('cust-a', 'urgent'));
    const b = await caseWith(events, Date.now() - 2 * HOUR, receive('cust-a'), classify);
    const c = await caseWith(events, Date.now() - HOUR, receive('cust-b'));
    await runner.waitFor(c.position);

    const all = await get('/complaints');
    expect(all.status).toBe(200);
    expect((all.body as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([c.id, b.id, a.id]);
    expect(all.body).toMatchObject({ limit: 50, nextCursor: null, position: c.position });
    expect((await get('/complaints?customerId=cust-a&state=classified')).body).toMatchObject({
      items: [{ id: b.id, category: 'delivery', team: 'logistics' }],
    });
    expect((await get('/complaints?breached=true')).body).toMatchObject({ items: [{ id: a.id, breached: true }] });
    expect((await get('/complaints?breached=false&urgency=normal')).body).toMatchObject({ items: [{ id: c.id }] });

    const first = (await get('/complaints?limit=2')).body as { items: { id: string }[]; nextCursor: string };
    expect(first.items.map((i) => i.id)).toEqual([c.id, b.id]);
    const second = (await get(`/complaints?limit=2&cursor=${first.nextCursor}`)).body as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    expect(second).toMatchObject({ items: [{ id: a.id }], nextCursor: null });

    // Read-your-writes: a new case is listed once the projection reached the position we name.
    const d = await caseWith(events, Date.now(), receive('cust-d'));
    const fresh = await get('/complaints?customerId=cust-d', { 'x-min-position': d.position });
    expect(fresh.body).toMatchObject({ items: [{ id: d.id }] });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['limit=ten', 'limit'],
    ['state=open', 'state'],
    ['urgency=high', 'urgency'],
    ['breached=yes', 'breached'],
    ['cursor=abc', 'cursor'],
    ['customerId=', 'customerId'],
    ['sort=asc', 'sort'],
    ['state=received&state=closed', 'state'],
  ])('GET /complaints?%s is a 400 naming %s', async (qs, field) => {
    const res = await get(`/complaints?${qs}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', details: { field, reason: expect.any(String) } });
    expect((res.body as { message: string }).message).toMatch(new RegExp(`^${field} `));
  });

  it('GET /complaints: a malformed X-Min-Position is a 400 (one not reached within 5 s is a 503: runner.unit.spec covers waitFor timing out)', async () => {
    expect((await get('/complaints', { 'x-min-position': 'soon' })).status).toBe(400);
  });

  it('/metrics: requests by route pattern and status, commands by type and outcome, latency histograms, store errors', async () => {
    await get(`/complaints/${randomUUID()}`);
    await get('/complaints?limit=0');
    await get('/no/such/route');
    const metrics = app.get(MetricsService);
    metrics.recordCommand('ClassifyComplaint', 'accepted', 0.004);
    metrics.recordStoreError('append');
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toContain('http_requests_total{method="GET",route="/complaints/:id",status="404"} 1');
    expect(res.body).toContain('http_requests_total{method="GET",route="/complaints",status="400"} 1');
    expect(res.body).toContain('http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(res.body).toContain('http_request_duration_seconds_bucket{le="0.05",method="GET",route="/complaints/:id",status="404"} 1');
    expect(res.body).toContain('complaint_commands_total{type="ClassifyComplaint",outcome="accepted"} 1');
    expect(res.body).toContain('complaint_command_duration_seconds_count{type="ClassifyComplaint",outcome="accepted"} 1');
    expect(res.body).toContain('event_store_errors_total{operation="append"} 1');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('/openapi.json documents the query routes', async () => {
    const doc = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json() as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/complaints', '/complaints/{id}']));
    expect(spec.paths['/complaints'].get.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['state', 'customerId', 'category', 'urgency', 'breached', 'limit', 'cursor']),
    );
    expect(spec.paths['/metrics']).toBeUndefined();
    expect(spec.components.schemas).toHaveProperty('ComplaintViewDto');
    expect(spec.components.securitySchemes).toHaveProperty('bearer');
  });
});
