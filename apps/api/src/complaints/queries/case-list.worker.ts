// The case-list projection on its own thread (PostgreSQL mode): reading the store's events,
// folding them into rows and writing those is steady work that would otherwise share the event
// loop with every HTTP request. Started by WorkerCaseList; talks to it by messages only.
//
// Several API instances may share one database. Exactly one of them projects (the leader, holding
// a session advisory lock on a connection of its own); the others stand by, follow the committed
// checkpoint so X-Min-Position works on every instance, and take over when the leader's
// connection goes (its process died, or the network split it off).
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { Client, Pool } from 'pg';
import { CaseListRunner, pgPoolDatabase, SqlCaseListStore } from '@complaint-ledger/case-list-projection';
import type { EventStore, GlobalPosition } from '@complaint-ledger/event-store';
import { openPostgresEventStore } from '@complaint-ledger/event-store-postgres';
import type { CaseListWorkerData, FromCaseListWorker, ToCaseListWorker } from './case-list-worker-protocol';

const RESTART_DELAY_MS = 1_000;

function leaderLockKey(projectionsSchema: string): string {
  return createHash('sha256').update(`complaint-ledger/case-list-leader/${projectionsSchema}`).digest().readBigInt64BE(0).toString();
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('case-list.worker must run as a worker thread');
  const data = workerData as CaseListWorkerData;
  const post = (message: FromCaseListWorker) => port.postMessage(message);
  const lockKey = leaderLockKey(data.projectionsSchema);

  const pool = new Pool({ connectionString: data.url, max: 2 });
  pool.on('error', () => undefined);
  const store = new SqlCaseListStore(pgPoolDatabase(pool, true), { schema: data.projectionsSchema });
  await store.migrate();

  let stopping = false;
  let events: EventStore | undefined;
  let runner: CaseListRunner | undefined;
  let leaderConnection: Client | undefined;
  let followTimer: NodeJS.Timeout | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let followed: GlobalPosition | 'start' = 'start';
  let started = false;
  const announceStarted = (position: GlobalPosition | 'start', role: 'leader' | 'standby') => {
    if (started) return;
    started = true;
    post({ type: 'started', position, role });
  };

  /** One attempt to become the leader: true when this worker now holds the lock. */
  const tryLead = async (): Promise<boolean> => {
    const client = new Client({ connectionString: data.url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [lockKey]);
      if (rows[0]?.ok) {
        leaderConnection = client;
        // The lock lives as long as this session: losing it means another instance may lead now.
        client.once('end', () => void stepDown('lost the leader connection'));
        return true;
      }
    } catch {
      // database unreachable: stay standby and try again later
    }
    await client.end().catch(() => undefined);
    return false;
  };

  const lead = async () => {
    events = await openPostgresEventStore({ connectionString: data.url, schema: data.eventSchema, maxConnections: 2 });
    const current: CaseListRunner = new CaseListRunner(events, store, {
      batchSize: data.batchSize,
      onCommit: (info) => post({ type: 'commit', ...info }),
      onError: (error) => {
        post({ type: 'error', message: error instanceof Error ? error.message : String(error), restartInMs: RESTART_DELAY_MS });
        const restart = () => {
          if (stopping || runner !== current) return;
          restartTimer = setTimeout(() => current.start().catch(restart), RESTART_DELAY_MS);
        };
        restart();
      },
    });
    runner = current;
    await current.start();
    post({ type: 'role', role: 'leader', position: current.position });
    announceStarted(current.position, 'leader');
  };

  /** Standby: report the leader's committed checkpoint; try to take over every followLeadMs. */
  const follow = async () => {
    const checkpoint = await store.readCheckpoint().catch(() => null);
    const position = checkpoint?.position ?? 'start';
    if (position !== followed) {
      followed = position;
      if (position !== 'start') post({ type: 'position', position });
    }
    announceStarted(position, 'standby');
  };

  const standBy = async () => {
    post({ type: 'role', role: 'standby', position: followed });
    let lastAttempt = Date.now();
    const tick = async () => {
      if (stopping) return;
      await follow();
      if (Date.now() - lastAttempt >= data.takeOverEveryMs) {
        lastAttempt = Date.now();
        if (await tryLead()) {
          await lead().catch((error: unknown) => void stepDown(error instanceof Error ? error.message : String(error)));
          return;
        }
      }
      followTimer = setTimeout(() => void tick(), data.followEveryMs);
    };
    await tick();
  };

  const stepDown = async (reason: string) => {
    if (stopping) return;
    post({ type: 'error', message: `case-list leader stepping down: ${reason}`, restartInMs: data.takeOverEveryMs });
    clearTimeout(restartTimer);
    const was = runner;
    runner = undefined;
    await was?.stop().catch(() => undefined);
    await events?.close().catch(() => undefined);
    events = undefined;
    await leaderConnection?.end().catch(() => undefined);
    leaderConnection = undefined;
    await standBy();
  };

  port.on('message', (message: ToCaseListWorker) => {
    if (message.type !== 'stop') return;
    stopping = true;
    clearTimeout(restartTimer);
    clearTimeout(followTimer);
    void (async () => {
      const position = runner?.position ?? followed;
      await runner?.stop();
      await Promise.allSettled([events?.close(), store.close(), leaderConnection?.end()]);
      post({ type: 'stopped', position: runner?.position ?? position });
      port.close();
    })();
  });

  if (await tryLead()) await lead();
  else await standBy();
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromCaseListWorker);
  process.exitCode = 1;
});
