import type { StateName } from '@complaint-ledger/complaint-domain';
import type { Channel, DeadlineKind, Remedy, Urgency } from '@complaint-ledger/complaint-contract';
import type { GlobalPosition } from '@complaint-ledger/event-store';

/**
 * The projection's identity. Bump `version` whenever `project` or the row's meaning changes: a
 * runner that finds rows written by another version truncates them and replays from the start.
 */
export const CASE_LIST_PROJECTION = Object.freeze({ name: 'case-list', version: 1 });

/** Every state the list can show (a row exists only once a case was received). */
export type CaseListState = Exclude<StateName, 'none'>;

/**
 * One complaint as the list shows it. No personal data (no contact details, no description):
 * `customerId` is an opaque reference. Instants are epoch milliseconds (exact in SQL `bigint`
 * and in JS numbers).
 */
export interface CaseListRow {
  id: string;
  state: CaseListState;
  /** Which of the six steps of the flow the state belongs to (1 receive … 6 evaluate/closed). */
  step: number;
  customerId: string;
  channel: Channel;
  urgency: Urgency;
  category: string | null;
  team: string | null;
  agent: string | null;
  /** The current remedy on offer or agreed (null before the first proposal). */
  remedy: Remedy | null;
  receivedAtMs: number;
  acknowledgedAtMs: number | null;
  resolvedAtMs: number | null;
  closedAtMs: number | null;
  withdrawnAtMs: number | null;
  escalationLevel: number;
  reopenCount: number;
  /** Acknowledge-by (receipt + the SLA in force); stays set once met, see `acknowledgedAtMs`. */
  acknowledgeDueAtMs: number;
  /** Resolve clock: budget, time consumed while paused, and since when it runs (null: paused or stopped). */
  resolveBudgetMs: number;
  resolveConsumedMs: number;
  resolveRunningSinceMs: number | null;
  /** Resolve-by while the clock runs; null while paused (waiting on the customer) or once resolved. */
  resolveDueAtMs: number | null;
  resolvePaused: boolean;
  /** Breaches already certain from the events (DeadlineMissed, late acknowledgement, paused over budget). */
  acknowledgeBreachedKnown: boolean;
  resolveBreachedKnown: boolean;
  missedDeadlines: DeadlineKind[];
  /** Revision of the last event folded in (0-based): the guard that makes re-applying a no-op. */
  revision: number;
  /** How many events were folded in; equals revision + 1 unless an event was applied twice. */
  eventCount: number;
  lastPosition: GlobalPosition;
  lastOccurredAtMs: number;
}

/**
 * Whether a case is breached at `nowMs`: the same rule as the domain's `deadlinesAt` (a running
 * resolve clock past due is breached before any DeadlineMissed event). The stored columns are the
 * domain's `deadlineStanding`; only the comparison with "now" lives here, and the SQL store
 * evaluates the same expression in the database (see `BREACHED_SQL`).
 */
export function isBreachedAt(row: CaseListRow, nowMs: number): boolean {
  if (row.acknowledgeBreachedKnown || row.resolveBreachedKnown) return true;
  if (row.acknowledgedAtMs === null && nowMs > row.acknowledgeDueAtMs) return true;
  return row.resolveDueAtMs !== null && nowMs > row.resolveDueAtMs;
}
