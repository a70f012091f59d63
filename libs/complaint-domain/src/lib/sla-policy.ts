import { integer, object, oneOf, text, type FieldValue } from './shape/shape';
import { URGENCIES, type Urgency } from './vocabulary';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** How long a case may take to be acknowledged and resolved, per urgency. */
export interface SlaPolicy {
  /** Recorded in every event that applies the policy, so replays use the figures then in force. */
  version: string;
  targets: Record<Urgency, SlaTargets>;
}

export interface SlaTargets {
  acknowledgeWithinMs: number;
  resolveWithinMs: number;
}

/** The policy applied to one case, as carried by `ComplaintReceived` and `ComplaintClassified`. */
export const appliedSlaField = object(
  'AppliedSla',
  'The SLA policy applied to the case: the figures in force when the event was decided, so replays stay exact.',
  {
    policyVersion: text('Version of the SLA policy in force.'),
    urgency: oneOf(URGENCIES, 'Urgency the targets were taken for.'),
    acknowledgeWithinMs: integer('Acknowledge-by target in milliseconds from receipt.', 1),
    resolveWithinMs: integer('Resolve-by budget in milliseconds of running clock (paused while waiting on the customer).', 1),
  },
);
export type AppliedSla = FieldValue<typeof appliedSlaField>;

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  version: 'default-2026-11',
  targets: {
    urgent: { acknowledgeWithinMs: 1 * HOUR, resolveWithinMs: 1 * DAY },
    general: { acknowledgeWithinMs: 4 * HOUR, resolveWithinMs: 3 * DAY },
    normal: { acknowledgeWithinMs: 1 * DAY, resolveWithinMs: 7 * DAY },
  },
};

export function applySla(policy: SlaPolicy, urgency: Urgency): AppliedSla {
  const t = policy.targets[urgency];
  return { policyVersion: policy.version, urgency, acknowledgeWithinMs: t.acknowledgeWithinMs, resolveWithinMs: t.resolveWithinMs };
}

/** Rejects a policy that could never be met or is malformed; returns a reason or null. */
export function slaPolicyProblem(policy: SlaPolicy): string | null {
  if (!policy.version) return 'version is empty';
  for (const [urgency, t] of Object.entries(policy.targets)) {
    if (!(t.acknowledgeWithinMs > 0) || !(t.resolveWithinMs > 0)) return `${urgency}: durations must be > 0`;
    if (t.acknowledgeWithinMs > t.resolveWithinMs) return `${urgency}: acknowledge target exceeds resolve target`;
  }
  return null;
}
