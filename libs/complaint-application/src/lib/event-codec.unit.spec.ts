import { createDecider } from '@complaint-ledger/complaint-domain';
import type { RecordedEvent } from '@complaint-ledger/event-store';
import { fromRecordedEvent, toStoreEvent } from './event-codec';

describe('event codec', () => {
  it('round-trips a decided event through the store shape, carrying who and why in metadata', () => {
    const d = createDecider().decide(
      createDecider().initialState,
      {
        type: 'ReceiveComplaint',
        complaintId: 'c1',
        customerId: 'u1',
        channel: 'web',
        description: 'late',
        occurredAt: '2026-01-01T10:00:00.000Z',
      },
      { now: new Date('2026-01-02T00:00:00Z') },
    );
    if (!d.ok) throw new Error('rejected');
    const stored = toStoreEvent(d.events[0], '5b0c6f1e-0000-4000-8000-000000000001', {
      actor: 'agent-1',
      correlationId: 'corr',
      causationId: 'req',
      extra: { idempotencyKey: 'k' },
    });
    expect(stored.metadata).toMatchObject({
      actor: 'agent-1',
      correlationId: 'corr',
      causationId: 'req',
      occurredAt: '2026-01-01T10:00:00.000Z',
      complaintId: 'c1',
      schemaVersion: 1,
      idempotencyKey: 'k',
    });
    const recorded: RecordedEvent = {
      ...JSON.parse(JSON.stringify(stored)),
      streamName: 'complaint-c1',
      revision: 0,
      globalPosition: '1',
      recordedAt: new Date(),
    };
    expect(fromRecordedEvent(recorded)).toEqual(d.events[0]);
  });
});
