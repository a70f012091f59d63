import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { makeEvent } from '@complaint-ledger/event-store-conformance';
import { describeWithPostgres, useFreshSchema } from '@complaint-ledger/test-engines';
import { schemaNames } from '@complaint-ledger/event-store-sql';
import { testOnlySwitch } from '@complaint-ledger/event-store';
import { openPostgresEventStore } from './postgres-event-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const GROWTH = 20_000;
const genericPlans = testOnlySwitch('EVENT_STORE_UNSAFE', process.env) === 'generic-plans';

/**
 * An append must cost the same in a young store and in a grown one. plpgsql caches a generic
 * plan per statement; made while the table held a page of rows, the plan of the idempotency
 * check (`event_id = ANY (p_ids)`) is a sequential scan, and it stayed cached until the next
 * ANALYZE: every append then read the whole table. The HTTP bench showed it as one PostgreSQL
 * backend at 92% CPU and a third of the throughput, depending on when autovacuum ran.
 *
 * Protection: `SET enable_seqscan = off` on the append function. Seen failing
 * with it off: EVENT_STORE_UNSAFE=generic-plans npx nx run event-store-postgres:integration
 * (about 20 full scans of the grown table, 400,000+ rows read instead of a few hundred).
 */
describeWithPostgres('PostgreSQL append plans as the store grows', (getUrl) => {
  const schema = useFreshSchema(getUrl, 'append_plan');

  it('keeps appending through the indexes after the table has grown without an ANALYZE', async () => {
    const names = schemaNames(schema().schema);
    // One connection, so the plans cached while the table was young are the ones used later.
    const store = await openPostgresEventStore({ connectionString: getUrl(), schema: schema().schema, maxConnections: 1 });
    const admin = new Client({ connectionString: getUrl() });
    await admin.connect();
    try {
      if (genericPlans) await admin.query(`ALTER FUNCTION ${names.appendFunction} RESET enable_seqscan`);
      // No autovacuum: an ANALYZE would invalidate the cached plans and hide the problem.
      await admin.query(`ALTER TABLE ${names.events} SET (autovacuum_enabled = false)`);

      for (let i = 0; i < 40; i++) await store.appendToStream(`complaint-${randomUUID()}`, [makeEvent()], 'no_stream');
      await admin.query(
        `INSERT INTO ${names.events} (stream_name, stream_revision, event_id, event_type, data, metadata)
         SELECT 'complaint-bulk-' || g, 0, gen_random_uuid(), 'Bulk', '{}', '{}' FROM generate_series(1, ${GROWTH}) g`,
      );
      for (let i = 0; i < 20; i++) await store.appendToStream(`complaint-${randomUUID()}`, [makeEvent()], 'no_stream');
    } finally {
      await store.close();
    }

    // A backend reports its table statistics when it exits: wait until the store's has.
    const stats = async () =>
      (
        await admin.query<{ seq_tup_read: string; n_tup_ins: string }>(
          `SELECT seq_tup_read, n_tup_ins FROM pg_stat_user_tables WHERE schemaname = $1 AND relname = 'events'`,
          [schema().schema],
        )
      ).rows[0];
    const deadline = Date.now() + 10_000;
    let row = await stats();
    while (Number(row?.n_tup_ins) < GROWTH + 60 && Date.now() < deadline) {
      await sleep(100);
      row = await stats();
    }
    await admin.end();
    expect(Number(row?.n_tup_ins)).toBe(GROWTH + 60);
    // A single full scan of the grown table would read GROWTH rows.
    expect(Number(row?.seq_tup_read)).toBeLessThan(GROWTH);
  });
});
