import type { ComplaintCommand, ComplaintCommandType } from './commands';
import { CHANNELS, DEADLINE_KINDS, FEEDBACK_METHODS, MOTIVES, REMEDIES, SERVICE_DIMENSIONS, URGENCIES } from './vocabulary';

/** Which field is wrong and why, in words a client developer can act on. */
export interface FieldProblem {
  field: string;
  reason: string;
}

type Check = (value: unknown) => string | null;
type Spec = Record<string, { required: boolean; check: Check }>;

const MAX_TEXT = 10_000;
const text: Check = (v) =>
  typeof v !== 'string' ? 'must be a string' : v.trim() === '' ? 'must not be empty' : v.length > MAX_TEXT ? `must be at most ${MAX_TEXT} characters` : null;
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `must be one of: ${values.join(', ')}`;
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be a boolean');
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Epoch ms of an ISO 8601 date-time with a zone, or null when it is not one. */
export function parseIsoInstant(v: unknown): number | null {
  if (typeof v !== 'string' || !ISO_INSTANT.test(v)) return null;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : null;
}
export const ISO_INSTANT_REASON = 'must be an ISO 8601 date-time with a time zone';
export const isoInstant: Check = (v) => (parseIsoInstant(v) === null ? ISO_INSTANT_REASON : null);
const satisfaction: Check = (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5 ? null : 'must be an integer from 1 to 5');
const rootCause: Check = (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object { code, whyChain? }';
  const r = v as Record<string, unknown>;
  const code = text(r['code']);
  if (code) return `code ${code}`;
  const chain = r['whyChain'];
  if (chain === undefined) return null;
  if (!Array.isArray(chain) || chain.length > 10) return 'whyChain must be an array of at most 10 strings';
  return chain.every((w) => text(w) === null) ? null : 'whyChain entries must be non-empty strings';
};
const amount: Check = (v) => {
  if (typeof v !== 'object' || v === null) return 'must be an object { value, currency }';
  const a = v as Record<string, unknown>;
  if (typeof a['value'] !== 'number' || !Number.isFinite(a['value']) || a['value'] < 0) return 'value must be a number >= 0';
  return typeof a['currency'] === 'string' && /^[A-Z]{3}$/.test(a['currency']) ? null : 'currency must be an ISO 4217 code such as EUR';
};
const contact: Check = (v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object { name?, email?, phone? }';
  for (const [k, value] of Object.entries(v)) {
    if (!['name', 'email', 'phone'].includes(k)) return `${k} is not a known field`;
    if (text(value)) return `${k} ${text(value)}`;
  }
  const email = (v as Record<string, unknown>)['email'];
  return typeof email === 'string' && !/^[^@\s]+@[^@\s]+$/.test(email) ? 'email must be an e-mail address' : null;
};

const req = (check: Check) => ({ required: true, check });
const opt = (check: Check) => ({ required: false, check });

/** The payload rules of each command, beyond the type: the domain's own guard against bad input. */
const SPECS: Record<ComplaintCommandType, Spec> = {
  ReceiveComplaint: {
    customerId: req(text),
    channel: req(oneOf(CHANNELS)),
    description: req(text),
    urgency: opt(oneOf(URGENCIES)),
    incidentAt: opt(isoInstant),
    location: opt(text),
    productRef: opt(text),
    orderRef: opt(text),
    customer: opt(contact),
  },
  AcknowledgeComplaint: { message: opt(text) },
  ClassifyComplaint: {
    category: req(text),
    subcategory: opt(text),
    urgency: req(oneOf(URGENCIES)),
    rootCause: opt(rootCause),
    motive: opt(oneOf(MOTIVES)),
    serviceDimension: opt(oneOf(SERVICE_DIMENSIONS)),
    team: opt(text),
    agent: opt(text),
  },
  AssignComplaint: { team: req(text), agent: opt(text) },
  ProposeSolution: { remedy: req(oneOf(REMEDIES)), description: req(text), amount: opt(amount) },
  AcceptSolution: { note: opt(text) },
  RejectSolution: { reason: req(text) },
  RecordImplementationProgress: { note: req(text) },
  CompleteImplementation: { outcome: req(text) },
  RecordFeedback: { method: req(oneOf(FEEDBACK_METHODS)), satisfaction: req(satisfaction), resolved: req(bool), comment: opt(text) },
  EvaluateComplaint: { rootCause: req(rootCause), preventiveAction: opt(text), notes: opt(text) },
  EscalateComplaint: { reason: req(text), to: opt(text) },
  ReopenComplaint: { reason: req(text) },
  WithdrawComplaint: { reason: opt(text) },
  RecordDeadlineMissed: { deadline: req(oneOf(DEADLINE_KINDS)) },
};

const ENVELOPE = new Set(['type', 'complaintId', 'occurredAt']);

/** The first problem with a command's payload, or null when it is well formed. */
export function commandProblem(command: ComplaintCommand): FieldProblem | null {
  const spec = SPECS[command.type];
  if (!spec) return { field: 'type', reason: `unknown command ${String(command.type)}` };
  const idProblem = text(command.complaintId);
  if (idProblem) return { field: 'complaintId', reason: idProblem };
  const fields = command as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!ENVELOPE.has(key) && !(key in spec) && fields[key] !== undefined) return { field: key, reason: 'is not a known field' };
  }
  for (const [field, rule] of Object.entries(spec)) {
    const value = fields[field];
    if (value === undefined) {
      if (rule.required) return { field, reason: 'is required' };
      continue;
    }
    const reason = rule.check(value);
    if (reason) return { field, reason };
  }
  return null;
}
