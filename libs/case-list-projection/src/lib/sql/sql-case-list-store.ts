import { createHash } from 'node:crypto';
import { CASE_LIST_PROJECTION, type CaseListRow } from '../case-list-row';
import type { CaseListCheckpoint, CaseListFilter, CaseListPage, CaseListQuery, CaseListStore } from '../case-list-store';
import type { SqlDatabase, SqlQueryable } from '@complaint-ledger/sql-kit';

export interface SqlCaseListStoreOptions {
  /** Schema of the projection's tables (created if missing), beside the event store's. Default "projections". */
  schema?: string;
  /**
   * TEST ONLY: switches the exactly-once protection off, to see the crash test fail. Rows are
   * committed in one transaction without the revision guard, the checkpoint in a second one
   * `gapMs` later; a crash in between makes the restarted runner apply those events again.
   */
  unsafeSplitCommit?: { gapMs: number };
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Column name, TS field, SQL type. Instants are epoch ms in bigint (exact, same on both engines). */
const COLUMNS = [
  ['id', 'id', 'text COLLATE "C" PRIMARY KEY'],
  ['state', 'state', 'text NOT NULL'],
  ['step', 'step', 'integer NOT NULL'],
  ['customer_id', 'customerId', 'text NOT NULL'],
  ['channel', 'channel', 'text NOT NULL'],
  ['urgency', 'urgency', 'text NOT NULL'],
  ['category', 'category', 'text'],
  ['team', 'team', 'text'],
  ['agent', 'agent', 'text'],
  ['remedy', 'remedy', 'text'],
  ['received_at_ms', 'receivedAtMs', 'bigint NOT NULL'],
  ['acknowledged_at_ms', 'acknowledgedAtMs', 'bigint'],
  ['resolved_at_ms', 'resolvedAtMs', 'bigint'],
  ['closed_at_ms', 'closedAtMs', 'bigint'],
  ['withdrawn_at_ms', 'withdrawnAtMs', 'bigint'],
  ['escalation_level', 'escalationLevel', 'integer NOT NULL'],
  ['reopen_count', 'reopenCount', 'integer NOT NULL'],
  ['acknowledge_due_at_ms', 'acknowledgeDueAtMs', 'bigint NOT NULL'],
  ['resolve_budget_ms', 'resolveBudgetMs', 'bigint NOT NULL'],
  ['resolve_consumed_ms', 'resolveConsumedMs', 'bigint NOT NULL'],
  ['resolve_running_since_ms', 'resolveRunningSinceMs', 'bigint'],
  ['resolve_due_at_ms', 'resolveDueAtMs', 'bigint'],
  ['resolve_paused', 'resolvePaused', 'boolean NOT NULL'],
  ['acknowledge_breached_known', 'acknowledgeBreachedKnown', 'boolean NOT NULL'],
  ['resolve_breached_known', 'resolveBreachedKnown', 'boolean NOT NULL'],
  ['missed_deadlines', 'missedDeadlines', 'text NOT NULL'],
  ['revision', 'revision', 'integer NOT NULL'],
  ['event_count', 'eventCount', 'integer NOT NULL'],
  ['last_position', 'lastPosition', 'text NOT NULL'],
  ['last_occurred_at_ms', 'lastOccurredAtMs', 'bigint NOT NULL'],
] as const satisfies readonly (readonly [string, keyof CaseListRow, string])[];

type Column = (typeof COLUMNS)[number];
const isBigint = (c: Column) => c[2].startsWith('bigint');

/** SELECT list: bigint as float8 so both drivers hand back JS numbers (ms values are < 2^53). */
const SELECT_LIST = COLUMNS.map((c) => (isBigint(c) ? `${c[0]}::float8 AS ${c[0]}` : c[0])).join(', ');

/**
 * Breached at $now: the same rule as `isBreachedAt` (and the domain's `deadlinesAt`). `$now` is
 * a parameter, not now(), so the instant is the API's and tests can fix it.
 */
const breachedSql = (now: string) =>
  `(acknowledge_breached_known OR resolve_breached_known OR (acknowledged_at_ms IS NULL AND ${now} > acknowledge_due_at_ms) OR (resolve_due_at_ms IS NOT NULL AND ${now} > resolve_due_at_ms))`;

function toRecord(row: CaseListRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, field] of COLUMNS) out[column] = field === 'missedDeadlines' ? row.missedDeadlines.join(',') : row[field];
  return out;
}

function fromRecord(record: Record<string, unknown>): CaseListRow {
  const out: Record<string, unknown> = {};
  for (const [column, field] of COLUMNS) {
    const value = record[column];
    out[field] = field === 'missedDeadlines' ? (value === '' ? [] : String(value).split(',')) : value;
  }
  return out as unknown as CaseListRow;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The case list in PostgreSQL or PGlite (same SQL), in its own schema. */
export class SqlCaseListStore implements CaseListStore {
  private readonly t: { schema: string; rows: string; checkpoints: string; lockKey: string };

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: SqlCaseListStoreOptions = {},
  ) {
    const schema = options.schema ?? 'projections';
    if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}": lower-case letters, digits and _ only`);
    const lockKey = createHash('sha256').update(`complaint-ledger/case-list/${schema}`).digest().readBigInt64BE(0).toString();
    this.t = { schema: `"${schema}"`, rows: `"${schema}".case_list`, checkpoints: `"${schema}".projection_checkpoints`, lockKey };
  }

  async migrate(): Promise<void> {
    const { schema, rows, checkpoints, lockKey } = this.t;
    const keyset = 'received_at_ms DESC, id DESC';
    await this.db.exec(`
BEGIN;
SELECT pg_advisory_xact_lock(${lockKey});
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${rows} (
  ${COLUMNS.map(([column, , type]) => `${column} ${type}`).join(',\n  ')}
);
CREATE INDEX IF NOT EXISTS case_list_keyset_idx ON ${rows} (${keyset});
CREATE INDEX IF NOT EXISTS case_list_state_idx ON ${rows} (state, ${keyset});
CREATE INDEX IF NOT EXISTS case_list_customer_idx ON ${rows} (customer_id, ${keyset});
CREATE INDEX IF NOT EXISTS case_list_category_idx ON ${rows} (category, ${keyset});
CREATE TABLE IF NOT EXISTS ${checkpoints} (
  name text PRIMARY KEY,
  version integer NOT NULL,
  position text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMIT;`);
  }

  async readCheckpoint(): Promise<CaseListCheckpoint | null> {
    const rows = await this.db.query(`SELECT version, position FROM ${this.t.checkpoints} WHERE name = $1`, [CASE_LIST_PROJECTION.name]);
    const row = rows[0];
    if (!row) return null;
    return { version: Number(row['version']), position: row['position'] === null ? 'start' : String(row['position']) };
  }

  async getRows(ids: readonly string[]): Promise<Map<string, CaseListRow>> {
    const found = new Map<string, CaseListRow>();
    if (ids.length === 0) return found;
    const rows = await this.db.query(`SELECT ${SELECT_LIST} FROM ${this.t.rows} WHERE id = ANY($1::text[])`, [[...ids]]);
    for (const record of rows) {
      const row = fromRecord(record);
      found.set(row.id, row);
    }
    return found;
  }

  async commit(rows: readonly CaseListRow[], checkpoint: CaseListCheckpoint): Promise<void> {
    const unsafe = this.options.unsafeSplitCommit;
    if (unsafe) {
      await this.db.transaction((tx) => this.upsert(tx, rows, false));
      await sleep(unsafe.gapMs);
      await this.db.transaction((tx) => this.saveCheckpoint(tx, checkpoint));
      return;
    }
    await this.db.transaction(async (tx) => {
      // The list is rebuildable from the event store and rows travel with their checkpoint, so a
      // crash that loses the last commits only replays them. Not waiting for the WAL flush halves
      // the fsyncs the event store's appends compete with.
      await tx.query('SET LOCAL synchronous_commit TO OFF');
      await this.upsert(tx, rows, true);
      await this.saveCheckpoint(tx, checkpoint);
    });
  }

  private async upsert(tx: SqlQueryable, rows: readonly CaseListRow[], guard: boolean): Promise<void> {
    if (rows.length === 0) return;
    const updates = COLUMNS.filter(([c]) => c !== 'id')
      .map(([c]) => `${c} = excluded.${c}`)
      .join(', ');
    await tx.query(
      `INSERT INTO ${this.t.rows} AS t SELECT * FROM json_populate_recordset(NULL::${this.t.rows}, $1::json)
       ON CONFLICT (id) DO UPDATE SET ${updates}${guard ? ' WHERE t.revision < excluded.revision' : ''}`,
      [JSON.stringify(rows.map(toRecord))],
    );
  }

  /**
   * Forward only within a version: a projector that lost its leadership without noticing (a
   * network split) and commits late cannot rewind the checkpoint; its rows are already held back
   * by the revision guard. A reset (position NULL) or a new version always lands. Positions
   * compare as strings (the port's rule), hence COLLATE "C".
   */
  private async saveCheckpoint(tx: SqlQueryable, checkpoint: CaseListCheckpoint): Promise<void> {
    const c = this.t.checkpoints;
    await tx.query(
      `INSERT INTO ${c} AS c (name, version, position, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = excluded.position, updated_at = now()
       WHERE excluded.position IS NULL OR c.position IS NULL OR c.version <> excluded.version
          OR excluded.position COLLATE "C" > c.position COLLATE "C"`,
      [CASE_LIST_PROJECTION.name, checkpoint.version, checkpoint.position === 'start' ? null : checkpoint.position],
    );
  }

  async reset(version: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      // DELETE, not TRUNCATE: transactional on both engines and takes no ACCESS EXCLUSIVE lock
      // that would block readers for the whole rebuild.
      await tx.query(`DELETE FROM ${this.t.rows}`);
      await this.saveCheckpoint(tx, { position: 'start', version });
    });
  }

  private where(filter: CaseListFilter & { nowMs: number }, params: unknown[]): string[] {
    const clauses: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.state !== undefined) clauses.push(`state = ${param(filter.state)}`);
    if (filter.customerId !== undefined) clauses.push(`customer_id = ${param(filter.customerId)}`);
    if (filter.category !== undefined) clauses.push(`category = ${param(filter.category)}`);
    if (filter.urgency !== undefined) clauses.push(`urgency = ${param(filter.urgency)}`);
    if (filter.breached !== undefined) {
      const expr = breachedSql(`${param(filter.nowMs)}::bigint`);
      clauses.push(filter.breached ? expr : `NOT ${expr}`);
    }
    return clauses;
  }

  async query(q: CaseListQuery): Promise<CaseListPage> {
    const params: unknown[] = [];
    const clauses = this.where(q, params);
    if (q.after) {
      params.push(q.after.receivedAtMs, q.after.id);
      const r = `$${params.length - 1}::bigint`;
      const i = `$${params.length}::text`;
      clauses.push(`(received_at_ms < ${r} OR (received_at_ms = ${r} AND id < ${i}))`);
    }
    params.push(q.limit + 1);
    const sql = `SELECT ${SELECT_LIST} FROM ${this.t.rows}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}
      ORDER BY received_at_ms DESC, id DESC LIMIT $${params.length}`;
    const rows = (await this.db.query(sql, params)).map(fromRecord);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page.at(-1);
    return { rows: page, next: more && last ? { receivedAtMs: last.receivedAtMs, id: last.id } : null };
  }

  async count(filter: CaseListFilter & { nowMs: number }): Promise<number> {
    const params: unknown[] = [];
    const clauses = this.where(filter, params);
    const rows = await this.db.query(
      `SELECT count(*)::float8 AS n FROM ${this.t.rows}${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`,
      params,
    );
    return Number(rows[0]?.['n'] ?? 0);
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
