import {
  acknowledgeDueFrom,
  deadlineStanding,
  EMPTY_CASE,
  FLOW_STEP,
  resolveClockAfter,
  type ResolveClock,
} from '@complaint-ledger/complaint-domain';
import { type ComplaintEvent } from '@complaint-ledger/complaint-contract';
import type { GlobalPosition } from '@complaint-ledger/event-store';
import type { CaseListRow, CaseListState } from './case-list-row';

/** Where the event sits: its revision in the case's stream and its global position. */
export interface EventPlace {
  revision: number;
  position: GlobalPosition;
}

export class ProjectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProjectionError';
  }
}

function withState(row: CaseListRow, state: CaseListState): CaseListRow {
  // A withdrawn case keeps the step it was withdrawn in.
  return { ...row, state, step: state === 'withdrawn' ? row.step : FLOW_STEP[state] };
}

// The SLA clocks move and are judged by the domain's rules (one source of truth); the row only stores them.
const clockOf = (row: CaseListRow): ResolveClock => ({
  budgetMs: row.resolveBudgetMs,
  consumedMs: row.resolveConsumedMs,
  runningSinceMs: row.resolveRunningSinceMs,
});
const clockColumns = (clock: ResolveClock) => ({
  resolveBudgetMs: clock.budgetMs,
  resolveConsumedMs: clock.consumedMs,
  resolveRunningSinceMs: clock.runningSinceMs,
});

/** Re-derives the deadline columns from the stored clocks: the domain's `deadlinesAt`, minus "now". */
function withDeadlines(row: CaseListRow): CaseListRow {
  const s = deadlineStanding({
    acknowledgeDueMs: row.acknowledgeDueAtMs,
    acknowledgedAtMs: row.acknowledgedAtMs,
    resolveClock: clockOf(row),
    resolvedAtMs: row.resolvedAtMs,
    missedDeadlines: row.missedDeadlines,
  });
  return {
    ...row,
    resolveDueAtMs: s.resolveDueMs,
    resolvePaused: s.resolvePaused,
    acknowledgeBreachedKnown: s.acknowledgeBreached,
    resolveBreachedKnown: s.resolveBreached,
  };
}

/**
 * The case-list projection: pure, one event at a time. `row` is what the list knew before the
 * event (undefined for a case it has not seen). Legality is the machine's business: events come
 * from the store, where only accepted events are written; this only records what they say.
 * Replaying an already-applied event is prevented by the caller (revision guard), not here.
 */
export function project(row: CaseListRow | undefined, event: ComplaintEvent, place: EventPlace): CaseListRow {
  const atMs = Date.parse(event.occurredAt);
  let next: CaseListRow;
  if (event.type === 'ComplaintReceived') {
    if (row) throw new ProjectionError(`case ${event.complaintId} received twice (revision ${place.revision})`);
    const d = event.data;
    next = {
      id: event.complaintId,
      state: 'received',
      step: 1,
      customerId: d.customerId,
      channel: d.channel,
      urgency: d.urgency,
      category: null,
      team: null,
      agent: null,
      remedy: null,
      receivedAtMs: atMs,
      acknowledgedAtMs: null,
      resolvedAtMs: null,
      closedAtMs: null,
      withdrawnAtMs: null,
      escalationLevel: 0,
      reopenCount: 0,
      acknowledgeDueAtMs: acknowledgeDueFrom(atMs, d.sla),
      ...clockColumns(resolveClockAfter(EMPTY_CASE.resolveClock, event, atMs)),
      resolveDueAtMs: null,
      resolvePaused: false,
      acknowledgeBreachedKnown: false,
      resolveBreachedKnown: false,
      missedDeadlines: [],
      revision: -1,
      eventCount: 0,
      lastPosition: place.position,
      lastOccurredAtMs: atMs,
    };
  } else {
    if (!row) throw new ProjectionError(`${event.type} for unknown case ${event.complaintId} (revision ${place.revision})`);
    next = { ...applyFact(row, event, atMs), ...clockColumns(resolveClockAfter(clockOf(row), event, atMs)) };
  }
  return withDeadlines({
    ...next,
    revision: place.revision,
    eventCount: next.eventCount + 1,
    lastPosition: place.position,
    lastOccurredAtMs: atMs,
  });
}

/** The event's facts, except the resolve clock (see `project`). */
function applyFact(row: CaseListRow, event: Exclude<ComplaintEvent, { type: 'ComplaintReceived' }>, atMs: number): CaseListRow {
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return { ...row, acknowledgedAtMs: atMs };
    case 'ComplaintClassified': {
      const d = event.data;
      return {
        ...withState(row, 'classified'),
        category: d.category,
        urgency: d.urgency,
        team: d.team ?? row.team,
        agent: d.team ? (d.agent ?? null) : row.agent,
        acknowledgeDueAtMs: acknowledgeDueFrom(row.receivedAtMs, d.sla),
      };
    }
    case 'ComplaintAssigned':
      return { ...row, team: event.data.team, agent: event.data.agent ?? null };
    case 'SolutionProposed':
      return { ...withState(row, 'solutionProposed'), remedy: event.data.remedy };
    case 'SolutionAccepted':
      return withState(row, 'implementing');
    case 'SolutionRejected':
      return withState(row, 'classified');
    case 'ImplementationProgressed':
      return row;
    case 'SolutionImplemented':
      return withState(row, 'awaitingFeedback');
    case 'FeedbackRecorded':
      return event.data.outcome === 'satisfied' ? { ...withState(row, 'evaluating'), resolvedAtMs: atMs } : row;
    case 'ComplaintEvaluated':
      return row;
    case 'ComplaintClosed':
      return { ...withState(row, 'closed'), closedAtMs: atMs };
    case 'ComplaintReopened':
      return { ...withState(row, 'classified'), reopenCount: event.data.reopenCount, resolvedAtMs: null, closedAtMs: null };
    case 'ComplaintEscalated':
      return { ...row, escalationLevel: event.data.level };
    case 'ComplaintWithdrawn':
      return { ...withState(row, 'withdrawn'), withdrawnAtMs: atMs };
    case 'DeadlineMissed':
      return row.missedDeadlines.includes(event.data.deadline)
        ? row
        : { ...row, missedDeadlines: [...row.missedDeadlines, event.data.deadline] };
    default: {
      const unknown: never = event;
      throw new ProjectionError(`unknown event type ${(unknown as { type: string }).type}`);
    }
  }
}
