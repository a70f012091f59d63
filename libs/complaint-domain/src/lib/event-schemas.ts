import type { ComplaintEventType } from './events';
import { CHANNELS, DEADLINE_KINDS, FEEDBACK_METHODS, MOTIVES, REMEDIES, SERVICE_DIMENSIONS, URGENCIES } from './vocabulary';

/** The subset of JSON Schema (draft-07) the event contract uses. */
export interface JsonSchema {
  type?: 'object' | 'string' | 'integer' | 'number' | 'boolean' | 'array';
  description?: string;
  enum?: readonly (string | number)[];
  const?: string | number;
  format?: 'date-time';
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  /** Marks personal data: encrypted per customer and erasable by destroying the customer's key. */
  'x-personal-data'?: boolean;
}

const str = (description: string, extra: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'string', minLength: 1, description, ...extra });
const pii = (description: string): JsonSchema => str(description, { 'x-personal-data': true });
const oneOf = (values: readonly string[], description: string): JsonSchema => ({ type: 'string', enum: values, description });
const instant = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description });
const int = (description: string, minimum: number, maximum?: number): JsonSchema => ({ type: 'integer', minimum, ...(maximum === undefined ? {} : { maximum }), description });
function obj(description: string, properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema {
  return { type: 'object', description, properties, required, additionalProperties: false };
}

const rootCause = obj(
  'The underlying cause, with an optional 5-Why chain.',
  { code: str('Short code analysts group by, e.g. `design_defect`.'), whyChain: { type: 'array', items: str('One "why", first first.'), description: '5-Why chain.' } },
  ['code'],
);
const sla = obj(
  'The SLA policy applied to the case: the figures in force when the event was decided, so replays stay exact.',
  {
    policyVersion: str('Version of the SLA policy in force.'),
    urgency: oneOf(URGENCIES, 'Urgency the targets were taken for.'),
    acknowledgeWithinMs: int('Acknowledge-by target in milliseconds from receipt.', 1),
    resolveWithinMs: int('Resolve-by budget in milliseconds of running clock (paused while waiting on the customer).', 1),
  },
  ['policyVersion', 'urgency', 'acknowledgeWithinMs', 'resolveWithinMs'],
);
const solutionNumber = int('Which proposal of this case (1, 2, ...) the event is about.', 1);

/** Payload (`data`) schema of each event type, version 1, with what each event means. */
export const EVENT_DATA_SCHEMAS: Record<ComplaintEventType, JsonSchema> = {
  ComplaintReceived: obj(
    'Step 1: a complaint was received and recorded. Starts the acknowledge-by and resolve-by clocks.',
    {
      customerId: str('Stable id of the customer (not personal data by itself).'),
      channel: oneOf(CHANNELS, 'Where the complaint came in.'),
      description: pii('What the customer says happened, in their words.'),
      urgency: oneOf(URGENCIES, 'Urgency at intake (default `normal`).'),
      incidentAt: instant('When the problem happened, if known.'),
      location: pii('Where the problem happened.'),
      productRef: str('Product concerned.'),
      orderRef: str('Order concerned.'),
      customer: obj('How to reach the customer.', { name: pii('Name.'), email: pii('E-mail address.'), phone: pii('Phone number.') }),
      sla,
    },
    ['customerId', 'channel', 'description', 'urgency', 'sla'],
  ),
  ComplaintAcknowledged: obj('First response to the customer (acknowledgement of receipt); meets the acknowledge-by deadline.', {
    message: str('What the customer was told.'),
  }),
  ComplaintClassified: obj(
    'Step 2: analysed and classified (or re-classified); re-computes the clocks for the urgency.',
    {
      category: str('Complaint family, e.g. `product_quality`, `service_attitude`, `logistics_delay`, `billing_refund`, `communication`.'),
      subcategory: str('Finer category.'),
      urgency: oneOf(URGENCIES, 'Urgency decided by the analysis.'),
      rootCause,
      motive: oneOf(MOTIVES, 'Why the customer complains.'),
      serviceDimension: oneOf(SERVICE_DIMENSIONS, 'SERVQUAL dimension concerned.'),
      team: str('Team the case is routed to.'),
      agent: str('Agent the case is routed to.'),
      sla,
    },
    ['category', 'urgency', 'sla'],
  ),
  ComplaintAssigned: obj('The case was routed to a team and optionally an agent.', { team: str('Team.'), agent: str('Agent.') }, ['team']),
  SolutionProposed: obj(
    'Step 3: a remedy was offered to the customer; the resolve clock pauses until they answer.',
    {
      solutionNumber,
      remedy: oneOf(REMEDIES, 'Kind of remedy.'),
      description: str('The remedy as offered.'),
      amount: obj('Money involved (refund, compensation, coupon).', { value: { type: 'number', minimum: 0, description: 'Amount in major units.' }, currency: str('ISO 4217 code.', { pattern: '^[A-Z]{3}$' }) }, ['value', 'currency']),
    },
    ['solutionNumber', 'remedy', 'description'],
  ),
  SolutionAccepted: obj('The customer agreed to the remedy; implementation starts and the clock resumes.', { solutionNumber, note: str('Note.') }, ['solutionNumber']),
  SolutionRejected: obj('The customer refused the remedy; the case goes back to formulating a solution.', { solutionNumber, reason: str('Why the customer refused.') }, ['solutionNumber', 'reason']),
  ImplementationProgressed: obj('Step 4: the customer was told how the remedy is progressing.', { solutionNumber, note: str('What was done or said.') }, ['solutionNumber', 'note']),
  SolutionImplemented: obj('Step 4 done: the remedy was carried out; the clock pauses while feedback is sought.', { solutionNumber, outcome: str('What was done.') }, ['solutionNumber', 'outcome']),
  FeedbackRecorded: obj(
    'Step 5: the customer said whether they are satisfied. Unsatisfied feedback is followed by `ComplaintReopened`.',
    {
      method: oneOf(FEEDBACK_METHODS, 'How the feedback was gathered.'),
      satisfaction: int('Satisfaction from 1 (very unhappy) to 5 (very happy).', 1, 5),
      resolved: { type: 'boolean', description: 'Whether the customer considers the problem solved.' },
      comment: pii('What the customer said.'),
      outcome: oneOf(['satisfied', 'unsatisfied'], 'Unsatisfied when not resolved or satisfaction <= 2.'),
    },
    ['method', 'satisfaction', 'resolved', 'outcome'],
  ),
  ComplaintEvaluated: obj(
    'Step 6: the case was evaluated: the root cause confirmed and prevention decided. Followed by `ComplaintClosed`.',
    { rootCause, preventiveAction: str('What will stop it happening again.'), notes: str('Notes.') },
    ['rootCause'],
  ),
  ComplaintClosed: obj('The case is closed.', { resolution: oneOf(['evaluated'], 'How the case came to be closed.') }, ['resolution']),
  ComplaintReopened: obj(
    'The case went back to analysis: after unsatisfied feedback, or a closed case reopened on request. Counts as a reopen.',
    {
      trigger: oneOf(['unsatisfied_feedback', 'request'], 'What reopened the case.'),
      reason: str('Why.'),
      reopenCount: int('How many times the case has now been reopened.', 1),
    },
    ['trigger', 'reason', 'reopenCount'],
  ),
  ComplaintEscalated: obj('The case was escalated (e.g. "I want your manager", or a missed deadline).', { reason: str('Why.'), to: str('To whom.'), level: int('Escalation level now (1, 2, ...).', 1) }, ['reason', 'level']),
  ComplaintWithdrawn: obj('The customer withdrew the complaint; the case ends.', { reason: str('Why.') }),
  DeadlineMissed: obj('A deadline passed unmet, as found by the deadline scheduler.', { deadline: oneOf(DEADLINE_KINDS, 'Which deadline.'), dueAt: instant('When it fell due.') }, ['deadline', 'dueAt']),
};

/** The full schema of one event: the envelope every event shares, with its own `data`. */
export function eventSchema(type: ComplaintEventType): JsonSchema {
  return obj(
    EVENT_DATA_SCHEMAS[type].description ?? type,
    {
      type: { type: 'string', const: type, description: 'Event type.' },
      version: { type: 'integer', const: 1, description: 'Schema version of `data`.' },
      complaintId: str('The case; its stream is `complaint-<complaintId>`.'),
      occurredAt: instant('Business time: when it happened in the world (may be earlier than when it was recorded).'),
      data: EVENT_DATA_SCHEMAS[type],
    },
    ['type', 'version', 'complaintId', 'occurredAt', 'data'],
  );
}
