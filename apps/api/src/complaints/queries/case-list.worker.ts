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
import { Pool } from 'pg';
import { CaseListRunner, SqlCaseListStore } from '@complaint-ledger/case-list-projection';
import { LeaderLease, pgAdvisoryLeaseBackend, pgPoolDatabase, type LeaseTerm } from '@complaint-ledger/sql-kit';
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

  const pool = new Pool({ connectionString: data.url, max: 2 });
  pool.on('error', () => undefined);
  const store = new SqlCaseListStore(pgPoolDatabase(pool, true), { schema: data.projectionsSchema });

  let stopping = false;
  let followed: GlobalPosition | 'start' = 'start';
  let started = false;
  const announceStarted = (position: GlobalPosition | 'start', role: 'leader' | 'standby') => {
    if (started) return;
    started = true;
    post({ type: 'started', position, role });
  };
  /** What the current leadership term runs: its store connection and runner. */
  let leading: { term: LeaseTerm; events?: EventStore; runner?: CaseListRunner } | undefined;

  // The lease shared by every long-running follower of the store (sql-kit), on the case list's own
  // lock key: the session advisory lock on a connection of its own, numbered terms, a check that
  // steps down when the session fails or hangs (a split network).
  const lease = new LeaderLease(pgAdvisoryLeaseBackend(data.url, 'case-list', { key: leaderLockKey(data.projectionsSchema) }), {
    name: 'case-list',
    retryEveryMs: data.takeOverEveryMs,
    checkEveryMs: data.takeOverEveryMs,
    checkTimeoutMs: HEARTBEAT_TIMEOUT_MS,
    followEveryMs: data.followEveryMs,
    onRole: (role) => {
      if (!stopping && role === 'standby') post({ type: 'role', role: 'standby', position: followed });
    },
    onLead: async (term) => {
      const current: NonNullable<typeof leading> = { term };
      leading = current;
      const events = await openPostgresEventStore({ connectionString: data.url, schema: data.eventSchema, maxConnections: 2 });
      current.events = events;
      if (!term.isCurrent()) return void (await events.close());
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
            if (!term.isCurrent()) return;
            setTimeout(() => {
              if (term.isCurrent()) runner.start().catch(restart);
            }, RESTART_DELAY_MS).unref();
          };
          restart();
        },
      });
      current.runner = runner;
      await runner.start();
      if (!term.isCurrent()) return;
      // 'start' right after start: an empty store, or a rebuild for a new projection version.
      if (runner.position === 'start') post({ type: 'reset' });
      post({ type: 'role', role: 'leader', position: runner.position });
      announceStarted(runner.position, 'leader');
    },
    onStepDown: async (term, reason) => {
      const was = leading?.term === term ? leading : undefined;
      leading = undefined;
      if (!stopping) post({ type: 'error', message: `case-list leader stepping down: ${reason}`, restartInMs: data.takeOverEveryMs });
      // A leader that lost its lease drops what it had not committed; the next leader reads it again.
      await was?.runner?.stop({ flush: false }).catch(() => undefined);
      await was?.events?.close().catch(() => undefined);
    },
    // Standby: follow the leader's committed checkpoint, so X-Min-Position works on every instance.
    onStandbyTick: async () => {
      const checkpoint = await store.readCheckpoint().catch(() => undefined);
      if (stopping || checkpoint === undefined) return;
      const position = checkpoint?.position ?? 'start';
      if (position !== followed) {
        if (position === 'start') post({ type: 'reset' });
        else post({ type: 'position', position });
        followed = position;
      }
      announceStarted(position, 'standby');
    },
  });

  port.on('message', (m: ToCaseListWorker) => {
    if (m.type !== 'stop' || stopping) return;
    void (async () => {
      // A clean stop commits what the leader received, then lets go of everything.
      const was = leading;
      await was?.runner?.stop().catch(() => undefined);
      stopping = true;
      const position = was?.runner?.position ?? followed;
      await lease.stop();
      await store.close().catch(() => undefined);
      post({ type: 'stopped', position });
      port.close();
    })();
  });

  await store.migrate();
  await lease.start();
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'failed', message: message(error) } satisfies FromCaseListWorker);
  // Ends this thread only (process.exit in a worker stops the worker), with whatever it held.
  process.exit(1);
});
