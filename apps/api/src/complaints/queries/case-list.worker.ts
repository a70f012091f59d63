// The case-list projection on its own thread (PostgreSQL mode): reading the store's events,
// folding them into rows and writing those is steady work that would otherwise share the event
// loop with every HTTP request. Started by WorkerCaseList; talks to it by messages only.
import { parentPort, workerData } from 'node:worker_threads';
import { Pool } from 'pg';
import { CaseListRunner, pgPoolDatabase, SqlCaseListStore } from '@complaint-ledger/case-list-projection';
import { openPostgresEventStore } from '@complaint-ledger/event-store-postgres';
import type { CaseListWorkerData, FromCaseListWorker, ToCaseListWorker } from './case-list-worker-protocol';

const RESTART_DELAY_MS = 1_000;

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('case-list.worker must run as a worker thread');
  const data = workerData as CaseListWorkerData;
  const post = (message: FromCaseListWorker) => port.postMessage(message);

  const events = await openPostgresEventStore({ connectionString: data.url, schema: data.eventSchema, maxConnections: 2 });
  const pool = new Pool({ connectionString: data.url, max: 2 });
  pool.on('error', () => undefined);
  const store = new SqlCaseListStore(pgPoolDatabase(pool, true), { schema: data.projectionsSchema });
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  const runner: CaseListRunner = new CaseListRunner(events, store, {
    batchSize: data.batchSize,
    onCommit: (info) => post({ type: 'commit', ...info }),
    onError: (error) => {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error), restartInMs: RESTART_DELAY_MS });
      const restart = () => {
        if (stopping) return;
        restartTimer = setTimeout(() => runner.start().catch(restart), RESTART_DELAY_MS);
      };
      restart();
    },
  });

  port.on('message', (message: ToCaseListWorker) => {
    if (message.type !== 'stop') return;
    stopping = true;
    clearTimeout(restartTimer);
    void (async () => {
      await runner.stop();
      await Promise.allSettled([events.close(), store.close()]);
      post({ type: 'stopped', position: runner.position });
      port.close();
    })();
  });

  await runner.start();
  post({ type: 'started', position: runner.position });
}

main().catch((error: unknown) => {
  parentPort?.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromCaseListWorker);
  process.exitCode = 1;
});
