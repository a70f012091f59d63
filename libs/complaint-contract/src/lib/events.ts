// Every domain event, stated once: its meaning and its `data` fields. The event types, the JSON
// Schemas, the catalogue and the AsyncAPI document derive from EVENT_SHAPES.
import {
  agentField,
  appliedSlaField,
  categoryField,
  customerContactField,
  moneyAmountField,
  rootCauseField,
  teamField,
  urgencyField,
} from './fields';
import { customerText, flag, freeText, instant, integer, oneOf, optional, text, type Fields, type ShapeOf } from './shape/shape';
import { CHANNELS, DEADLINE_KINDS, FEEDBACK_METHODS, MOTIVES, REMEDIES, SERVICE_DIMENSIONS } from './vocabulary';

export interface EventShape {
  /** What the event means; the first line of its entry in the catalogue. */
  summary: string;
  fields: Fields;
}

const shape = <F extends Fields>(summary: string, fields: F) => ({ summary, fields });
const solutionNumber = integer('Which proposal of this case (1, 2, ...) the event is about.', 1);
const sla = appliedSlaField;

/** The `data` of each event type, version 1. */
export const EVENT_SHAPES = {
  ComplaintReceived: shape('Step 1: a complaint was received and recorded. Starts the acknowledge-by and resolve-by clocks.', {
    customerId: customerText('Id of the customer in your systems: personal (it links the case to the person).'),
    customerRef: optional(
      text(
        'Opaque, stable id of the customer, allocated at intake by the customer registry (random, not derived from the id); unlinkable to the person once their data is erased. Absent from events recorded before the registry: the relay supplies it.',
      ),
    ),
    channel: oneOf(CHANNELS, 'Where the complaint came in.'),
    description: customerText('What the customer says happened, in their words.'),
    urgency: urgencyField('Urgency at intake (default `normal`).'),
    incidentAt: optional(instant('When the problem happened, if known.')),
    location: optional(customerText('Where the problem happened.')),
    productRef: optional(text('Product concerned.')),
    orderRef: optional(customerText('Order concerned (it identifies a purchase, so the customer).')),
    customer: optional(customerContactField),
    sla,
  }),
  ComplaintAcknowledged: shape('First response to the customer (acknowledgement of receipt); meets the acknowledge-by deadline.', {
    message: optional(freeText('What the customer was told.')),
  }),
  ComplaintClassified: shape('Step 2: analysed and classified (or re-classified); re-computes the clocks for the urgency.', {
    category: categoryField,
    subcategory: optional(text('Finer category.')),
    urgency: urgencyField('Urgency decided by the analysis.'),
    rootCause: optional(rootCauseField),
    motive: optional(oneOf(MOTIVES, 'Why the customer complains.')),
    serviceDimension: optional(oneOf(SERVICE_DIMENSIONS, 'SERVQUAL dimension concerned.')),
    team: optional(teamField),
    agent: optional(agentField),
    sla,
  }),
  ComplaintAssigned: shape('The case was routed to a team and optionally an agent.', {
    team: teamField,
    agent: optional(agentField),
  }),
  SolutionProposed: shape('Step 3: a remedy was offered to the customer; the resolve clock pauses until they answer.', {
    solutionNumber,
    remedy: oneOf(REMEDIES, 'Kind of remedy.'),
    description: freeText('The remedy as offered.'),
    amount: optional(moneyAmountField),
  }),
  SolutionAccepted: shape('The customer agreed to the remedy; implementation starts and the clock resumes.', {
    solutionNumber,
    note: optional(freeText('Note.')),
  }),
  SolutionRejected: shape('The customer refused the remedy; the case goes back to formulating a solution.', {
    solutionNumber,
    reason: freeText('Why the customer refused.'),
  }),
  ImplementationProgressed: shape('Step 4: the customer was told how the remedy is progressing.', {
    solutionNumber,
    note: freeText('What was done or said.'),
  }),
  SolutionImplemented: shape('Step 4 done: the remedy was carried out; the clock pauses while feedback is sought.', {
    solutionNumber,
    outcome: freeText('What was done.'),
  }),
  FeedbackRecorded: shape(
    'Step 5: the customer said whether they are satisfied. Unsatisfied feedback is followed by `ComplaintReopened`.',
    {
      method: oneOf(FEEDBACK_METHODS, 'How the feedback was gathered.'),
      satisfaction: integer('Satisfaction from 1 (very unhappy) to 5 (very happy).', 1, 5),
      resolved: flag('Whether the customer considers the problem solved.'),
      comment: optional(customerText('What the customer said.')),
      outcome: oneOf(['satisfied', 'unsatisfied'], 'Derived by the domain rule: unsatisfied when not resolved or satisfaction <= 2.'),
    },
  ),
  ComplaintEvaluated: shape(
    'Step 6: the case was evaluated: the root cause confirmed and prevention decided. Followed by `ComplaintClosed`.',
    {
      rootCause: rootCauseField,
      preventiveAction: optional(freeText('What will stop it happening again.')),
      notes: optional(freeText('Notes.')),
    },
  ),
  ComplaintClosed: shape('The case is closed.', {
    resolution: oneOf(['evaluated'], 'How the case came to be closed.'),
  }),
  ComplaintReopened: shape(
    'The case went back to analysis: after unsatisfied feedback, or a closed case reopened on request. Counts as a reopen.',
    {
      trigger: oneOf(
        ['unsatisfied_feedback', 'request'],
        '`unsatisfied_feedback` when feedback sent the case back; `request` when a closed case is reopened.',
      ),
      reason: freeText('Why.'),
      reopenCount: integer('How many times the case has now been reopened.', 1),
    },
  ),
  ComplaintEscalated: shape('The case was escalated (e.g. "I want your manager", or a missed deadline).', {
    reason: freeText('Why.'),
    to: optional(text('To whom (a role or a member of staff).')),
    level: integer('Escalation level now (1, 2, ...).', 1),
  }),
  ComplaintWithdrawn: shape('The customer withdrew the complaint; the case ends.', {
    reason: optional(freeText('Why.')),
  }),
  DeadlineMissed: shape('A deadline passed unmet, as found by the deadline scheduler.', {
    deadline: oneOf(DEADLINE_KINDS, 'Which deadline.'),
    dueAt: instant('When it fell due.'),
  }),
} satisfies Record<string, EventShape>;

type Shapes = typeof EVENT_SHAPES;
export type ComplaintEventType = keyof Shapes;

/**
 * A domain event: past tense, versioned, about one case, with its business time. `occurredAt`
 * is when it happened in the world (ISO 8601); when it was recorded is the store's business, so
 * historical cases can be imported with their real timestamps.
 */
export interface EventOf<T extends ComplaintEventType> {
  type: T;
  /** Schema version of `data`; consumers upcast older versions at read time. */
  version: 1;
  complaintId: string;
  occurredAt: string;
  data: ShapeOf<Shapes[T]['fields']>;
}

export type ComplaintReceived = EventOf<'ComplaintReceived'>;
export type ComplaintAcknowledged = EventOf<'ComplaintAcknowledged'>;
export type ComplaintClassified = EventOf<'ComplaintClassified'>;
export type ComplaintAssigned = EventOf<'ComplaintAssigned'>;
export type SolutionProposed = EventOf<'SolutionProposed'>;
export type SolutionAccepted = EventOf<'SolutionAccepted'>;
export type SolutionRejected = EventOf<'SolutionRejected'>;
export type ImplementationProgressed = EventOf<'ImplementationProgressed'>;
export type SolutionImplemented = EventOf<'SolutionImplemented'>;
export type FeedbackRecorded = EventOf<'FeedbackRecorded'>;
export type ComplaintEvaluated = EventOf<'ComplaintEvaluated'>;
export type ComplaintClosed = EventOf<'ComplaintClosed'>;
export type ComplaintReopened = EventOf<'ComplaintReopened'>;
export type ComplaintEscalated = EventOf<'ComplaintEscalated'>;
export type ComplaintWithdrawn = EventOf<'ComplaintWithdrawn'>;
export type DeadlineMissed = EventOf<'DeadlineMissed'>;

export type ComplaintEvent = { [T in ComplaintEventType]: EventOf<T> }[ComplaintEventType];
export type EventOfType<T extends ComplaintEventType> = EventOf<T>;

export const COMPLAINT_EVENT_TYPES = Object.keys(EVENT_SHAPES) as readonly ComplaintEventType[];
