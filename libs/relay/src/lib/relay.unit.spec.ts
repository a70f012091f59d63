import { ComplaintCommandService, type CommandContext } from '@complaint-ledger/complaint-application';
import { complaintStreamName, decodeEvent, type AnyPublicEvent } from '@complaint-ledger/complaint-contract';
import { InMemoryEventStore } from '@complaint-ledger/event-store';
import { InMemoryCheckpointStore, InMemoryCustomerRegistry, InMemoryEventPublisher } from '@complaint-ledger/ledger-ports';
import { Relay, type RelayOptions } from './relay';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const ctx = (): CommandContext => ({ subject: 'agent-7', correlationId: 'corr', causationId: 'cause', route: 'POST /complaints' });
const until = async (what: () => boolean, timeoutMs = 3_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

function setup(options: Partial<RelayOptions> = {}) {
  const store = new InMemoryEventStore();
  const registry = new InMemoryCustomerRegistry();
  const commands = new ComplaintCommandService(store, { now: () => NOW, registry });
  const publisher = new InMemoryEventPublisher();
  const checkpoints = new InMemoryCheckpointStore();
  const relay = () =>
    new Relay({ store, publisher, checkpoints, registry }, { source: 'urn:test', retryInitialMs: 5, retryMaxMs: 20, ...options });
  const lifecycle = async (customerId: string, description: string) => {
    const { id } = await commands.create(
      { customerId, channel: 'web', description, customer: { name: 'Ann Canary', email: 'ann@example.com' } },
      ctx(),
    );
    for (const cmd of [
      { type: 'AcknowledgeComplaint' as const, message: 'we are on it' },
      {
        type: 'ClassifyComplaint' as const,
        category: 'quality',
        urgency: 'urgent' as const,
        rootCause: { code: 'design', whyChain: ['staff note'] },
      },
      { type: 'ProposeSolution' as const, remedy: 'refund' as const, description: 'refund it', amount: { value: 10, currency: 'EUR' } },
    ])
      await commands.execute({ ...cmd, complaintId: id }, ctx());
    return id;
  };
  const events = () => publisher.published.map((r) => decodeEvent(r));
  return { store, registry, publisher, checkpoints, relay, lifecycle, events };
}

describe('Relay', () => {
  it('publishes every committed event in order, as the contract says, and checkpoints after the broker acknowledged', async () => {
    const s = setup({ batchSize: 3 });
    const a = await s.lifecycle('cust-a', 'my kettle leaks');
    const b = await s.lifecycle('cust-b', 'late parcel');
    const controller = new AbortController();
    const relay = s.relay();
    const running = relay.run(controller.signal);
    await until(() => s.publisher.published.length === 8);
    const all = await s.store.readAll();
    expect(await s.checkpoints.read('relay')).toBe(all.at(-1)?.globalPosition);
    expect(s.events().map((e) => e.id)).toEqual(all.map((e) => e.id));
    for (const id of [a, b])
      expect(
        s
          .events()
          .filter((e) => e.caseId === id)
          .map((e) => e.sequence),
      ).toEqual([0, 1, 2, 3]);

    // Live: a new event goes out without polling.
    await s.lifecycle('cust-a', 'again');
    await until(() => s.publisher.published.length === 12);
    expect(relay.status()).toMatchObject({ state: 'live', published: 12, pending: 0 });
    controller.abort();
    await running;
  });

  it('publishes no personal data: the customer as a registry ref, clocks after every event', async () => {
    const s = setup();
    const id = await s.lifecycle('cust-42', 'canary words');
    const controller = new AbortController();
    const running = s.relay().run(controller.signal);
    await until(() => s.publisher.published.length === 4);
    controller.abort();
    await running;
    const wire = JSON.stringify(s.publisher.published);
    for (const canary of ['cust-42', 'canary words', 'Ann Canary', 'ann@example.com', 'we are on it', 'staff note', 'refund it', 'agent-7'])
      expect(wire).not.toContain(canary);
    const [received, acknowledged, , proposed] = s.events() as AnyPublicEvent[];
    expect(received.caseId).toBe(id);
    expect(received.data).toMatchObject({ customerRef: await s.registry.lookup('cust-42'), channel: 'web' });
    expect(acknowledged.data.clocks).toEqual([
      { clock: 'acknowledge', state: 'met', breached: false },
      expect.objectContaining({ clock: 'resolve', state: 'running', dueAt: expect.any(String) }),
    ]);
    expect(proposed.data.clocks[1]).toEqual({ clock: 'resolve', state: 'paused', breached: false });
  });

  it('gives events recorded before the registry a ref from it (the backfill)', async () => {
    const s = setup();
    const bare = new ComplaintCommandService(s.store, { now: () => NOW });
    await bare.create({ customerId: 'old-customer', channel: 'phone', description: 'from before' }, ctx());
    const controller = new AbortController();
    const running = s.relay().run(controller.signal);
    await until(() => s.publisher.published.length === 1);
    controller.abort();
    await running;
    expect(s.events()[0].data).toMatchObject({ customerRef: await s.registry.lookup('old-customer') });
    expect(await s.registry.lookup('old-customer')).toEqual(expect.any(String));
  });

  it('retries a broker that fails, and loses nothing; the checkpoint waits for the acknowledgement', async () => {
    const s = setup({ batchSize: 2 });
    await s.lifecycle('c', 'd');
    s.publisher.failNext(4);
    const controller = new AbortController();
    const relay = s.relay();
    const running = relay.run(controller.signal);
    await until(() => relay.status().retries >= 1);
    expect(await s.checkpoints.read('relay')).toBeUndefined();
    await until(() => s.publisher.published.length === 4);
    expect(relay.status()).toMatchObject({ retries: 4, state: 'live' });
    controller.abort();
    await running;
  });

  it('resumes from its checkpoint after a restart: what was acknowledged is not sent again', async () => {
    const s = setup();
    await s.lifecycle('c', 'd');
    let controller = new AbortController();
    let running = s.relay().run(controller.signal);
    await until(() => s.publisher.published.length === 4);
    controller.abort();
    await running;
    await s.lifecycle('e', 'f');
    controller = new AbortController();
    running = s.relay().run(controller.signal);
    await until(() => s.publisher.published.length === 8);
    await new Promise((r) => setTimeout(r, 50));
    expect(new Set(s.events().map((e) => e.id)).size).toBe(8);
    controller.abort();
    await running;
  });

  it('stops with an error naming an event it cannot publish, and never moves past it', async () => {
    const s = setup();
    await s.lifecycle('c', 'd');
    const before = await s.store.readAll();
    await s.store.appendToStream(
      complaintStreamName('broken'),
      [
        {
          id: '11111111-1111-4111-8111-111111111111',
          type: 'ComplaintTeleported',
          data: {},
          metadata: { correlationId: 'x', causationId: 'y', actor: 'z', occurredAt: NOW.toISOString() },
        },
      ],
      'any',
    );
    const relay = s.relay();
    await relay.run(new AbortController().signal);
    expect(relay.status()).toMatchObject({ state: 'failed', lastError: expect.stringContaining('11111111-1111-4111-8111-111111111111') });
    expect(await s.checkpoints.read('relay')).toBe(before.at(-1)?.globalPosition);
    expect(s.publisher.published).toHaveLength(4);
  });
});
