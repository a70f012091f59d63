import type { AppliedSla, Urgency } from '@complaint-ledger/complaint-contract';

export type { AppliedSla } from '@complaint-ledger/complaint-contract';

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
