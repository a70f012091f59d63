// GET /complaints query string -> a validated list query, or the first problem (field + why).
import { decodeCursor, type CaseListFilter, type CaseListKey, type CaseListState } from '@complaint-ledger/case-list-projection';
import { STATE_NAMES } from '@complaint-ledger/complaint-domain';
import { URGENCIES, type Urgency } from '@complaint-ledger/complaint-contract';

export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 500;
export const LIST_STATES = STATE_NAMES.filter((s): s is CaseListState => s !== 'none');
const FIELDS = ['state', 'customerId', 'category', 'urgency', 'breached', 'limit', 'cursor'] as const;
const MAX_TEXT = 200;

export interface ListQuery extends CaseListFilter {
  limit: number;
  after?: CaseListKey;
}

export type ListQueryResult = { ok: true; query: ListQuery } | { ok: false; field: string; reason: string };

const problem = (field: string, reason: string): ListQueryResult => ({ ok: false, field, reason });

/** Each parameter at most once; unknown parameters are refused like unknown body fields. */
export function parseListQuery(raw: Record<string, unknown>): ListQueryResult {
  for (const key of Object.keys(raw)) {
    if (!(FIELDS as readonly string[]).includes(key)) return problem(key, `is not a known query parameter (known: ${FIELDS.join(', ')})`);
  }
  const values: Partial<Record<(typeof FIELDS)[number], string>> = {};
  for (const field of FIELDS) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'string') return problem(field, 'must be given once');
    values[field] = value;
  }
  const query: ListQuery = { limit: LIST_LIMIT_DEFAULT };
  if (values.state !== undefined) {
    if (!(LIST_STATES as readonly string[]).includes(values.state)) return problem('state', `must be one of ${LIST_STATES.join(', ')}`);
    query.state = values.state as CaseListState;
  }
  for (const field of ['customerId', 'category'] as const) {
    const value = values[field];
    if (value === undefined) continue;
    if (value.trim() === '' || value.length > MAX_TEXT)
      return problem(field, `must be a non-blank string of at most ${MAX_TEXT} characters`);
    query[field] = value;
  }
  if (values.urgency !== undefined) {
    if (!(URGENCIES as readonly string[]).includes(values.urgency)) return problem('urgency', `must be one of ${URGENCIES.join(', ')}`);
    query.urgency = values.urgency as Urgency;
  }
  if (values.breached !== undefined) {
    if (values.breached !== 'true' && values.breached !== 'false') return problem('breached', 'must be true or false');
    query.breached = values.breached === 'true';
  }
  if (values.limit !== undefined) {
    const n = /^[0-9]{1,4}$/.test(values.limit) ? Number(values.limit) : NaN;
    if (!(n >= 1 && n <= LIST_LIMIT_MAX)) return problem('limit', `must be an integer from 1 to ${LIST_LIMIT_MAX}`);
    query.limit = n;
  }
  if (values.cursor !== undefined) {
    const key = decodeCursor(values.cursor);
    if (!key) return problem('cursor', 'is not a cursor returned by this API (pass nextCursor unchanged)');
    query.after = key;
  }
  return { ok: true, query };
}
