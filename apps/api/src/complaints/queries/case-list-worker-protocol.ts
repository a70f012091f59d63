import { createHash } from 'node:crypto';
import type { GlobalPosition } from '@complaint-ledger/event-store';

/** The session advisory lock whose holder projects the case list in this schema (bigint, as text). */
export function leaderLockKey(projectionsSchema: string): string {
  return createHash('sha256').update(`complaint-ledger/case-list-leader/${projectionsSchema}`).digest().readBigInt64BE(0).toString();
}

/** What the case-list worker thread is started with. */
export interface CaseListWorkerData {
  url: string;
  eventSchema?: string;
  projectionsSchema: string;
  batchSize: number;
  /** Standby: how often the leader's checkpoint is read (ms). */
  followEveryMs: number;
  /** Standby: how often it tries to take the leader lock (ms). */
  takeOverEveryMs: number;
}

export type ToCaseListWorker = { type: 'stop' };

export type CaseListRole = 'leader' | 'standby';

export type FromCaseListWorker =
  /** Ready: as leader migrated, checkpoint read, subscribed; as standby following the leader's checkpoint. */
  | { type: 'started'; position: GlobalPosition | 'start'; role: CaseListRole }
  /** The worker became leader or standby (also after a take-over or a step-down). */
  | { type: 'role'; role: CaseListRole; position: GlobalPosition | 'start' }
  /** Leader: a batch committed. */
  | { type: 'commit'; events: number; rows: number; position: GlobalPosition; seconds: number }
  /** Standby: the leader's committed checkpoint moved (forward). */
  | { type: 'position'; position: GlobalPosition }
  /** The list starts over (a rebuild for a new projection version): nothing is reflected yet. */
  | { type: 'reset' }
  /** The runner failed or leadership was lost; the worker recovers by itself after restartInMs. */
  | { type: 'error'; message: string; restartInMs: number }
  /** Could not start at all (the thread then ends). */
  | { type: 'failed'; message: string }
  | { type: 'stopped'; position: GlobalPosition | 'start' };
