import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from './in-memory-event-store';
import type { ReadAllOptions, RecordedEvent } from './types';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const event = (n: number) => ({
  id: randomUUID(),
  type: 'Numbered',
  data: { n },
  metadata: { correlationId: 'c', causationId: 'c', actor: 'test', occurredAt: new Date().toISOString() },
});

/** An in-memory store whose readAll calls are counted. */
function countingStore() {
  const store = new InMemoryEventStore();
  const reads = { count: 0 };
  const readAll = store.readAll.bind(store);
  store.readAll = (options?: ReadAllOptions) => {
    reads.count++;
    return readAll(options);
  };
  return { store, reads };
}

/** 30 appends, one every 4 ms, to a live subscription; what it saw and how often it read. */
async function trickle(liveBatchingMs: number | undefined) {
  const { store, reads } = countingStore();
  const seen: number[] = [];
  let caughtUp = false;
  const subscription = store.subscribeToAll({
    fromPosition: 'start',
    liveBatchingMs,
    onEvent: (e: RecordedEvent) => void seen.push(e.data['n'] as number),
    onCaughtUp: () => (caughtUp = true),
  });
  while (!caughtUp) await sleep(1);
  const readsBefore = reads.count;
  for (let n = 0; n < 30; n++) {
    await store.appendToStream('numbers', [event(n)], 'any');
    await sleep(4);
  }
  await sleep(150);
  await subscription.stop();
  await store.close();
  return { seen, liveReads: reads.count - readsBefore };
}

describe('polling subscription, live', () => {
  it('reads after every append by default', async () => {
    const { seen, liveReads } = await trickle(undefined);
    expect(seen).toEqual([...Array(30).keys()]);
    expect(liveReads).toBeGreaterThanOrEqual(25);
  });

  it('with liveBatchingMs, gathers appends into fewer reads and still delivers each event once, in order', async () => {
    const { seen, liveReads } = await trickle(40);
    expect(seen).toEqual([...Array(30).keys()]);
    // ~120 ms of appends at one read per 40 ms, plus the reads that find nothing new.
    expect(liveReads).toBeLessThanOrEqual(8);
  });
});

describe('polling subscription, stop', () => {
  it('does not wait out a liveBatchingMs pause', async () => {
    const { store } = countingStore();
    let caughtUp = false;
    const subscription = store.subscribeToAll({
      fromPosition: 'start',
      liveBatchingMs: 5_000,
      onEvent: () => undefined,
      onCaughtUp: () => (caughtUp = true),
    });
    while (!caughtUp) await sleep(1);
    await store.appendToStream('numbers', [event(1)], 'any'); // wakes it into the 5 s pause
    await sleep(20);
    const started = Date.now();
    await subscription.stop();
    expect(Date.now() - started).toBeLessThan(1_000);
    await store.close();
  });
});
