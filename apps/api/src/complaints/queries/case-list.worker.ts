// The case-list projection on its own thread (PostgreSQL mode): reading the store's events,
// folding them into rows and writing those is steady work that would otherwise share the event
// loop with every HTTP request. Started by WorkerCaseList; talks to it by messages only.
//
// Several API instances may share one database. Exactly one of them projects (the leader, holding
// a session advisory lock on a connection of its own); the others stand by, follow the committed
// checkpoint so X-Min-Position works on every instance, and take over when the leader's session
// ends (its process died, or the network split it off). Each leadership is a numbered term:
// anything an older term started checks the number after every await and backs out, so a lost
// lock never leaves a runner writing. As a last fence, the checkpoint only moves forward.
import { parentPort, workerData } from 'node:worker_threads';
import { Client, Pool } from 'pg';
import { CaseListRunner, SqlCaseListStore } from '@complaint-ledger/case-list-projection';
import { pgPoolDatabase } from '@complaint-ledger/sql-kit';
import type { EventStore, GlobalPosition } from '@complaint-ledger/event-store';
import { openPostgresEventStore } from '@complaint-ledger/event-store-postgres';
import { leaderLockKey, type CaseListWorkerData, type FromCaseListWorker, type ToCaseListWorker } from './case-list-worker-protocol';

const RESTART_DELAY_MS = 1_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;
const LIVE_COMMIT_INTERVAL_MS = 50;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('case-list.worker must run as a worker thread');
  const data = workerData as CaseListWorkerData;
  const post = (m: FromCaseListWorker) => port.postMessage(m);
  const lockKey = leaderLockKey(data.projectionsSchema);

  const pool = new Pool({ connectionString: data.url, max: 2 });
  pool.on('error', () => undefined);
  const store = new SqlCaseListStore(pgPoolDatabase(pool, true), { schema: data.projectionsSchema });

  let stopping = false;
  /** Incremented on every change of leadership; work of an older term backs out. */
  let term = 0;
  let leader: { term: number; connection: Client; events?: EventStore; runner?: CaseListRunner; heartbeat?: NodeJS.Timeout } | undefined;
  let standbyTimer: NodeJS.Timeout | undefined;
  let standbyLoop = false;
  let followed: GlobalPosition | 'start' = 'start';
  let started = false;
  const announceStarted = (position: GlobalPosition | 'start', role: 'leader' | 'standby') => {
    if (started) return;
    started = true;
    post({ type: 'started', position, role });
  };

  /** The lock, on a connection of its own (the lock lives as long as that session), or undefined. */
  const tryLock = async (): Promise<Client | undefined> => {
    const client = new Client({ connectionString: data.url, keepAlive: true });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS ok', [lockKey]);
      if (rows[0]?.ok) return client;
    } catch {
      // database unreachable: stay standby and try again later
    }
    await client.end().catch(() => undefined);
    return undefined;
  };

  const lead = async (connection: Client): Promise<void> => {
    const mine = ++term;
    const current: NonNullable<typeof leader> = { term: mine, connection };
    leader = current;
    const stillMine = () => !stopping && term === mine;
    connection.once('end', () => void stepDown(mine, 'lost the leader connection'));
    // A session that died without a FIN (network split) is found by a query that fails or hangs.
    current.heartbeat = setInterval(() => {
      const timeout = new Promise((_, fail) => setTimeout(() => fail(new Error('no answer')), HEARTBEAT_TIMEOUT_MS).unref());
      Promise.race([connection.query('SELECT 1'), timeout]).catch(
        (error: unknown) => void stepDown(mine, `leader connection check failed: ${message(error)}`),
      );
    }, data.takeOverEveryMs);
    try {
      const events = await openPostgresEventStore({ connectionString: data.url, schema: data.eventSchema, maxConnections: 2 });
      current.events = events;
      if (!stillMine()) return void (await events.close());
      const runner: CaseListRunner = new CaseListRunner(events, store, {
        batchSize: data.batchSize,
        // Woken by every commit (LISTEN/NOTIFY), a busy store would otherwise cost a read and a
        // commit every 25 ms; 50 ms halves the projection's database work, and an idle store
        // still wakes it at once.
        liveCommitIntervalMs: LIVE_COMMIT_INTERVAL_MS,
        onCommit: (info) => post({ type: 'commit', ...info }),
        onError: (error) => {
          post({ type: 'error', message: message(error), restartInMs: RESTART_DELAY_MS });
          const restart = () => {
            if (!stillMine()) return;
            setTimeout(() => {
              if (stillMine()) runner.start().catch(restart);
            }, RESTART_DELAY_MS).unref();
          };
          restart();
        },
      });
      current.runner = runner;
      await runner.start();
      if (!stillMine()) return;
      // 'start' right after start: an empty store, or a rebuild for a new projection version.
      if (runner.position === 'start') post({ type: 'reset' });
      post({ type: 'role', role: 'leader', position: runner.position });
      announceStarted(runner.position, 'leader');
    } catch (error) {
      await stepDown(mine, message(error));
    }
  };

  /** Ends term `which` (once): drops what its runner had not committed, releases the lock, stands by. */
  const stepDown = async (which: number, reason: string): Promise<void> => {
    if (term !== which || leader?.term !== which) return;
    const was = leader;
    leader = undefined;
    term++;
    clearInterval(was.heartbeat);
    was.connection.removeAllListeners('end');
    if (!stopping) post({ type: 'error', message: `case-list leader stepping down: ${reason}`, restartInMs: data.takeOverEveryMs });
    await was.runner?.stop({ flush: false }).catch(() => undefined);
    await was.events?.close().catch(() => undefined);
    await was.connection.end().catch(() => undefined);
    if (!stopping) standBy();
  };

  /** Standby: follow the leader's committed checkpoint; try to take over every takeOverEveryMs. One loop at most. */
  const standBy = (): void => {
    if (standbyLoop || stopping) return;
    standbyLoop = true;
    post({ type: 'role', role: 'standby', position: followed });
    let lastAttempt = Date.now();
    const tick = async () => {
      if (stopping) return void (standbyLoop = false);
      const checkpoint = await store.readCheckpoint().catch(() => undefined);
      if (stopping) return void (standbyLoop = false);
      if (checkpoint !== undefined) {
        const position = checkpoint?.position ?? 'start';
        if (position !== followed) {
          if (position === 'start') post({ type: 'reset' });
          else post({ type: 'position', position });
          followed = position;
        }
        announceStarted(position, 'standby');
      }
      if (Date.now() - lastAttempt >= data.takeOverEveryMs) {
        lastAttempt = Date.now();
        const connection = await tryLock();
        if (connection && stopping) {
          await connection.end().catch(() => undefined);
          return void (standbyLoop = false);
        }
        if (connection) {
          standbyLoop = false;
          await lead(connection);
          return;
        }
      }
      standbyTimer = setTimeout(() => void tick(), data.followEveryMs);
    };
    void tick();
  };

  port.on('message', (m: ToCaseListWorker) => {
    if (m.type !== 'stop' || stopping) return;
    void (async () => {
      // A clean stop commits what the leader received, then lets go of everything.
      const was = leader;
      await was?.runner?.stop().catch(() => undefined);
      stopping = true;
      clearTimeout(standbyTimer);
      const position = was?.runner?.position ?? followed;
      if (was) await stepDown(was.term, 'stopping');
      await store.close().catch(() => undefined);
      post({ type: 'stopped', position });
      port.close();
    })();
  });

  await store.migrate();
  const connection = await tryLock();
  if (connection) await lead(connection);
  else standBy();
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'failed', message: message(error) } satisfies FromCaseListWorker);
  // Ends this thread only (process.exit in a worker stops the worker), with whatever it held.
  process.exit(1);
});
