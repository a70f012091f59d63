import { createHash } from 'node:crypto';

/** Names of the objects of one event-store schema, quoted and qualified. */
export interface SchemaNames {
  schema: string;
  events: string;
  appendFunction: string;
  appendBatchFunction: string;
  /** Advisory-lock key serialising position allocation for this schema's table. */
  appendLockKey: string;
  /** NOTIFY channel raised by every committed append (wakes subscriptions in other processes). */
  notifyChannel: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function schemaNames(schema = 'public'): SchemaNames {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}": lower-case letters, digits and _ only`);
  const digest = createHash('sha256').update(`complaint-ledger/event-store/${schema}`).digest();
  const key = digest.readBigInt64BE(0);
  return {
    schema: `"${schema}"`,
    events: `"${schema}".events`,
    appendFunction: `"${schema}".append_events`,
    appendBatchFunction: `"${schema}".append_batch`,
    appendLockKey: key.toString(),
    // A channel name is at most 63 bytes; a digest keeps any schema name within that.
    notifyChannel: `complaint_ledger_events_${digest.subarray(8, 16).toString('hex')}`,
  };
}

/**
 * Idempotent migration: safe to run at every start, from several processes at once (the
 * transaction-scoped advisory lock makes concurrent runs wait for each other).
 *
 * - global_position: bigint identity, the order of readAll; see append function for why it
 *   is also commit order.
 * - data / metadata are `json`, not `jsonb`: json keeps the exact text (key order, and the
 *   \u0000 escape, which jsonb rejects), so readers get back exactly what was appended.
 */
export function migrationScript(names: SchemaNames): string {
  const { schema, events, appendLockKey } = names;
  return `
BEGIN;
SELECT pg_advisory_xact_lock(${appendLockKey});
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${events} (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream_name text NOT NULL,
  stream_revision bigint NOT NULL,
  event_id uuid NOT NULL,
  event_type text NOT NULL,
  data json NOT NULL,
  metadata json NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_name, stream_revision),
  CONSTRAINT events_event_id_key UNIQUE (event_id),
  CONSTRAINT events_stream_revision_check CHECK (stream_revision >= 0)
);
${appendFunctionDefinition(names)}
${appendBatchFunctionDefinition(names)}
COMMIT;`;
}

/** Encoding of ExpectedRevision as the function's p_expected argument. */
export const EXPECTED_NO_STREAM = -1;
export const EXPECTED_ANY = -2;
export const EXPECTED_STREAM_EXISTS = -3;

/**
 * Appends in one statement (one round trip, autocommit), so the critical section below is
 * short: lock, read head, insert, commit.
 *
 * The skipped-row trap: identity values are handed out at insert time, rows become visible at
 * commit; without the lock, T1 can take position 10, T2 position 11, T2 commit first, and a
 * catch-up reader that read 11 moves its checkpoint past 10 for good. The transaction-scoped
 * advisory lock (held until commit, released only after the commit is visible) makes
 * "allocate positions + commit" one step at a time, so positions become visible in order and
 * global_position order is commit order. p_lock = false exists for the test that shows the
 * trap (see postgres int spec); production code never passes it.
 *
 * Each statement of a VOLATILE plpgsql function takes a fresh snapshot, so the head read after
 * the lock sees every append committed before it.
 *
 * enable_seqscan = off: plpgsql caches a generic plan per statement after five calls. Made while
 * the table is young (a page or two), the generic plan of `event_id = ANY (p_ids)` is a
 * sequential scan, and it stays cached until the next ANALYZE: every append then reads the whole
 * table (an O(n) append; seen as one PostgreSQL backend at 92% CPU and a third of the throughput
 * in the HTTP bench). Every statement here is a lookup by a unique index, so a sequential scan is
 * never right; with it priced out, the cached generic plans use the indexes whatever the
 * statistics say. (force_custom_plan fixes it too, but re-plans three statements per append:
 * measured 2.6x slower for concurrent appends.)
 */
function appendFunctionDefinition({ events, appendFunction, appendLockKey, notifyChannel }: SchemaNames): string {
  return `
CREATE OR REPLACE FUNCTION ${appendFunction}(
  p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data text[], p_metadata text[], p_lock boolean
) RETURNS TABLE (r_outcome text, r_event_id uuid, r_stream text, r_revision bigint, r_position bigint, r_current bigint)
LANGUAGE plpgsql VOLATILE
SET enable_seqscan = off
AS $fn$
DECLARE
  v_current bigint;
BEGIN
  -- Ids first, outside the lock to keep the critical section short: an identical append that
  -- commits meanwhile makes our insert hit the unique event id, and the caller runs us again.
  IF EXISTS (SELECT 1 FROM ${events} e WHERE e.event_id = ANY (p_ids)) THEN
    -- Some ids are stored already: the caller decides between an idempotent retry and an error.
    SELECT max(e.stream_revision) INTO v_current FROM ${events} e WHERE e.stream_name = p_stream;
    RETURN QUERY SELECT 'existing'::text, e.event_id, e.stream_name, e.stream_revision, e.global_position, v_current
      FROM ${events} e WHERE e.event_id = ANY (p_ids);
    RETURN;
  END IF;
  IF p_lock THEN
    PERFORM pg_advisory_xact_lock(${appendLockKey});
  END IF;
  SELECT max(e.stream_revision) INTO v_current FROM ${events} e WHERE e.stream_name = p_stream;
  IF NOT (p_expected = ${EXPECTED_ANY}
       OR (p_expected = ${EXPECTED_NO_STREAM} AND v_current IS NULL)
       OR (p_expected = ${EXPECTED_STREAM_EXISTS} AND v_current IS NOT NULL)
       OR coalesce(p_expected = v_current, false)) THEN
    RETURN QUERY SELECT 'wrong_revision'::text, NULL::uuid, p_stream, NULL::bigint, NULL::bigint, v_current;
    RETURN;
  END IF;
  -- Delivered at commit only, once per transaction however many appends a batch holds.
  PERFORM pg_notify('${notifyChannel}', '');
  RETURN QUERY
    WITH inserted AS (
      INSERT INTO ${events} (stream_name, stream_revision, event_id, event_type, data, metadata)
      SELECT p_stream, coalesce(v_current, -1) + t.ord, t.id, t.type, t.data::json, t.metadata::json
        FROM unnest(p_ids, p_types, p_data, p_metadata) WITH ORDINALITY AS t(id, type, data, metadata, ord)
        ORDER BY t.ord
      RETURNING stream_revision, global_position
    )
    SELECT 'written'::text, NULL::uuid, p_stream, max(i.stream_revision), max(i.global_position), v_current FROM inserted i;
END;
$fn$;`;
}

/**
 * Several independent appends in one transaction (app-level group commit): the store sends
 * whatever appends queued up while the previous call was running. One lock acquisition and
 * one commit flush for the lot; each append still gets its own outcome (a wrong revision in
 * one does not affect the others), and later appends see earlier ones of the same batch.
 */
function appendBatchFunctionDefinition({ appendFunction, appendBatchFunction, appendLockKey }: SchemaNames): string {
  return `
CREATE OR REPLACE FUNCTION ${appendBatchFunction}(
  p_streams text[], p_expected bigint[], p_counts int[], p_ids uuid[], p_types text[], p_data text[], p_metadata text[], p_lock boolean
) RETURNS TABLE (r_append int, r_outcome text, r_event_id uuid, r_stream text, r_revision bigint, r_position bigint, r_current bigint)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_from int := 1;
  v_to int;
BEGIN
  IF p_lock THEN
    PERFORM pg_advisory_xact_lock(${appendLockKey});
  END IF;
  FOR i IN 1 .. cardinality(p_streams) LOOP
    v_to := v_from + p_counts[i] - 1;
    RETURN QUERY SELECT i, a.* FROM ${appendFunction}(
      p_streams[i], p_expected[i], p_ids[v_from:v_to], p_types[v_from:v_to], p_data[v_from:v_to], p_metadata[v_from:v_to], false) a;
    v_from := v_to + 1;
  END LOOP;
END;
$fn$;`;
}

export function appendBatchSql({ appendBatchFunction }: SchemaNames): string {
  return `SELECT r_append, r_outcome, r_event_id, r_stream, r_revision, r_position, r_current FROM ${appendBatchFunction}($1, $2, $3, $4, $5, $6, $7, $8)`;
}

const COLUMNS = 'global_position, stream_name, stream_revision, event_id, event_type, data, metadata, recorded_at';

export function readAllSql({ events }: SchemaNames, inclusive: boolean): string {
  return `SELECT ${COLUMNS} FROM ${events} WHERE global_position ${inclusive ? '>=' : '>'} $1 ORDER BY global_position LIMIT $2`;
}

/** readAllSql as one json array text (NULL when empty): see SqlEventStoreOptions.aggregateReads. */
export function readAllAggregatedSql(names: SchemaNames, inclusive: boolean): string {
  return `SELECT json_agg(json_build_array(global_position::text, stream_name, stream_revision, event_id, event_type, data, metadata, recorded_at) ORDER BY global_position)::text FROM (${readAllSql(names, inclusive)}) e`;
}

export function readStreamSql({ events }: SchemaNames, direction: 'forwards' | 'backwards'): string {
  return direction === 'forwards'
    ? `SELECT ${COLUMNS} FROM ${events} WHERE stream_name = $1 AND stream_revision >= $2 ORDER BY stream_revision LIMIT $3`
    : `SELECT ${COLUMNS} FROM ${events} WHERE stream_name = $1 AND stream_revision <= $2 ORDER BY stream_revision DESC LIMIT $3`;
}

export function appendSql({ appendFunction }: SchemaNames): string {
  return `SELECT r_outcome, r_event_id, r_stream, r_revision, r_position, r_current FROM ${appendFunction}($1, $2, $3, $4, $5, $6, $7)`;
}
