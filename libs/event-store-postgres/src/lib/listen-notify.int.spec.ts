import { randomUUID } from 'node:crypto';
import { testOnlySwitch, type RecordedEvent } from '@complaint-ledger/event-store';
import { makeEvent } from '@complaint-ledger/event-store-conformance';
import { describeWithPostgres, useFreshSchema } from '@complaint-ledger/test-engines';
import { openPostgresEventStore } from './postgres-event-store';

/**
 * A subscription is woken by appends from other processes (here: another store object, with its
 * own pool) through LISTEN/NOTIFY, not only by the next poll. The poll interval is set to 30 s, so
 * only the notification can deliver within the test's 3 s.
 *
 * Protection: NOTIFY in the append function + LISTEN in the store. Seen failing with the listener
 * off: EVENT_STORE_UNSAFE=no-listen npx nx run event-store-postgres:integration (nothing arrives).
 */
const listenForAppends = testOnlySwitch('EVENT_STORE_UNSAFE', process.env) !== 'no-listen';

describeWithPostgres('PostgreSQL subscriptions woken across processes', (getUrl) => {
  const schema = useFreshSchema(getUrl, 'listen_notify');

  it('delivers an event appended by another store object at once, and keeps doing so', async () => {
    const reader = await openPostgresEventStore({
      connectionString: getUrl(),
      schema: schema().schema,
      pollIntervalMs: 30_000,
      listenForAppends,
    });
    const writer = await openPostgresEventStore({ connectionString: getUrl(), schema: schema().schema });
    const seen: RecordedEvent[] = [];
    let caughtUp = false;
    const subscription = reader.subscribeToAll({
      fromPosition: 'start',
      onEvent: (e) => void seen.push(e),
      onCaughtUp: () => (caughtUp = true),
    });
    try {
      const waitFor = async (n: number) => {
        const deadline = Date.now() + 3_000;
        while (seen.length < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      };
      while (!caughtUp) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 200)); // the listening connection is up
      for (let i = 1; i <= 3; i++) {
        await writer.appendToStream(`complaint-${randomUUID()}`, [makeEvent({ name: `e${i}` })], 'no_stream');
        await waitFor(i);
        expect(seen.map((e) => e.data['name'])).toEqual(Array.from({ length: i }, (_, k) => `e${k + 1}`));
      }
    } finally {
      await subscription.stop();
      await Promise.all([reader.close(), writer.close()]);
    }
  });
});
