// Every command, stated once: its meaning and its payload fields. The command types, the
// domain's payload check (commandProblem), the HTTP validation and the OpenAPI schemas derive
// from COMMAND_SHAPES.
import {
  EVENT_SHAPES,
  instant,
  optional,
  pick,
  shapeProblem,
  textProblem,
  urgencyField,
  type ComplaintEventType,
  type FieldProblem,
  type Fields,
  type ShapeOf,
} from '@complaint-ledger/complaint-contract';

export interface CommandShape {
  /** What the command asks for, in the user's words. */
  summary: string;
  /** The events it may record (a property test holds the decider to this list). */
  records: readonly ComplaintEventType[];
  /** What the client sends. */
  fields: Fields;
  /** What the application adds before deciding (never sent by a client, e.g. the registry's customerRef). */
  supplied: Fields;
}

const NOTHING_SUPPLIED: Record<never, never> = {};
const shape = <F extends Fields>(summary: string, records: readonly ComplaintEventType[], fields: F) => ({
  summary,
  records,
  fields,
  supplied: NOTHING_SUPPLIED,
});

const events = <T extends ComplaintEventType>(type: T): (typeof EVENT_SHAPES)[T]['fields'] => EVENT_SHAPES[type].fields;

/**
 * The payload of each command (besides `type`, `complaintId` and `occurredAt`, which every command
 * has). A field the command hands on to its event is taken from the event's definition.
 */
export const COMMAND_SHAPES = {
  ReceiveComplaint: {
    ...shape('Receive and record a complaint (step 1); starts the acknowledge-by and resolve-by clocks.', ['ComplaintReceived'], {
      ...pick(events('ComplaintReceived'), 'customerId', 'channel', 'description'),
      urgency: optional(urgencyField('Urgency at intake (default `normal`).')),
      incidentAt: optional(instant('When the problem happened, if known (not after the complaint was received).')),
      ...pick(events('ComplaintReceived'), 'location', 'productRef', 'orderRef', 'customer'),
    }),
    // Allocated by the customer registry at intake, never sent by the client.
    supplied: pick(events('ComplaintReceived'), 'customerRef'),
  },
  AcknowledgeComplaint: shape(
    'Acknowledge receipt to the customer; meets the acknowledge-by deadline.',
    ['ComplaintAcknowledged'],
    pick(events('ComplaintAcknowledged'), 'message'),
  ),
  ClassifyComplaint: shape(
    'Analyse and classify the case (step 2), or re-classify it; re-computes the clocks for the urgency.',
    ['ComplaintClassified'],
    pick(events('ComplaintClassified'), 'category', 'subcategory', 'urgency', 'rootCause', 'motive', 'serviceDimension', 'team', 'agent'),
  ),
  AssignComplaint: shape(
    'Route the case to a team and optionally an agent.',
    ['ComplaintAssigned'],
    pick(events('ComplaintAssigned'), 'team', 'agent'),
  ),
  ProposeSolution: shape(
    'Offer a remedy to the customer (step 3); the resolve clock pauses until they answer.',
    ['SolutionProposed'],
    pick(events('SolutionProposed'), 'remedy', 'description', 'amount'),
  ),
  AcceptSolution: shape(
    'Record that the customer accepted the remedy; implementation starts (step 4).',
    ['SolutionAccepted'],
    pick(events('SolutionAccepted'), 'note'),
  ),
  RejectSolution: shape(
    'Record that the customer refused the remedy; back to formulating a solution.',
    ['SolutionRejected'],
    pick(events('SolutionRejected'), 'reason'),
  ),
  RecordImplementationProgress: shape(
    'Record how the remedy is progressing (step 4).',
    ['ImplementationProgressed'],
    pick(events('ImplementationProgressed'), 'note'),
  ),
  CompleteImplementation: shape(
    'Record that the remedy was carried out; feedback is sought next (step 5).',
    ['SolutionImplemented'],
    pick(events('SolutionImplemented'), 'outcome'),
  ),
  RecordFeedback: shape(
    'Record whether the customer is satisfied (step 5); unsatisfied feedback reopens the case.',
    ['FeedbackRecorded', 'ComplaintReopened'],
    pick(events('FeedbackRecorded'), 'method', 'satisfaction', 'resolved', 'comment'),
  ),
  EvaluateComplaint: shape(
    'Evaluate the case (step 6): confirm the root cause, decide prevention, close it.',
    ['ComplaintEvaluated', 'ComplaintClosed'],
    pick(events('ComplaintEvaluated'), 'rootCause', 'preventiveAction', 'notes'),
  ),
  EscalateComplaint: shape(
    'Escalate the case (e.g. "I want your manager").',
    ['ComplaintEscalated'],
    pick(events('ComplaintEscalated'), 'reason', 'to'),
  ),
  ReopenComplaint: shape(
    'Reopen a closed case on request; it goes back to analysis.',
    ['ComplaintReopened'],
    pick(events('ComplaintReopened'), 'reason'),
  ),
  WithdrawComplaint: shape(
    'Record that the customer withdrew the complaint; the case ends.',
    ['ComplaintWithdrawn'],
    pick(events('ComplaintWithdrawn'), 'reason'),
  ),
  RecordDeadlineMissed: shape(
    'Raised by the deadline scheduler, not by people: a deadline passed unmet.',
    ['DeadlineMissed'],
    pick(events('DeadlineMissed'), 'deadline'),
  ),
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
export type CommandPayload<T extends ComplaintCommandType> = ShapeOf<Shapes[T]['fields'] & Shapes[T]['supplied']>;
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
  return (
    shapeProblem(ENVELOPE_FIELDS, { occurredAt: fields['occurredAt'] }) ??
    shapeProblem({ ...shape.fields, ...shape.supplied }, fields, '', ENVELOPE)
  );
}
