import type { ComplaintCase, ResolveClock } from './case-state';
import type { ClockFact, ComplaintEvent } from '@complaint-ledger/complaint-contract';
import type { AppliedSla } from './sla-policy';
import type { DeadlineKind } from '@complaint-ledger/complaint-contract';

/** A deadline as a person reads it at a given instant. */
export interface DeadlineView {
  kind: DeadlineKind;
  /** When it falls due; null while its clock is paused (waiting on the customer) or stopped. */
  dueAt: string | null;
  /** Time left on the clock; negative once overdue. */
  remainingMs: number;
  paused: boolean;
  /** Met (acknowledged / resolved), so it can no longer be breached. */
  met: boolean;
  breached: boolean;
}

/**
 * The SLA facts the deadline rules read. A `ComplaintCase` yields them (`slaClocksOf`); a read
 * model can store them and apply the same rules (`deadlineStanding`).
 */
export interface SlaClocks {
  acknowledgeDueMs: number;
  acknowledgedAtMs: number | null;
  resolveClock: ResolveClock;
  resolvedAtMs: number | null;
  missedDeadlines: readonly DeadlineKind[];
}

/** What the events alone settle about the deadlines; only "now" against the running due instants decides the rest. */
export interface DeadlineStanding {
  /** Resolve-by while the clock runs; null while paused or once resolved. */
  resolveDueMs: number | null;
  /** Paused while waiting on the customer, or for good once withdrawn. */
  resolvePaused: boolean;
  /** Breached whatever the time: missed, met late, or over budget with the clock no longer running. */
  acknowledgeBreached: boolean;
  resolveBreached: boolean;
}

const pauseClock = (c: ResolveClock, atMs: number): ResolveClock =>
  c.runningSinceMs === null ? c : { ...c, consumedMs: c.consumedMs + Math.max(0, atMs - c.runningSinceMs), runningSinceMs: null };
const resumeClock = (c: ResolveClock, atMs: number): ResolveClock => (c.runningSinceMs === null ? { ...c, runningSinceMs: atMs } : c);

/**
 * How an event moves the resolve clock: started at receipt, re-budgeted by classification, paused
 * while we wait on the customer (and for good on withdrawal), resumed when the case is ours again.
 */
export function resolveClockAfter(clock: ResolveClock, event: ComplaintEvent, atMs: number): ResolveClock {
  switch (event.type) {
    case 'ComplaintReceived':
      return { budgetMs: event.data.sla.resolveWithinMs, consumedMs: 0, runningSinceMs: atMs };
    case 'ComplaintClassified':
      return { ...clock, budgetMs: event.data.sla.resolveWithinMs };
    case 'SolutionProposed':
    case 'SolutionImplemented':
    case 'ComplaintWithdrawn':
      return pauseClock(clock, atMs);
    case 'SolutionAccepted':
    case 'SolutionRejected':
    case 'ComplaintReopened':
      return resumeClock(clock, atMs);
    case 'ComplaintAcknowledged':
    case 'ComplaintAssigned':
    case 'ImplementationProgressed':
    case 'FeedbackRecorded':
    case 'ComplaintEvaluated':
    case 'ComplaintClosed':
    case 'ComplaintEscalated':
    case 'DeadlineMissed':
      return clock;
  }
}

/** Acknowledge-by: receipt plus the acknowledge target of the SLA in force. */
export function acknowledgeDueFrom(receivedAtMs: number, sla: Pick<AppliedSla, 'acknowledgeWithinMs'>): number {
  return receivedAtMs + sla.acknowledgeWithinMs;
}

/** Acknowledge-by runs from receipt, never pauses, and is met by the first acknowledgement. */
export function acknowledgeDueMs(c: ComplaintCase): number | null {
  if (!c.intake || !c.sla) return null;
  return acknowledgeDueFrom(c.intake.receivedAtMs, c.sla);
}

/** Resolve-by: the instant the running clock exhausts its budget; null when paused or stopped (or before receipt). */
export function resolveDueMs(c: Pick<ComplaintCase, 'resolveClock' | 'resolvedAtMs'>): number | null {
  const clock = c.resolveClock;
  if (clock.runningSinceMs === null || c.resolvedAtMs !== null) return null;
  return clock.runningSinceMs + clock.budgetMs - clock.consumedMs;
}

/** Resolve-clock time consumed up to `atMs`. */
export function resolveElapsedMs(c: Pick<ComplaintCase, 'resolveClock'>, atMs: number): number {
  const clock = c.resolveClock;
  return clock.consumedMs + (clock.runningSinceMs === null ? 0 : Math.max(0, atMs - clock.runningSinceMs));
}

/** Whether a deadline has passed unmet at `atMs`: the condition for a `DeadlineMissed` event. */
export function isDeadlineDue(c: ComplaintCase, kind: DeadlineKind, atMs: number): boolean {
  if (c.missedDeadlines.includes(kind) || c.withdrawn || c.closedAtMs !== null) return false;
  if (kind === 'acknowledge') {
    const due = acknowledgeDueMs(c);
    return c.acknowledgedAtMs === null && due !== null && atMs >= due;
  }
  return c.sla !== null && c.resolvedAtMs === null && resolveElapsedMs(c, atMs) >= c.resolveClock.budgetMs;
}

/** The case's SLA clocks; null before receipt. */
export function slaClocksOf(c: ComplaintCase): SlaClocks | null {
  const acknowledgeDue = acknowledgeDueMs(c);
  if (acknowledgeDue === null) return null;
  const { acknowledgedAtMs, resolveClock, resolvedAtMs, missedDeadlines } = c;
  return { acknowledgeDueMs: acknowledgeDue, acknowledgedAtMs, resolveClock, resolvedAtMs, missedDeadlines };
}

/** The time-independent part of `deadlinesAt`, for read models that compare "now" later (in SQL, say). */
export function deadlineStanding(c: SlaClocks): DeadlineStanding {
  const running = c.resolveClock.runningSinceMs !== null;
  // While the clock runs, only the time can breach resolve-by (before any DeadlineMissed).
  const settledElapsed = c.resolvedAtMs !== null ? resolveElapsedMs(c, c.resolvedAtMs) : running ? null : c.resolveClock.consumedMs;
  return {
    resolveDueMs: resolveDueMs(c),
    resolvePaused: c.resolvedAtMs === null && !running,
    acknowledgeBreached:
      c.missedDeadlines.includes('acknowledge') || (c.acknowledgedAtMs !== null && c.acknowledgedAtMs > c.acknowledgeDueMs),
    resolveBreached: c.missedDeadlines.includes('resolve') || (settledElapsed !== null && settledElapsed > c.resolveClock.budgetMs),
  };
}

/** The case's deadlines as seen at `nowMs` (for queries: "is this case breached?"). */
export function deadlinesAt(c: ComplaintCase, nowMs: number): DeadlineView[] {
  const clocks = slaClocksOf(c);
  if (!clocks) return [];
  const standing = deadlineStanding(clocks);
  const ackDue = clocks.acknowledgeDueMs;
  const ackMet = c.acknowledgedAtMs !== null;
  const ackEnd = c.acknowledgedAtMs ?? nowMs;
  const acknowledge: DeadlineView = {
    kind: 'acknowledge',
    dueAt: ackMet ? null : new Date(ackDue).toISOString(),
    remainingMs: ackDue - ackEnd,
    paused: false,
    met: ackMet,
    breached: standing.acknowledgeBreached || ackEnd > ackDue,
  };
  const resolvedMet = c.resolvedAtMs !== null;
  const elapsed = resolveElapsedMs(c, resolvedMet ? (c.resolvedAtMs as number) : nowMs);
  const due = standing.resolveDueMs;
  const resolve: DeadlineView = {
    kind: 'resolve',
    dueAt: due === null ? null : new Date(due).toISOString(),
    remainingMs: c.resolveClock.budgetMs - elapsed,
    paused: standing.resolvePaused,
    met: resolvedMet,
    breached: standing.resolveBreached || elapsed > c.resolveClock.budgetMs,
  };
  return [acknowledge, resolve];
}

/**
 * Where each clock stands, as published with every event (the relay computes it after each one):
 * subscribers read these facts instead of re-implementing the clock rules.
 */
export function clockFactsOf(c: ComplaintCase): ClockFact[] {
  const clocks = slaClocksOf(c);
  if (!clocks) return [];
  const standing = deadlineStanding(clocks);
  const ended = c.withdrawn !== null || c.closedAtMs !== null;
  const iso = (ms: number) => new Date(ms).toISOString();
  const acknowledge: ClockFact =
    c.acknowledgedAtMs !== null
      ? { clock: 'acknowledge', state: 'met', breached: standing.acknowledgeBreached }
      : ended
        ? { clock: 'acknowledge', state: 'stopped', breached: standing.acknowledgeBreached }
        : { clock: 'acknowledge', state: 'running', dueAt: iso(clocks.acknowledgeDueMs), breached: standing.acknowledgeBreached };
  const resolve: ClockFact =
    c.resolvedAtMs !== null
      ? { clock: 'resolve', state: 'met', breached: standing.resolveBreached }
      : ended
        ? { clock: 'resolve', state: 'stopped', breached: standing.resolveBreached }
        : standing.resolveDueMs === null
          ? { clock: 'resolve', state: 'paused', breached: standing.resolveBreached }
          : { clock: 'resolve', state: 'running', dueAt: iso(standing.resolveDueMs), breached: standing.resolveBreached };
  return [acknowledge, resolve];
}
