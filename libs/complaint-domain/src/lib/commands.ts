// Every command, stated once: its meaning and its payload fields. The command types, the
// domain's payload check (commandProblem), the HTTP validation and the OpenAPI schemas derive
// from COMMAND_SHAPES.
import { agentField, categoryField, customerContactField, moneyAmountField, rootCauseField, teamField, urgencyField } from './fields';
import {
  flag,
  instant,
  integer,
  oneOf,
  optional,
  personalText,
  shapeProblem,
  text,
  textProblem,
  type FieldProblem,
  type Fields,
  type ShapeOf,
} from './shape/shape';
import type { ComplaintEventType } from './events';
import { CHANNELS, DEADLINE_KINDS, FEEDBACK_METHODS, MOTIVES, REMEDIES, SERVICE_DIMENSIONS } from './vocabulary';

export interface CommandShape {
  /** What the command asks for, in the user's words. */
  summary: string;
  /** The events it may record (a property test holds the decider to this list). */
  records: readonly ComplaintEventType[];
  fields: Fields;
}

const shape = <F extends Fields>(summary: string, records: readonly ComplaintEventType[], fields: F) => ({ summary, records, fields });

/** The payload of each command (besides `type`, `complaintId` and `occurredAt`, which every command has). */
export const COMMAND_SHAPES = {
  ReceiveComplaint: shape(
    'Receive and record a complaint (step 1); starts the acknowledge-by and resolve-by clocks.',
    ['ComplaintReceived'],
    {
      customerId: text('Stable id of the customer in your systems.'),
      channel: oneOf(CHANNELS, 'Where the complaint came in.'),
      description: personalText('What the customer says happened, in their words.'),
      urgency: optional(urgencyField('Urgency at intake (default `normal`).')),
      incidentAt: optional(instant('When the problem happened, if known (not after the complaint was received).')),
      location: optional(personalText('Where the problem happened.')),
      productRef: optional(text('Product concerned.')),
      orderRef: optional(text('Order concerned.')),
      customer: optional(customerContactField),
    },
  ),
  AcknowledgeComplaint: shape('Acknowledge receipt to the customer; meets the acknowledge-by deadline.', ['ComplaintAcknowledged'], {
    message: optional(text('What the customer was told.')),
  }),
  ClassifyComplaint: shape(
    'Analyse and classify the case (step 2), or re-classify it; re-computes the clocks for the urgency.',
    ['ComplaintClassified'],
    {
      category: categoryField,
      subcategory: optional(text('Finer category.')),
      urgency: urgencyField('Urgency decided by the analysis.'),
      rootCause: optional(rootCauseField),
      motive: optional(oneOf(MOTIVES, 'Why the customer complains.')),
      serviceDimension: optional(oneOf(SERVICE_DIMENSIONS, 'SERVQUAL dimension concerned.')),
      team: optional(teamField),
      agent: optional(agentField),
    },
  ),
  AssignComplaint: shape('Route the case to a team and optionally an agent.', ['ComplaintAssigned'], {
    team: teamField,
    agent: optional(agentField),
  }),
  ProposeSolution: shape('Offer a remedy to the customer (step 3); the resolve clock pauses until they answer.', ['SolutionProposed'], {
    remedy: oneOf(REMEDIES, 'Kind of remedy.'),
    description: text('The remedy as offered.'),
    amount: optional(moneyAmountField),
  }),
  AcceptSolution: shape('Record that the customer accepted the remedy; implementation starts (step 4).', ['SolutionAccepted'], {
    note: optional(text('Note.')),
  }),
  RejectSolution: shape('Record that the customer refused the remedy; back to formulating a solution.', ['SolutionRejected'], {
    reason: text('Why the customer refused.'),
  }),
  RecordImplementationProgress: shape('Record how the remedy is progressing (step 4).', ['ImplementationProgressed'], {
    note: text('What was done or said.'),
  }),
  CompleteImplementation: shape('Record that the remedy was carried out; feedback is sought next (step 5).', ['SolutionImplemented'], {
    outcome: text('What was done.'),
  }),
  RecordFeedback: shape(
    'Record whether the customer is satisfied (step 5); unsatisfied feedback reopens the case.',
    ['FeedbackRecorded', 'ComplaintReopened'],
    {
      method: oneOf(FEEDBACK_METHODS, 'How the feedback was gathered.'),
      satisfaction: integer('Satisfaction from 1 (very unhappy) to 5 (very happy).', 1, 5),
      resolved: flag('Whether the customer considers the problem solved.'),
      comment: optional(personalText('What the customer said.')),
    },
  ),
  EvaluateComplaint: shape(
    'Evaluate the case (step 6): confirm the root cause, decide prevention, close it.',
    ['ComplaintEvaluated', 'ComplaintClosed'],
    {
      rootCause: rootCauseField,
      preventiveAction: optional(text('What will stop it happening again.')),
      notes: optional(text('Notes.')),
    },
  ),
  EscalateComplaint: shape('Escalate the case (e.g. "I want your manager").', ['ComplaintEscalated'], {
    reason: text('Why.'),
    to: optional(text('To whom.')),
  }),
  ReopenComplaint: shape('Reopen a closed case on request; it goes back to analysis.', ['ComplaintReopened'], {
    reason: text('Why.'),
  }),
  WithdrawComplaint: shape('Record that the customer withdrew the complaint; the case ends.', ['ComplaintWithdrawn'], {
    reason: optional(text('Why.')),
  }),
  RecordDeadlineMissed: shape('Raised by the deadline scheduler, not by people: a deadline passed unmet.', ['DeadlineMissed'], {
    deadline: oneOf(DEADLINE_KINDS, 'Which deadline.'),
  }),
} satisfies Record<string, CommandShape>;

type Shapes = typeof COMMAND_SHAPES;
export type ComplaintCommandType = keyof Shapes;

/** The fields every command carries besides its payload. */
export interface CommandEnvelope<T extends ComplaintCommandType> {
  type: T;
  complaintId: string;
  /** ISO 8601 business time. Defaults to `now`; never in the future, never before the case's last event. */
  occurredAt?: string;
}
/** The payload of a command (what a client sends in the body). */
export type CommandPayload<T extends ComplaintCommandType> = ShapeOf<Shapes[T]['fields']>;
export type CommandOf<T extends ComplaintCommandType> = CommandEnvelope<T> & CommandPayload<T>;

export type ReceiveComplaint = CommandOf<'ReceiveComplaint'>;
export type AcknowledgeComplaint = CommandOf<'AcknowledgeComplaint'>;
export type ClassifyComplaint = CommandOf<'ClassifyComplaint'>;
export type AssignComplaint = CommandOf<'AssignComplaint'>;
export type ProposeSolution = CommandOf<'ProposeSolution'>;
export type AcceptSolution = CommandOf<'AcceptSolution'>;
export type RejectSolution = CommandOf<'RejectSolution'>;
export type RecordImplementationProgress = CommandOf<'RecordImplementationProgress'>;
export type CompleteImplementation = CommandOf<'CompleteImplementation'>;
export type RecordFeedback = CommandOf<'RecordFeedback'>;
export type EvaluateComplaint = CommandOf<'EvaluateComplaint'>;
export type EscalateComplaint = CommandOf<'EscalateComplaint'>;
export type ReopenComplaint = CommandOf<'ReopenComplaint'>;
export type WithdrawComplaint = CommandOf<'WithdrawComplaint'>;
export type RecordDeadlineMissed = CommandOf<'RecordDeadlineMissed'>;

export type ComplaintCommand = { [T in ComplaintCommandType]: CommandOf<T> }[ComplaintCommandType];

export const COMPLAINT_COMMAND_TYPES = Object.keys(COMMAND_SHAPES) as readonly ComplaintCommandType[];

/** `occurredAt` is the one envelope field a client may send; its rule lives here with the payloads'. */
export const OCCURRED_AT_FIELD = optional(
  instant('When it happened (default: now). Never in the future; more than 24 h back only for role admin (imports).'),
);

const ENVELOPE = new Set(['type', 'complaintId', 'occurredAt']);
const ENVELOPE_FIELDS: Fields = { occurredAt: OCCURRED_AT_FIELD };

/** The first problem with a command's payload, or null when it is well formed. */
export function commandProblem(command: ComplaintCommand): FieldProblem | null {
  const shape = (COMMAND_SHAPES as Record<string, CommandShape>)[command.type];
  if (!shape) return { field: 'type', reason: `unknown command ${String(command.type)}` };
  const idProblem = textProblem(command.complaintId);
  if (idProblem) return { field: 'complaintId', reason: idProblem };
  const fields = command as unknown as Record<string, unknown>;
  return shapeProblem(ENVELOPE_FIELDS, { occurredAt: fields['occurredAt'] }) ?? shapeProblem(shape.fields, fields, '', ENVELOPE);
}
