// GET /complaints/:id: the case as the domain fold sees it, deadlines judged at "now".
import { fromRecordedEvent } from '@complaint-ledger/complaint-application';
import { deadlinesAt, fold, FLOW_STEP, stateName, type DeadlineView } from '@complaint-ledger/complaint-domain';
import { type MoneyAmount, type Remedy } from '@complaint-ledger/complaint-contract';
import type { GlobalPosition, RecordedEvent } from '@complaint-ledger/event-store';

export interface ComplaintView {
  id: string;
  state: string;
  revision: number;
  /** Step of the six-step flow (1 receive … 6 evaluate); a withdrawn case keeps the step it was in. */
  step: number;
  customerId: string;
  channel: string;
  urgency: string;
  receivedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  withdrawnAt: string | null;
  classification: {
    category: string;
    subcategory?: string;
    rootCause?: { code: string; whyChain?: string[] };
    motive?: string;
    serviceDimension?: string;
  } | null;
  assignment: { team: string; agent?: string } | null;
  remedy: { solutionNumber: number; remedy: Remedy; description: string; amount?: MoneyAmount; status: string; outcome?: string } | null;
  escalationLevel: number;
  reopenCount: number;
  deadlines: DeadlineView[];
  breached: boolean;
  /** Global position of the case's last event (for X-Min-Position on the list). */
  position: GlobalPosition;
  asOf: string;
}

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

/** Null for an unknown case (no events). Personal data (contact, description) is not included. */
export function complaintView(recorded: readonly RecordedEvent[], nowMs: number): ComplaintView | null {
  if (recorded.length === 0) return null;
  const state = fold(recorded.map(fromRecordedEvent));
  const c = state.context;
  const name = stateName(state);
  const intake = c.intake;
  if (!intake || c.complaintId === null) return null;
  const deadlines = deadlinesAt(c, nowMs);
  let step = FLOW_STEP[name];
  if (name === 'withdrawn') {
    // The step it was withdrawn in: the state before the withdrawal.
    const before = fold(recorded.slice(0, -1).map(fromRecordedEvent));
    step = FLOW_STEP[stateName(before)];
  }
  const last = recorded[recorded.length - 1];
  return {
    id: c.complaintId,
    state: name,
    revision: c.revision,
    step,
    customerId: intake.customerId,
    channel: intake.channel,
    urgency: c.urgency,
    receivedAt: iso(intake.receivedAtMs) as string,
    acknowledgedAt: iso(c.acknowledgedAtMs),
    resolvedAt: iso(c.resolvedAtMs),
    closedAt: iso(c.closedAtMs),
    withdrawnAt: iso(c.withdrawn?.atMs),
    classification: c.classification,
    assignment: c.assignment,
    remedy: c.solution && {
      solutionNumber: c.solution.number,
      remedy: c.solution.remedy,
      description: c.solution.description,
      ...(c.solution.amount ? { amount: c.solution.amount } : {}),
      status: c.solution.status,
      ...(c.solution.outcome !== undefined ? { outcome: c.solution.outcome } : {}),
    },
    escalationLevel: c.escalation?.level ?? 0,
    reopenCount: c.reopenCount,
    deadlines,
    breached: deadlines.some((d) => d.breached),
    position: last.globalPosition,
    asOf: new Date(nowMs).toISOString(),
  };
}
