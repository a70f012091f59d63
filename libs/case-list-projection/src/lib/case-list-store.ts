import type { Urgency } from '@complaint-ledger/complaint-contract';
import type { GlobalPosition } from '@complaint-ledger/event-store';
import type { CaseListRow, CaseListState } from './case-list-row';

/** Where the projection stands: the last global position applied, by which projection version. */
export interface CaseListCheckpoint {
  /** 'start' before the first event (or right after a reset). */
  position: GlobalPosition | 'start';
  version: number;
}

export interface CaseListFilter {
  state?: CaseListState;
  customerId?: string;
  category?: string;
  urgency?: Urgency;
  /** Breached as of `nowMs` (clocks running past due count, not only DeadlineMissed). */
  breached?: boolean;
}

/** Keyset position: rows are listed newest first by (receivedAtMs, id). */
export interface CaseListKey {
  receivedAtMs: number;
  id: string;
}

export interface CaseListQuery extends CaseListFilter {
  limit: number;
  /** Continue after this row (exclusive). */
  after?: CaseListKey;
  /** The instant `breached` is judged at. */
  nowMs: number;
}

export interface CaseListPage {
  rows: CaseListRow[];
  /** Key of the last row when more rows follow, else null. */
  next: CaseListKey | null;
}

/**
 * Storage of the case list. `commit` writes rows and the checkpoint in ONE transaction, so the
 * rows always reflect exactly the events up to the checkpoint; an upsert never replaces a row
 * with an older revision.
 */
export interface CaseListStore {
  /** Creates tables if needed. Idempotent. */
  migrate(): Promise<void>;
  /** null when nothing was ever written (no checkpoint row). */
  readCheckpoint(): Promise<CaseListCheckpoint | null>;
  getRows(ids: readonly string[]): Promise<Map<string, CaseListRow>>;
  commit(rows: readonly CaseListRow[], checkpoint: CaseListCheckpoint): Promise<void>;
  /** Deletes every row and sets the checkpoint to 'start' for `version` (rebuild), atomically. */
  reset(version: number): Promise<void>;
  query(query: CaseListQuery): Promise<CaseListPage>;
  count(filter: CaseListFilter & { nowMs: number }): Promise<number>;
  close(): Promise<void>;
}

/** Newest first: a before b when received later, ties broken by id descending. */
export function compareKeysDesc(a: CaseListKey, b: CaseListKey): number {
  if (a.receivedAtMs !== b.receivedAtMs) return b.receivedAtMs - a.receivedAtMs;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
