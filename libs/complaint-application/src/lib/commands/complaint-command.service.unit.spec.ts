import { CaseSnapshotCache } from '@complaint-ledger/complaint-domain';
import {
  InMemoryEventStore,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
} from '@complaint-ledger/event-store';
import { complaintStreamName } from '@complaint-ledger/complaint-contract';
import { ComplaintCommandService, type CommandContext, type CreateComplaint } from './complaint-command.service';
import {
  CommandNotAllowedError,
  ComplaintNotFoundError,
  ContentionError,
  IdempotencyMismatchError,
  InvalidCommandError,
  PreconditionFailedError,
} from './errors';
import { canonicalJson, idempotentComplaintId, uuidV5 } from './idempotency';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const intake: CreateComplaint = { customerId: 'cust-1', channel: 'email', description: 'parcel arrived broken' };
const ctx = (over: Partial<CommandContext> = {}): CommandContext => ({
  subject: 'agent-1',
  correlationId: 'corr-1',
  causationId: 'req-1',
  route: 'POST /complaints',
  ...over,
});

/** Forwards to a real store, but lets a test run another writer right before an append. */
class InterferingStore implements EventStore {
  beforeAppend: ((stream: string) => Promise<void>) | undefined;
  appendCalls = 0;
  readStreamCalls: { stream: string; fromRevision: unknown }[] = [];
  constructor(readonly inner: InMemoryEventStore) {}
  async appendToStream(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.appendCalls++;
    const hook = this.beforeAppend;
    if (hook) await hook(stream);
    return this.inner.appendToStream(stream, events, expected);
  }
  readStream: EventStore['readStream'] = (stream, options) => {
    this.readStreamCalls.push({ stream, fromRevision: options?.fromRevision });
    return this.inner.readStream(stream, options);
  };
  readAll: EventStore['readAll'] = (o) => this.inner.readAll(o);
  subscribeToAll: EventStore['subscribeToAll'] = (o) => this.inner.subscribeToAll(o);
  close = () => this.inner.close();
}

function setup(options: { maxRetries?: number } = {}) {
  const inner = new InMemoryEventStore();
  const store = new InterferingStore(inner);
  const service = new ComplaintCommandService(store, { now: () => NOW, ...options });
  const events = async (id: string) => inner.readStream(complaintStreamName(id));
  return { inner, store, service, events };
}

async function classified(service: ComplaintCommandService): Promise<string> {
  const { id } = await service.create(intake, ctx());
  await service.execute(
    { type: 'ClassifyComplaint', complaintId: id, category: 'delivery', urgency: 'general' },
    ctx({ route: `POST /complaints/${id}/classify` }),
  );
  return id;
}

describe('ComplaintCommandService', () => {
  it('creates a case with a new id and records who, why and when in the metadata', async () => {
    const { service, events } = setup();
    const result = await service.create(intake, ctx());
    expect(result).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      revision: 0,
      state: 'received',
      replayed: false,
      position: expect.any(String),
    });
    const [event] = await events(result.id);
    expect(event.type).toBe('ComplaintReceived');
    expect(result.position).toBe(event.globalPosition); // what a read model must reach to show it
    expect(event.metadata).toMatchObject({
      actor: 'agent-1',
      correlationId: 'corr-1',
      causationId: 'req-1',
      occurredAt: NOW.toISOString(),
      complaintId: result.id,
    });
  });

  it('decides on the cached state without reading the store when nothing changed', async () => {
    const { service, store } = setup();
    const id = await classified(service);
    store.readStreamCalls = [];
    const r = await service.execute({ type: 'ProposeSolution', complaintId: id, remedy: 'refund', description: 'full refund' }, ctx());
    expect(r).toEqual({ id, revision: 2, state: 'solutionProposed', replayed: false, position: expect.any(String) });
    expect(store.readStreamCalls).toEqual([]);
  });

  it('with a stale cache, reads only the events appended since the cached revision and decides again', async () => {
    const { service, store } = setup();
    const other = new ComplaintCommandService(store, { now: () => NOW }); // another instance, its own cache
    const id = await classified(service);
    await other.execute({ type: 'EscalateComplaint', complaintId: id, reason: 'manager' }, ctx());
    store.readStreamCalls = [];
    const r = await service.execute({ type: 'ProposeSolution', complaintId: id, remedy: 'refund', description: 'full refund' }, ctx());
    expect(r).toEqual({ id, revision: 3, state: 'solutionProposed', replayed: false, position: expect.any(String) });
    expect(store.readStreamCalls).toEqual([{ stream: complaintStreamName(id), fromRevision: 2 }]);
  });

  it('re-checks a refusal made on a stale cache against the store before reporting it', async () => {
    const { service, store } = setup();
    const other = new ComplaintCommandService(store, { now: () => NOW });
    const id = await classified(service);
    // The other instance moves the case on; our cache still says "classified", where accepting is refused.
    // Seen failing with the re-check removed (the `if (loaded.fromCache)` in the refusal branch): 409.
    await other.execute({ type: 'ProposeSolution', complaintId: id, remedy: 'refund', description: 'refund' }, ctx());
    const r = await service.execute({ type: 'AcceptSolution', complaintId: id }, ctx());
    expect(r).toMatchObject({ revision: 3, state: 'implementing' });
  });

  it('appends the two events of an evaluation atomically and reports the revision of the last', async () => {
    const { service, events } = setup();
    const id = await classified(service);
    for (const command of [
      { type: 'ProposeSolution', complaintId: id, remedy: 'refund', description: 'refund' },
      { type: 'AcceptSolution', complaintId: id },
      { type: 'CompleteImplementation', complaintId: id, outcome: 'refunded' },
      { type: 'RecordFeedback', complaintId: id, method: 'email', satisfaction: 5, resolved: true },
    ] as const)
      await service.execute(command, ctx());
    const r = await service.execute({ type: 'EvaluateComplaint', complaintId: id, rootCause: { code: 'carrier' } }, ctx());
    expect(r).toEqual({ id, revision: 7, state: 'closed', replayed: false, position: expect.any(String) });
    expect((await events(id)).map((e) => e.type).slice(-2)).toEqual(['ComplaintEvaluated', 'ComplaintClosed']);
  });

  it('refuses an unknown case with ComplaintNotFoundError', async () => {
    const { service } = setup();
    await expect(service.execute({ type: 'AcknowledgeComplaint', complaintId: 'nope' }, ctx())).rejects.toBeInstanceOf(
      ComplaintNotFoundError,
    );
  });

  it('turns domain rejections into typed errors: invalid (field, reason) and not_allowed (state, allowed commands)', async () => {
    const { service, inner } = setup();
    const { id } = await service.create(intake, ctx());
    await expect(
      service.execute({ type: 'ClassifyComplaint', complaintId: id, category: '', urgency: 'general' }, ctx()),
    ).rejects.toMatchObject(new InvalidCommandError('category', 'must not be empty'));
    const err = await service.execute({ type: 'AcceptSolution', complaintId: id }, ctx()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandNotAllowedError);
    expect(err).toMatchObject({
      currentState: 'received',
      allowedCommands: expect.arrayContaining(['ClassifyComplaint', 'WithdrawComplaint']),
    });
    expect((await inner.readAll()).length).toBe(1);
  });

  it('refuses occurredAt more than 24 h back unless the caller may back-date', async () => {
    const { service } = setup();
    const old = new Date(NOW.getTime() - 25 * 3_600_000).toISOString();
    await expect(service.create({ ...intake, occurredAt: old }, ctx())).rejects.toMatchObject({ field: 'occurredAt' });
    expect((await service.create({ ...intake, occurredAt: old }, ctx({ mayBackdate: true }))).revision).toBe(0);
    await expect(service.create({ ...intake, occurredAt: '2027-01-01T00:00:00Z' }, ctx({ mayBackdate: true }))).rejects.toMatchObject({
      field: 'occurredAt',
      reason: 'must not lie in the future',
    });
  });

  describe('If-Match', () => {
    it('is checked before deciding: a stale revision is 412 even for a command that would be refused', async () => {
      const { service } = setup();
      const id = await classified(service);
      await expect(service.execute({ type: 'AcceptSolution', complaintId: id }, ctx({ expectedRevision: 0 }))).rejects.toEqual(
        new PreconditionFailedError(id, 0, 1),
      );
      expect((await service.execute({ type: 'AssignComplaint', complaintId: id, team: 't' }, ctx({ expectedRevision: 1 }))).revision).toBe(
        2,
      );
    });

    it('does not retry: a writer slipping in between read and append gives 412', async () => {
      const { service, store, inner } = setup();
      const id = await classified(service);
      store.beforeAppend = async (stream) => {
        store.beforeAppend = undefined;
        await inner.appendToStream(stream, [otherWriterEvent(id, 2)], 1);
      };
      await expect(
        service.execute({ type: 'AssignComplaint', complaintId: id, team: 't' }, ctx({ expectedRevision: 1 })),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
    });
  });

  describe('without If-Match, a revision conflict is retried on fresh state', () => {
    it('re-decides after a conflicting writer and succeeds', async () => {
      const { service, store, events } = setup();
      const id = await classified(service);
      let conflicts = 0;
      store.beforeAppend = async (stream) => {
        if (conflicts++ < 2) await store.inner.appendToStream(stream, [otherWriterEvent(id, conflicts)], 'any');
      };
      const r = await service.execute({ type: 'EscalateComplaint', complaintId: id, reason: 'vip' }, ctx());
      // Two escalations slipped in (levels 1 and 2); ours, re-decided on fresh state, is level 3.
      expect(r).toEqual({ id, revision: 4, state: 'classified', replayed: false, position: expect.any(String) });
      const stored = await events(id);
      expect(stored.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(stored[4].data).toMatchObject({ level: 3, reason: 'vip' });
    });

    it('gives up after maxRetries with ContentionError, having appended nothing of its own', async () => {
      const { service, store, events } = setup({ maxRetries: 3 });
      const id = await classified(service);
      let n = 0;
      store.beforeAppend = async (stream) => {
        await store.inner.appendToStream(stream, [otherWriterEvent(id, ++n)], 'any');
      };
      const err = await service.execute({ type: 'AssignComplaint', complaintId: id, team: 'ours' }, ctx()).catch((e: unknown) => e);
      expect(err).toEqual(new ContentionError(id, 4));
      expect(store.appendCalls - 2).toBe(4); // 1 attempt + 3 retries (minus the two setup appends)
      expect((await events(id)).filter((e) => e.type === 'ComplaintAssigned')).toEqual([]);
    });

    it('re-decides to a refusal when the fresh state no longer allows the command', async () => {
      const { service, store } = setup();
      const { id } = await service.create(intake, ctx());
      store.beforeAppend = async (stream) => {
        store.beforeAppend = undefined;
        await store.inner.appendToStream(stream, [withdrawal(id)], 0);
      };
      await expect(
        service.execute({ type: 'ClassifyComplaint', complaintId: id, category: 'x', urgency: 'urgent' }, ctx()),
      ).rejects.toMatchObject({
        code: 'not_allowed',
        currentState: 'withdrawn',
      });
    });
  });

  describe('Idempotency-Key', () => {
    const keyed = (key: string, over: Partial<CommandContext> = {}) => ctx({ idempotencyKey: key, ...over });

    it('derives the case id from (subject, route, key) and replays the first response without appending', async () => {
      const { service, inner } = setup();
      const first = await service.create(intake, keyed('k-1'));
      expect(first.id).toBe(idempotentComplaintId({ subject: 'agent-1', route: 'POST /complaints', key: 'k-1' }));
      const again = await service.create(intake, keyed('k-1'));
      expect(again).toEqual({ ...first, replayed: true });
      expect((await inner.readAll()).length).toBe(1);
      const [event] = await inner.readAll();
      expect(event.metadata).toMatchObject({ idempotencyKey: 'k-1', requestHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    });

    it('scopes keys to the token subject', async () => {
      const { service } = setup();
      const a = await service.create(intake, keyed('same'));
      const b = await service.create(intake, keyed('same', { subject: 'agent-2' }));
      expect(a.id).not.toBe(b.id);
      expect(b.replayed).toBe(false);
    });

    it('refuses the same key with another body (IdempotencyMismatchError) and appends nothing', async () => {
      const { service, inner } = setup();
      await service.create(intake, keyed('k-2'));
      await expect(service.create({ ...intake, description: 'something else' }, keyed('k-2'))).rejects.toBeInstanceOf(
        IdempotencyMismatchError,
      );
      expect((await inner.readAll()).length).toBe(1);
    });

    it('replays a command with the revision and state as of its own last event, after the case moved on', async () => {
      const { service } = setup();
      const id = await classified(service);
      for (const command of [
        { type: 'ProposeSolution', complaintId: id, remedy: 'refund', description: 'refund' },
        { type: 'AcceptSolution', complaintId: id },
        { type: 'CompleteImplementation', complaintId: id, outcome: 'done' },
      ] as const)
        await service.execute(command, ctx());
      const route = `POST /complaints/${id}/feedback`;
      const feedback = { type: 'RecordFeedback', complaintId: id, method: 'phone', satisfaction: 2, resolved: false } as const;
      const first = await service.execute(feedback, keyed('fb', { route }));
      expect(first).toEqual({ id, revision: 6, state: 'classified', replayed: false, position: expect.any(String) }); // FeedbackRecorded + ComplaintReopened
      await service.execute({ type: 'AssignComplaint', complaintId: id, team: 'x' }, ctx());
      // A fresh service (cold cache: as after a restart) finds the events by their ids.
      const restarted = new ComplaintCommandService((service as unknown as { store: EventStore }).store, { now: () => NOW });
      expect(await restarted.execute(feedback, keyed('fb', { route }))).toEqual({ ...first, replayed: true });
      // If-Match of the original request is not a 412 on the retry: the replay comes first.
      expect(await restarted.execute(feedback, keyed('fb', { route, expectedRevision: 4 }))).toEqual({ ...first, replayed: true });
    });

    it('appends once for 10 concurrent creates with one key; every caller gets the same answer', async () => {
      const { service, inner } = setup();
      const results = await Promise.all(Array.from({ length: 10 }, () => service.create(intake, keyed('burst'))));
      expect(new Set(results.map((r) => `${r.id}@${r.revision}/${r.state}`)).size).toBe(1);
      expect((await inner.readAll()).length).toBe(1);
    });

    it('appends once for 10 concurrent commands with one key, each from its own (cold) service', async () => {
      const { service, store, inner } = setup();
      const id = await classified(service);
      const route = `POST /complaints/${id}/escalate`;
      const services = Array.from({ length: 10 }, () => new ComplaintCommandService(store, { now: () => NOW }));
      const results = await Promise.all(
        services.map((s) => s.execute({ type: 'EscalateComplaint', complaintId: id, reason: 'late' }, keyed('esc', { route }))),
      );
      expect(results.map((r) => r.revision)).toEqual(Array(10).fill(2));
      expect((await inner.readAll()).map((e) => e.type)).toEqual(['ComplaintReceived', 'ComplaintClassified', 'ComplaintEscalated']);
    });

    it('gives 422 to the loser of two concurrent requests with one key and different bodies', async () => {
      const { service, inner } = setup();
      const outcomes = await Promise.allSettled([
        service.create(intake, keyed('race')),
        service.create({ ...intake, description: 'different' }, keyed('race')),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(rejected?.reason).toBeInstanceOf(IdempotencyMismatchError);
      expect((await inner.readAll()).length).toBe(1);
    });
  });

  it('refuses a caller over its rate limit only once the command is otherwise fine, and appends nothing', async () => {
    const { service, inner } = setup();
    const limited = { rateLimit: { limited: true, retryAfterSeconds: 7 } };
    await expect(service.create(intake, ctx(limited))).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 7 });
    expect(await inner.readAll()).toEqual([]);
    // A command that is wrong anyway says what is wrong, not "slow down".
    await expect(service.create({ ...intake, channel: 'pigeon' } as never, ctx(limited))).rejects.toBeInstanceOf(InvalidCommandError);
    await expect(
      service.execute({ type: 'AcknowledgeComplaint', complaintId: '00000000-0000-4000-8000-000000000000' }, ctx(limited)),
    ).rejects.toBeInstanceOf(ComplaintNotFoundError);
  });

  it('shares a snapshot cache but never trusts it over the store', async () => {
    const cache = new CaseSnapshotCache();
    const inner = new InMemoryEventStore();
    const a = new ComplaintCommandService(inner, { now: () => NOW, cache });
    const b = new ComplaintCommandService(inner, { now: () => NOW });
    const { id } = await a.create(intake, ctx());
    await b.execute({ type: 'AcknowledgeComplaint', complaintId: id }, ctx());
    expect((await a.execute({ type: 'AssignComplaint', complaintId: id, team: 't' }, ctx())).revision).toBe(2);
  });
});

describe('idempotency helpers', () => {
  it('uuidV5 matches the RFC 9562 test vector', () => {
    // RFC 9562 A.4: v5 of "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});

let otherSeq = 0;
/** An escalation by "someone else" (a level must follow the last one, so the caller passes it). */
function otherWriterEvent(complaintId: string, level: number): EventToAppend {
  return {
    id: uuidV5(`other-${otherSeq++}-${Date.now()}`),
    type: 'ComplaintEscalated',
    data: { reason: 'other writer', level },
    metadata: { actor: 'other', correlationId: 'c', causationId: 'c', occurredAt: NOW.toISOString(), complaintId, schemaVersion: 1 },
  };
}

function withdrawal(complaintId: string): EventToAppend {
  return {
    id: uuidV5(`withdraw-${otherSeq++}-${Date.now()}`),
    type: 'ComplaintWithdrawn',
    data: {},
    metadata: { actor: 'other', correlationId: 'c', causationId: 'c', occurredAt: NOW.toISOString(), complaintId, schemaVersion: 1 },
  };
}
