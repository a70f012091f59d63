/**
 * Event-store benchmark: per store (PGlite, PostgreSQL) beside the raw driver doing the same
 * work, printed as JSON. Bounded to well under a minute.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/event-store/bench.ts
 *
 * PostgreSQL: TEST_DATABASE_URL / DATABASE_URL (default the local ledger_test database); it
 * works in a throw-away schema. BENCH_SCALE (default 1) multiplies the event counts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import type { EventStore, EventToAppend } from '@complaint-ledger/event-store';
import { openPgliteEventStore } from '@complaint-ledger/event-store-pglite';
import { openPostgresEventStore } from '@complaint-ledger/event-store-postgres';

const SCALE = Number(process.env['BENCH_SCALE'] ?? '1');
const SEQUENTIAL = Math.round(1500 * SCALE);
const STREAMS = 100;
const PER_STREAM = Math.round(15 * SCALE);
const READ_EVENTS = Math.round(30_000 * SCALE);

/** Same work through the raw driver: one INSERT per event, a paged SELECT. */
interface RawDriver {
  insert(row: RawRow): Promise<void>;
  readPage(after: number, limit: number): Promise<Array<[number]>>;
}
interface RawRow {
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
}

const RAW_TABLE = `CREATE TABLE IF NOT EXISTS raw_events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_name text NOT NULL, stream_revision bigint NOT NULL,
  event_id uuid NOT NULL UNIQUE, event_type text NOT NULL, data json NOT NULL, metadata json NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(), UNIQUE (stream_name, stream_revision))`;
const RAW_INSERT =
  'INSERT INTO raw_events (stream_name, stream_revision, event_id, event_type, data, metadata) VALUES ($1, $2, $3, $4, $5, $6)';
const RAW_READ = `SELECT global_position, stream_name, stream_revision, event_id, event_type, data, metadata, recorded_at
  FROM raw_events WHERE global_position > $1 ORDER BY global_position LIMIT $2`;

function event(i: number): EventToAppend {
  return {
    id: randomUUID(),
    type: 'ComplaintNoted',
    data: { complaintId: `c-${i}`, note: 'Customer called about the delayed refund', amount: 125.5, tags: ['refund', 'delay'] },
    metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'bench', occurredAt: '2024-05-01T12:00:00.000Z' },
  };
}
const rawRow = (stream: string, revision: number, i: number): RawRow => {
  const e = event(i);
  return { stream, revision, id: e.id, type: e.type, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) };
};

/** Runs `work`; returns (what it counted, or `count`) per second. */
async function timed(count: number, work: () => Promise<number | void>): Promise<number> {
  const start = process.hrtime.bigint();
  const counted = await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return Math.round((typeof counted === 'number' ? counted : count) / seconds);
}

async function storeWorkload(store: EventStore) {
  const run = randomUUID();
  const sequential = await timed(SEQUENTIAL, async () => {
    const stream = `bench-seq-${run}`;
    for (let i = 0; i < SEQUENTIAL; i++) await store.appendToStream(stream, [event(i)], i === 0 ? 'no_stream' : i - 1);
  });
  const concurrent = await timed(STREAMS * PER_STREAM, async () => {
    await Promise.all(
      Array.from({ length: STREAMS }, async (_, s) => {
        for (let i = 0; i < PER_STREAM; i++) await store.appendToStream(`bench-con-${run}-${s}`, [event(i)], i === 0 ? 'no_stream' : i - 1);
      }),
    );
  });
  // Bulk history for the read measurements (batches of 100: fast to set up, same rows).
  for (let written = 0; written < READ_EVENTS; written += 100) {
    await store.appendToStream(
      `bench-bulk-${run}-${written}`,
      Array.from({ length: 100 }, (_, i) => event(i)),
      'no_stream',
    );
  }
  let total = 0;
  const readAll = await timed(0, async () => {
    let after: string | undefined;
    for (;;) {
      const page = await store.readAll(after === undefined ? { maxCount: 1000 } : { afterPosition: after, maxCount: 1000 });
      if (page.length === 0) break;
      total += page.length;
      after = page[page.length - 1].globalPosition;
    }
    return total;
  });
  const catchUp = await timed(0, async () => {
    let seen = 0;
    await new Promise<void>((resolve, reject) => {
      const subscription = store.subscribeToAll({
        fromPosition: 'start',
        onEvent: () => void seen++,
        onCaughtUp: () => void (seen >= total && subscription.stop().then(resolve, reject)),
        onError: reject,
      });
    });
    return seen;
  });
  return {
    appendsPerSecSequentialOneStream: sequential,
    appendsPerSec100StreamsConcurrent: concurrent,
    readAllEventsPerSec: readAll,
    subscriptionCatchUpEventsPerSec: catchUp,
    eventsRead: total,
  };
}

async function rawWorkload(raw: RawDriver) {
  const run = randomUUID();
  const sequential = await timed(SEQUENTIAL, async () => {
    for (let i = 0; i < SEQUENTIAL; i++) await raw.insert(rawRow(`raw-seq-${run}`, i, i));
  });
  const concurrent = await timed(STREAMS * PER_STREAM, async () => {
    await Promise.all(
      Array.from({ length: STREAMS }, async (_, s) => {
        for (let i = 0; i < PER_STREAM; i++) await raw.insert(rawRow(`raw-con-${run}-${s}`, i, i));
      }),
    );
  });
  let total = 0;
  const read = await timed(0, async () => {
    let after = 0;
    for (;;) {
      const page = await raw.readPage(after, 1000);
      if (page.length === 0) break;
      total += page.length;
      after = Number(page[page.length - 1][0]);
    }
    return total;
  });
  return {
    appendsPerSecSequentialOneStream: sequential,
    appendsPerSec100StreamsConcurrent: concurrent,
    readAllEventsPerSec: read,
    eventsRead: total,
  };
}

type Numbers = Record<string, number>;
function ratios(store: Numbers, raw: Numbers): Numbers {
  const keys = ['appendsPerSecSequentialOneStream', 'appendsPerSec100StreamsConcurrent', 'readAllEventsPerSec'];
  return Object.fromEntries(keys.map((k) => [k, Math.round((store[k] / raw[k]) * 100) / 100]));
}

async function benchPglite() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pglite-'));
  try {
    const store = await openPgliteEventStore({ dataDir: join(dir, 'store') });
    const storeResult = await storeWorkload(store);
    await store.close();
    const db = await PGlite.create(join(dir, 'raw'));
    await db.exec(RAW_TABLE);
    // Raw read runs over as many rows as the store read: bulk-load them first.
    for (let i = 0; i < storeResult.eventsRead; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, storeResult.eventsRead - i) }, (_, k) => rawRow(`raw-bulk-${i}`, k, k));
      await db.query(
        `INSERT INTO raw_events (stream_name, stream_revision, event_id, event_type, data, metadata)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::json[], $6::json[])`,
        [
          rows.map((r) => r.stream),
          rows.map((r) => r.revision),
          rows.map((r) => r.id),
          rows.map((r) => r.type),
          rows.map((r) => r.data),
          rows.map((r) => r.metadata),
        ],
      );
    }
    const rawResult = await rawWorkload({
      insert: async (r) => void (await db.query(RAW_INSERT, [r.stream, r.revision, r.id, r.type, r.data, r.metadata])),
      readPage: async (after, limit) => (await db.query<[number]>(RAW_READ, [after, limit], { rowMode: 'array' })).rows,
    });
    await db.close();
    return { store: storeResult, raw: rawResult, ratio: ratios(storeResult, rawResult) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres() {
  const url = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'] ?? 'postgres://ledger:ledger@127.0.0.1:5432/ledger_test';
  const schema = `bench_${Date.now().toString(36)}`;
  const admin = new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 3000 });
  try {
    await admin.query('SELECT 1');
  } catch (error) {
    await admin.end();
    return { skipped: `PostgreSQL not reachable (${(error as Error).message}); start it with infra/local/postgres-up.sh` };
  }
  try {
    const store = await openPostgresEventStore({ connectionString: url, schema });
    const storeResult = await storeWorkload(store);
    await store.close();
    const pool = new Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}` });
    await pool.query(RAW_TABLE);
    await pool.query(
      `INSERT INTO raw_events (stream_name, stream_revision, event_id, event_type, data, metadata)
       SELECT stream_name || '-raw', stream_revision, gen_random_uuid(), event_type, data, metadata FROM events`,
    );
    const rawResult = await rawWorkload({
      insert: async (r) => void (await pool.query(RAW_INSERT, [r.stream, r.revision, r.id, r.type, r.data, r.metadata])),
      readPage: async (after, limit) => (await pool.query<[number]>({ text: RAW_READ, values: [after, limit], rowMode: 'array' })).rows,
    });
    await pool.end();
    return { store: storeResult, raw: rawResult, ratio: ratios(storeResult, rawResult) };
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.end();
  }
}

export async function main(): Promise<Record<string, unknown>> {
  const started = Date.now();
  const result = {
    benchmark: 'event-store',
    scale: SCALE,
    workload: { sequentialAppends: SEQUENTIAL, concurrentStreams: STREAMS, appendsPerStream: PER_STREAM, readEvents: READ_EVENTS },
    note: 'raw = the same rows through the bare driver (one INSERT per event; paged SELECT without mapping to events); ratio = store / raw',
    pglite: await benchPglite(),
    postgres: await benchPostgres(),
    seconds: 0,
  };
  result.seconds = Math.round((Date.now() - started) / 100) / 10;
  return result;
}

if (require.main === module) {
  main().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
