import type { AppliedSla } from './sla-policy';
import type {
  Channel,
  CustomerContact,
  DeadlineKind,
  FeedbackMethod,
  MoneyAmount,
  Motive,
  Remedy,
  RootCause,
  ServiceDimension,
  Urgency,
} from './vocabulary';

/**
 * Every domain event: past tense, versioned, about one case, with its business time.
 * `occurredAt` is when it happened in the world (ISO 8601); when it was recorded is the store's
 * business, so historical cases can be imported with their real timestamps.
 */
interface Event<T extends string, D> {
  type: T;
  /** Schema version of `data`; consumers upcast older versions at read time. */
  version: 1;
  complaintId: string;
  occurredAt: string;
  data: D;
}

export type ComplaintReceived = Event<
  'ComplaintReceived',
  {
    customerId: string;
    channel: Channel;
    description: string;
    urgency: Urgency;
    incidentAt?: string;
    location?: string;
    productRef?: string;
    orderRef?: string;
    customer?: CustomerContact;
    /** Clocks derived from the intake urgency and the policy in force. */
    sla: AppliedSla;
  }
>;
export type ComplaintAcknowledged = Event<'ComplaintAcknowledged', { message?: string }>;
export type ComplaintClassified = Event<
  'ComplaintClassified',
  {
    category: string;
    subcategory?: string;
    urgency: Urgency;
    rootCause?: RootCause;
    motive?: Motive;
    serviceDimension?: ServiceDimension;
    team?: string;
    agent?: string;
    /** Clocks re-computed for the (possibly changed) urgency. */
    sla: AppliedSla;
  }
>;
export type ComplaintAssigned = Event<'ComplaintAssigned', { team: string; agent?: string }>;
export type SolutionProposed = Event<
  'SolutionProposed',
  { solutionNumber: number; remedy: Remedy; description: string; amount?: MoneyAmount }
>;
export type SolutionAccepted = Event<'SolutionAccepted', { solutionNumber: number; note?: string }>;
export type SolutionRejected = Event<'SolutionRejected', { solutionNumber: number; reason: string }>;
export type ImplementationProgressed = Event<'ImplementationProgressed', { solutionNumber: number; note: string }>;
export type SolutionImplemented = Event<'SolutionImplemented', { solutionNumber: number; outcome: string }>;
export type FeedbackRecorded = Event<
  'FeedbackRecorded',
  {
    method: FeedbackMethod;
    satisfaction: 1 | 2 | 3 | 4 | 5;
    resolved: boolean;
    comment?: string;
    /** Derived by the domain rule: unsatisfied when not resolved or satisfaction <= 2. */
    outcome: 'satisfied' | 'unsatisfied';
  }
>;
export type ComplaintEvaluated = Event<
  'ComplaintEvaluated',
  { rootCause: RootCause; preventiveAction?: string; notes?: string }
>;
export type ComplaintClosed = Event<'ComplaintClosed', { resolution: 'evaluated' }>;
export type ComplaintReopened = Event<
  'ComplaintReopened',
  {
    /** `unsatisfied_feedback` when feedback sent the case back; `request` when a closed case is reopened. */
    trigger: 'unsatisfied_feedback' | 'request';
    reason: string;
    /** How many times this case has now been reopened. */
    reopenCount: number;
  }
>;
export type ComplaintEscalated = Event<'ComplaintEscalated', { reason: string; to?: string; level: number }>;
export type ComplaintWithdrawn = Event<'ComplaintWithdrawn', { reason?: string }>;
export type DeadlineMissed = Event<'DeadlineMissed', { deadline: DeadlineKind; dueAt: string }>;

export type ComplaintEvent =
  | ComplaintReceived
  | ComplaintAcknowledged
  | ComplaintClassified
  | ComplaintAssigned
  | SolutionProposed
  | SolutionAccepted
  | SolutionRejected
  | ImplementationProgressed
  | SolutionImplemented
  | FeedbackRecorded
  | ComplaintEvaluated
  | ComplaintClosed
  | ComplaintReopened
  | ComplaintEscalated
  | ComplaintWithdrawn
  | DeadlineMissed;

export type ComplaintEventType = ComplaintEvent['type'];
export type EventOfType<T extends ComplaintEventType> = Extract<ComplaintEvent, { type: T }>;

export const COMPLAINT_EVENT_TYPES = [
  'ComplaintReceived',
  'ComplaintAcknowledged',
  'ComplaintClassified',
  'ComplaintAssigned',
  'SolutionProposed',
  'SolutionAccepted',
  'SolutionRejected',
  'ImplementationProgressed',
  'SolutionImplemented',
  'FeedbackRecorded',
  'ComplaintEvaluated',
  'ComplaintClosed',
  'ComplaintReopened',
  'ComplaintEscalated',
  'ComplaintWithdrawn',
  'DeadlineMissed',
] as const satisfies readonly ComplaintEventType[];
