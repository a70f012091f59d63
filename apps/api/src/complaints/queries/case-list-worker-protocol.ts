import type { GlobalPosition } from '@complaint-ledger/event-store';

/** What the case-list worker thread is started with. */
export interface CaseListWorkerData {
  url: string;
  eventSchema?: string;
  projectionsSchema: string;
  batchSize: number;
}

export type ToCaseListWorker = { type: 'stop' };

export type FromCaseListWorker =
  /** Migrated, checkpoint read, subscribed: what CaseListRunner.start() resolves after. */
  | { type: 'started'; position: GlobalPosition | 'start' }
  | { type: 'commit'; events: number; rows: number; position: GlobalPosition; seconds: number }
  /** The runner failed; the worker restarts it after restartInMs. */
  | { type: 'error'; message: string; restartInMs: number }
  /** Could not start at all (the thread then ends). */
  | { type: 'failed'; message: string }
  | { type: 'stopped'; position: GlobalPosition | 'start' };
