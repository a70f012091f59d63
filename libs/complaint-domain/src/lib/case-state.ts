import { resolveClockAfter } from './deadlines';
import type { ComplaintEvent, ComplaintEventType, EventOfType, FeedbackRecorded } from '@complaint-ledger/complaint-contract';
import type { AppliedSla } from './sla-policy';
import type {
  Channel,
  CustomerContact,
  DeadlineKind,
  MoneyAmount,
  Motive,
  Remedy,
  RootCause,
  ServiceDimension,
  Urgency,
} from '@complaint-ledger/complaint-contract';

/**
 * Everything the case knows, rebuilt from its events. This is the XState machine's context: the
 * machine decides *whether* an event may happen and which step follows; the reducers below
 * decide *what the case then knows*. Times are kept as epoch milliseconds for cheap arithmetic.
 */
export interface ComplaintCase {
  complaintId: string | null;
  /** 0-based revision of the last event folded in; -1 before the first. */
  revision: number;
  lastEventType: ComplaintEventType | null;
  lastOccurredAtMs: number | null;
  intake: Intake | null;
  urgency: Urgency;
  classification: Classification | null;
  assignment: { team: string; agent?: string } | null;
  acknowledgedAtMs: number | null;
  escalation: { level: number; lastReason: string; to?: string; atMs: number } | null;
  solution: Solution | null;
  implementationUpdates: number;
  feedback: Feedback | null;
  evaluation: { rootCause: RootCause; preventiveAction?: string; notes?: string; atMs: number } | null;
  reopenCount: number;
  resolvedAtMs: number | null;
  closedAtMs: number | null;
  withdrawn: { reason?: string; atMs: number } | null;
  sla: AppliedSla | null;
  resolveClock: ResolveClock;
  missedDeadlines: DeadlineKind[];
}

export interface Intake {
  customerId: string;
  channel: Channel;
  description: string;
  receivedAtMs: number;
  incidentAt?: string;
  location?: string;
  productRef?: string;
  orderRef?: string;
  customer?: CustomerContact;
}

export interface Classification {
  category: string;
  subcategory?: string;
  rootCause?: RootCause;
  motive?: Motive;
  serviceDimension?: ServiceDimension;
}

export interface Solution {
  number: number;
  remedy: Remedy;
  description: string;
  amount?: MoneyAmount;
  status: 'proposed' | 'accepted' | 'rejected' | 'implemented';
  outcome?: string;
}

export interface Feedback {
  method: FeedbackRecorded['data']['method'];
  satisfaction: number;
  resolved: boolean;
  comment?: string;
  outcome: 'satisfied' | 'unsatisfied';
  atMs: number;
}

/**
 * The resolve-by clock. It runs while the case is ours to move, pauses while we wait on the
 * customer (a proposal to answer, feedback to give) and stops once the customer is satisfied.
 */
export interface ResolveClock {
  budgetMs: number;
  consumedMs: number;
  runningSinceMs: number | null;
}

export const EMPTY_CASE: ComplaintCase = Object.freeze({
  complaintId: null,
  revision: -1,
  lastEventType: null,
  lastOccurredAtMs: null,
  intake: null,
  urgency: 'normal',
  classification: null,
  assignment: null,
  acknowledgedAtMs: null,
  escalation: null,
  solution: null,
  implementationUpdates: 0,
  feedback: null,
  evaluation: null,
  reopenCount: 0,
  resolvedAtMs: null,
  closedAtMs: null,
  withdrawn: null,
  sla: null,
  resolveClock: Object.freeze({ budgetMs: 0, consumedMs: 0, runningSinceMs: null }),
  missedDeadlines: [],
}) as ComplaintCase;

type Reducer<T extends ComplaintEventType> = (c: ComplaintCase, e: EventOfType<T>, atMs: number) => ComplaintCase;

/**
 * One reducer per event type: what the case knows after it. Legality is the machine's job; the
 * resolve clock moves in `reduce` (`resolveClockAfter`, shared with read models).
 */
export const REDUCERS: { [T in ComplaintEventType]: Reducer<T> } = {
  ComplaintReceived: (c, { complaintId, data }, at) => ({
    ...c,
    complaintId,
    intake: {
      customerId: data.customerId,
      channel: data.channel,
      description: data.description,
      receivedAtMs: at,
      incidentAt: data.incidentAt,
      location: data.location,
      productRef: data.productRef,
      orderRef: data.orderRef,
      customer: data.customer,
    },
    urgency: data.urgency,
    sla: data.sla,
  }),
  ComplaintAcknowledged: (c, _e, at) => ({ ...c, acknowledgedAtMs: at }),
  ComplaintClassified: (c, { data }) => ({
    ...c,
    urgency: data.urgency,
    classification: {
      category: data.category,
      subcategory: data.subcategory,
      rootCause: data.rootCause,
      motive: data.motive,
      serviceDimension: data.serviceDimension,
    },
    assignment: data.team ? { team: data.team, agent: data.agent } : c.assignment,
    sla: data.sla,
  }),
  ComplaintAssigned: (c, { data }) => ({ ...c, assignment: { team: data.team, agent: data.agent } }),
  SolutionProposed: (c, { data }) => ({
    ...c,
    solution: { number: data.solutionNumber, remedy: data.remedy, description: data.description, amount: data.amount, status: 'proposed' },
  }),
  SolutionAccepted: (c) => ({ ...c, solution: c.solution && { ...c.solution, status: 'accepted' } }),
  SolutionRejected: (c) => ({ ...c, solution: c.solution && { ...c.solution, status: 'rejected' } }),
  ImplementationProgressed: (c) => ({ ...c, implementationUpdates: c.implementationUpdates + 1 }),
  SolutionImplemented: (c, { data }) => ({ ...c, solution: c.solution && { ...c.solution, status: 'implemented', outcome: data.outcome } }),
  FeedbackRecorded: (c, { data }, at) => ({
    ...c,
    feedback: { ...data, atMs: at },
    resolvedAtMs: data.outcome === 'satisfied' ? at : c.resolvedAtMs,
  }),
  ComplaintEvaluated: (c, { data }, at) => ({ ...c, evaluation: { ...data, atMs: at } }),
  ComplaintClosed: (c, _e, at) => ({ ...c, closedAtMs: at }),
  ComplaintReopened: (c, { data }) => ({ ...c, reopenCount: data.reopenCount, resolvedAtMs: null, closedAtMs: null, evaluation: null }),
  ComplaintEscalated: (c, { data }, at) => ({ ...c, escalation: { level: data.level, lastReason: data.reason, to: data.to, atMs: at } }),
  ComplaintWithdrawn: (c, { data }, at) => ({ ...c, withdrawn: { reason: data.reason, atMs: at } }),
  DeadlineMissed: (c, { data }) => ({ ...c, missedDeadlines: [...c.missedDeadlines, data.deadline] }),
};

/** Applies an event's facts, its effect on the resolve clock and the bookkeeping every event shares (revision, business time). */
export function reduce(c: ComplaintCase, e: ComplaintEvent): ComplaintCase {
  const atMs = Date.parse(e.occurredAt);
  const reducer = REDUCERS[e.type] as Reducer<ComplaintEventType>;
  const next = reducer(c, e, atMs);
  return {
    ...next,
    resolveClock: resolveClockAfter(c.resolveClock, e, atMs),
    revision: c.revision + 1,
    lastEventType: e.type,
    lastOccurredAtMs: atMs,
  };
}
