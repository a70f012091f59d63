import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { testOnlySwitch, type RecordedEvent } from '@complaint-ledger/event-store';
import { makeEvent } from '@complaint-ledger/event-store-conformance';
import { describeWithPostgres, useFreshSchema } from '@complaint-ledger/test-engines';
import { openPostgresEventStore } from './postgres-event-store';
import { appendSql, schemaNames } from '@complaint-ledger/event-store-sql';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The skipped-row trap, made to happen: T1 takes the smaller position but commits after T2,
 * while a catch-up subscription polls in between.
 *
 * Protection: the advisory lock in append_events. Seen failing with it off:
 *   EVENT_STORE_UNSAFE=no-append-lock npx nx run event-store-postgres:integration
 * T2 then commits first, the reader moves its checkpoint past T1's position, and T1's event is
 * never delivered: "Expected: [a, b], Received: [b]".
 */
describeWithPostgres('PostgreSQL catch-up subscription and late-committing transactions', (getUrl) => {
  const schema = useFreshSchema(getUrl, 'skipped_row');
  const appendLock = testOnlySwitch('EVENT_STORE_UNSAFE', process.env) !== 'no-append-lock';

  it('never skips an event whose transaction took a smaller position but committed later', async () => {
    const store = await openPostgresEventStore({ connectionString: getUrl(), schema: schema().schema, unsafeAppendLock: appendLock });
    const t1 = new Client({ connectionString: getUrl() });
    const t2 = new Client({ connectionString: getUrl() });
    await Promise.all([t1.connect(), t2.connect()]);
    const seen: RecordedEvent[] = [];
    const start = (await store.appendToStream(`marker-${randomUUID()}`, [makeEvent()], 'no_stream')).position;
    const subscription = store.subscribeToAll({ fromPosition: start, onEvent: (event) => void seen.push(event) });
    const sql = appendSql(schemaNames(schema().schema));
    const params = (event: ReturnType<typeof makeEvent>) => [
      `stream-${randomUUID()}`,
      -2, // expected: any
      [event.id],
      [event.type],
      [JSON.stringify(event.data)],
      [JSON.stringify(event.metadata)],
      appendLock,
    ];
    const a = makeEvent({ name: 'a' });
    const b = makeEvent({ name: 'b' });
    try {
      await t1.query('BEGIN');
      const first = await t1.query({ text: sql, values: params(a), rowMode: 'array' }); // position p, not committed
      await t2.query('BEGIN');
      const secondAppend = t2.query({ text: sql, values: params(b), rowMode: 'array' });
      const secondReturned = await Promise.race([secondAppend.then(() => true), sleep(300).then(() => false)]);
      if (secondReturned) await t2.query('COMMIT'); // without the lock: p + 1 is committed first
      await sleep(300); // the subscription polls (every 50 ms) while T1 is still open
      await t1.query('COMMIT');
      const second = await secondAppend;
      if (!secondReturned) await t2.query('COMMIT');

      expect(Number(second.rows[0][4])).toBeGreaterThan(Number(first.rows[0][4])); // T1 holds the smaller position
      const deadline = Date.now() + 3000;
      while (seen.length < 2 && Date.now() < deadline) await sleep(20);
      await sleep(200);
      expect(seen.map((e) => e.data['name'])).toEqual(['a', 'b']);
      expect(secondReturned).toBe(false); // with the lock, T2 waited for T1's commit
    } finally {
      await subscription.stop();
      await Promise.all([t1.end(), t2.end(), store.close()]);
    }
  });
});
