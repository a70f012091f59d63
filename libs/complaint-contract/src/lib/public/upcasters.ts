// Lifting older public versions of an event's data to the current one, at read time. Each
// upcaster takes version N to N+1; a consumer built with this library reads every version ever
// published as the current one. None exist yet: every event type is at version 1.
import type { ComplaintEventType } from '../events';
import { PUBLIC_VERSIONS } from './public-events';

export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;
/** Per type, per version N: the function from N to N+1. */
export type Upcasters = Partial<Record<ComplaintEventType, Readonly<Record<number, Upcaster>>>>;

export const UPCASTERS: Upcasters = {};

/** A version this library does not know: published by a newer contract; upgrade the consumer. */
export class UnknownEventVersionError extends Error {
  constructor(
    readonly eventType: ComplaintEventType,
    readonly version: number,
    readonly current: number,
  ) {
    super(`${eventType} v${version} is newer than this contract knows (v${current}): upgrade @complaint-ledger/complaint-contract`);
    this.name = 'UnknownEventVersionError';
  }
}

/** `data` of `type` at `version`, lifted to the current version. */
export function upcast(
  type: ComplaintEventType,
  version: number,
  data: Record<string, unknown>,
  upcasters: Upcasters = UPCASTERS,
  current: Readonly<Record<ComplaintEventType, number>> = PUBLIC_VERSIONS,
): { version: number; data: Record<string, unknown> } {
  const target = current[type];
  if (version > target) throw new UnknownEventVersionError(type, version, target);
  let out = data;
  for (let v = version; v < target; v++) {
    const step = upcasters[type]?.[v];
    if (!step) throw new Error(`no upcaster for ${type} v${v} -> v${v + 1}`);
    out = step(out);
  }
  return { version: target, data: out };
}
