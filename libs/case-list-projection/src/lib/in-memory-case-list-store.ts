import { isBreachedAt, type CaseListRow } from './case-list-row';
import {
  compareKeysDesc,
  type CaseListCheckpoint,
  type CaseListFilter,
  type CaseListPage,
  type CaseListQuery,
  type CaseListStore,
} from './case-list-store';

function matches(row: CaseListRow, f: CaseListFilter & { nowMs: number }): boolean {
  return (
    (f.state === undefined || row.state === f.state) &&
    (f.customerId === undefined || row.customerId === f.customerId) &&
    (f.category === undefined || row.category === f.category) &&
    (f.urgency === undefined || row.urgency === f.urgency) &&
    (f.breached === undefined || isBreachedAt(row, f.nowMs) === f.breached)
  );
}

/** For unit tests of code above the port, and the reference the SQL store is compared with. */
export class InMemoryCaseListStore implements CaseListStore {
  private rows = new Map<string, CaseListRow>();
  private checkpoint: CaseListCheckpoint | null = null;
  /** How many commits ran (tests). */
  commits = 0;

  /** `unsafeNoRevisionGuard` (TEST ONLY): let an older or equal revision overwrite a row. */
  constructor(private readonly options: { unsafeNoRevisionGuard?: boolean } = {}) {}

  async migrate(): Promise<void> {
    /* nothing to create */
  }

  async readCheckpoint(): Promise<CaseListCheckpoint | null> {
    return this.checkpoint && { ...this.checkpoint };
  }

  async getRows(ids: readonly string[]): Promise<Map<string, CaseListRow>> {
    const found = new Map<string, CaseListRow>();
    for (const id of ids) {
      const row = this.rows.get(id);
      if (row) found.set(id, structuredClone(row));
    }
    return found;
  }

  async commit(rows: readonly CaseListRow[], checkpoint: CaseListCheckpoint): Promise<void> {
    for (const row of rows) {
      const current = this.rows.get(row.id);
      if (!current || current.revision < row.revision || this.options.unsafeNoRevisionGuard) this.rows.set(row.id, structuredClone(row));
    }
    // Forward only within a version, like the SQL store.
    const current = this.checkpoint;
    const rewinds =
      current !== null &&
      current.version === checkpoint.version &&
      current.position !== 'start' &&
      checkpoint.position !== 'start' &&
      checkpoint.position <= current.position;
    if (!rewinds) this.checkpoint = { ...checkpoint };
    this.commits++;
  }

  async reset(version: number): Promise<void> {
    this.rows.clear();
    this.checkpoint = { position: 'start', version };
  }

  async query(q: CaseListQuery): Promise<CaseListPage> {
    const all = [...this.rows.values()]
      .filter((r) => matches(r, q))
      .sort(compareKeysDesc)
      .filter((r) => q.after === undefined || compareKeysDesc(r, q.after) > 0);
    const rows = all.slice(0, q.limit).map((r) => structuredClone(r));
    const last = rows.at(-1);
    return { rows, next: all.length > q.limit && last ? { receivedAtMs: last.receivedAtMs, id: last.id } : null };
  }

  async count(filter: CaseListFilter & { nowMs: number }): Promise<number> {
    return [...this.rows.values()].filter((r) => matches(r, filter)).length;
  }

  async close(): Promise<void> {
    /* nothing to release */
  }
}
