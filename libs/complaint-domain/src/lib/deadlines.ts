import type { ComplaintCase } from './case-state';
import type { DeadlineKind } from './vocabulary';

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

/** Acknowledge-by runs from receipt, never pauses, and is met by the first acknowledgement. */
export function acknowledgeDueMs(c: ComplaintCase): number | null {
  if (!c.intake || !c.sla) return null;
  return c.intake.receivedAtMs + c.sla.acknowledgeWithinMs;
}

/** Resolve-by: the instant the running clock exhausts its budget; null when paused or stopped. */
export function resolveDueMs(c: ComplaintCase): number | null {
  const clock = c.resolveClock;
  if (!c.sla || clock.runningSinceMs === null || c.resolvedAtMs !== null) return null;
  return clock.runningSinceMs + clock.budgetMs - clock.consumedMs;
}

/** Resolve-clock time consumed up to `atMs`. */
export function resolveElapsedMs(c: ComplaintCase, atMs: number): number {
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

/** The case's deadlines as seen at `nowMs` (for queries: "is this case breached?"). */
export function deadlinesAt(c: ComplaintCase, nowMs: number): DeadlineView[] {
  if (!c.sla || !c.intake) return [];
  const ackDue = acknowledgeDueMs(c) as number;
  const ackMet = c.acknowledgedAtMs !== null;
  const ackEnd = c.acknowledgedAtMs ?? nowMs;
  const acknowledge: DeadlineView = {
    kind: 'acknowledge',
    dueAt: ackMet ? null : new Date(ackDue).toISOString(),
    remainingMs: ackDue - ackEnd,
    paused: false,
    met: ackMet,
    breached: c.missedDeadlines.includes('acknowledge') || ackEnd > ackDue,
  };
  const resolvedMet = c.resolvedAtMs !== null;
  const elapsed = resolveElapsedMs(c, resolvedMet ? (c.resolvedAtMs as number) : nowMs);
  const due = resolveDueMs(c);
  const resolve: DeadlineView = {
    kind: 'resolve',
    dueAt: due === null ? null : new Date(due).toISOString(),
    remainingMs: c.resolveClock.budgetMs - elapsed,
    paused: !resolvedMet && c.resolveClock.runningSinceMs === null,
    met: resolvedMet,
    breached: c.missedDeadlines.includes('resolve') || elapsed > c.resolveClock.budgetMs,
  };
  return [acknowledge, resolve];
}
