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

/** What every command may carry: the case, and optionally when it happened (default: now). */
interface Command<T extends string> {
  type: T;
  complaintId: string;
  /** ISO 8601 business time. Defaults to `now`; never in the future, never before the case's last event. */
  occurredAt?: string;
}

export interface ReceiveComplaint extends Command<'ReceiveComplaint'> {
  customerId: string;
  channel: Channel;
  description: string;
  urgency?: Urgency;
  incidentAt?: string;
  location?: string;
  productRef?: string;
  orderRef?: string;
  customer?: CustomerContact;
}
export interface AcknowledgeComplaint extends Command<'AcknowledgeComplaint'> {
  message?: string;
}
export interface ClassifyComplaint extends Command<'ClassifyComplaint'> {
  category: string;
  subcategory?: string;
  urgency: Urgency;
  rootCause?: RootCause;
  motive?: Motive;
  serviceDimension?: ServiceDimension;
  team?: string;
  agent?: string;
}
export interface AssignComplaint extends Command<'AssignComplaint'> {
  team: string;
  agent?: string;
}
export interface ProposeSolution extends Command<'ProposeSolution'> {
  remedy: Remedy;
  description: string;
  amount?: MoneyAmount;
}
export interface AcceptSolution extends Command<'AcceptSolution'> {
  note?: string;
}
export interface RejectSolution extends Command<'RejectSolution'> {
  reason: string;
}
export interface RecordImplementationProgress extends Command<'RecordImplementationProgress'> {
  note: string;
}
export interface CompleteImplementation extends Command<'CompleteImplementation'> {
  outcome: string;
}
export interface RecordFeedback extends Command<'RecordFeedback'> {
  method: FeedbackMethod;
  satisfaction: number;
  resolved: boolean;
  comment?: string;
}
export interface EvaluateComplaint extends Command<'EvaluateComplaint'> {
  rootCause: RootCause;
  preventiveAction?: string;
  notes?: string;
}
export interface EscalateComplaint extends Command<'EscalateComplaint'> {
  reason: string;
  to?: string;
}
export interface ReopenComplaint extends Command<'ReopenComplaint'> {
  reason: string;
}
export interface WithdrawComplaint extends Command<'WithdrawComplaint'> {
  reason?: string;
}
/** Raised by the deadline scheduler, not by people. */
export interface RecordDeadlineMissed extends Command<'RecordDeadlineMissed'> {
  deadline: DeadlineKind;
}

export type ComplaintCommand =
  | ReceiveComplaint
  | AcknowledgeComplaint
  | ClassifyComplaint
  | AssignComplaint
  | ProposeSolution
  | AcceptSolution
  | RejectSolution
  | RecordImplementationProgress
  | CompleteImplementation
  | RecordFeedback
  | EvaluateComplaint
  | EscalateComplaint
  | ReopenComplaint
  | WithdrawComplaint
  | RecordDeadlineMissed;

export type ComplaintCommandType = ComplaintCommand['type'];

export const COMPLAINT_COMMAND_TYPES = [
  'ReceiveComplaint',
  'AcknowledgeComplaint',
  'ClassifyComplaint',
  'AssignComplaint',
  'ProposeSolution',
  'AcceptSolution',
  'RejectSolution',
  'RecordImplementationProgress',
  'CompleteImplementation',
  'RecordFeedback',
  'EvaluateComplaint',
  'EscalateComplaint',
  'ReopenComplaint',
  'WithdrawComplaint',
  'RecordDeadlineMissed',
] as const satisfies readonly ComplaintCommandType[];
