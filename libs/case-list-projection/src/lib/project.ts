import type { ComplaintEvent } from '@complaint-ledger/complaint-domain';
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

const STEP: Record<CaseListState, number> = {
  received: 1,
  classified: 2,
  solutionProposed: 3,
  implementing: 4,
  awaitingFeedback: 5,
  evaluating: 6,
  closed: 6,
  withdrawn: 0, // keeps the step it was withdrawn in (see withState)
};

function withState(row: CaseListRow, state: CaseListState): CaseListRow {
  return { ...row, state, step: state === 'withdrawn' ? row.step : STEP[state] };
}

const pause = (row: CaseListRow, atMs: number): CaseListRow =>
  row.resolveRunningSinceMs === null
    ? row
    : { ...row, resolveConsumedMs: row.resolveConsumedMs + Math.max(0, atMs - row.resolveRunningSinceMs), resolveRunningSinceMs: null };
const resume = (row: CaseListRow, atMs: number): CaseListRow => (row.resolveRunningSinceMs === null ? { ...row, resolveRunningSinceMs: atMs } : row);

/** Re-derives the deadline columns from the clock fields (the domain's `deadlinesAt`, minus "now"). */
function withDeadlines(row: CaseListRow): CaseListRow {
  const resolved = row.resolvedAtMs !== null;
  const running = row.resolveRunningSinceMs;
  const elapsedAtResolution = resolved ? row.resolveConsumedMs + (running === null ? 0 : Math.max(0, (row.resolvedAtMs as number) - running)) : 0;
  const resolveDueAtMs = !resolved && running !== null ? running + row.resolveBudgetMs - row.resolveConsumedMs : null;
  const resolvePaused = !resolved && running === null;
  const missedAck = row.missedDeadlines.includes('acknowledge');
  const missedResolve = row.missedDeadlines.includes('resolve');
  return {
    ...row,
    resolveDueAtMs,
    resolvePaused,
    acknowledgeBreachedKnown: missedAck || (row.acknowledgedAtMs !== null && row.acknowledgedAtMs > row.acknowledgeDueAtMs),
    resolveBreachedKnown:
      missedResolve ||
      (resolved ? elapsedAtResolution > row.resolveBudgetMs : running === null && row.resolveConsumedMs > row.resolveBudgetMs),
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
      acknowledgeDueAtMs: atMs + d.sla.acknowledgeWithinMs,
      resolveBudgetMs: d.sla.resolveWithinMs,
      resolveConsumedMs: 0,
      resolveRunningSinceMs: atMs,
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
    next = applyFact(row, event, atMs);
  }
  return withDeadlines({
    ...next,
    revision: place.revision,
    eventCount: next.eventCount + 1,
    lastPosition: place.position,
    lastOccurredAtMs: atMs,
  });
}

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
        acknowledgeDueAtMs: row.receivedAtMs + d.sla.acknowledgeWithinMs,
        resolveBudgetMs: d.sla.resolveWithinMs,
      };
    }
    case 'ComplaintAssigned':
      return { ...row, team: event.data.team, agent: event.data.agent ?? null };
    case 'SolutionProposed':
      return { ...pause(withState(row, 'solutionProposed'), atMs), remedy: event.data.remedy };
    case 'SolutionAccepted':
      return resume(withState(row, 'implementing'), atMs);
    case 'SolutionRejected':
      return resume(withState(row, 'classified'), atMs);
    case 'ImplementationProgressed':
      return row;
    case 'SolutionImplemented':
      return pause(withState(row, 'awaitingFeedback'), atMs);
    case 'FeedbackRecorded':
      return event.data.outcome === 'satisfied' ? { ...withState(row, 'evaluating'), resolvedAtMs: atMs } : row;
    case 'ComplaintEvaluated':
      return row;
    case 'ComplaintClosed':
      return { ...withState(row, 'closed'), closedAtMs: atMs };
    case 'ComplaintReopened':
      return { ...resume(withState(row, 'classified'), atMs), reopenCount: event.data.reopenCount, resolvedAtMs: null, closedAtMs: null };
    case 'ComplaintEscalated':
      return { ...row, escalationLevel: event.data.level };
    case 'ComplaintWithdrawn':
      return { ...pause(withState(row, 'withdrawn'), atMs), withdrawnAtMs: atMs };
    case 'DeadlineMissed':
      return row.missedDeadlines.includes(event.data.deadline) ? row : { ...row, missedDeadlines: [...row.missedDeadlines, event.data.deadline] };
    default: {
      const unknown: never = event;
      throw new ProjectionError(`unknown event type ${(unknown as { type: string }).type}`);
    }
  }
}
