import { COMPLAINT_MACHINE_VERSION } from './complaint.machine';
import type { ComplaintState } from './decider';

/**
 * Rebuilt case states, kept so a command on a hot case folds only the events appended since.
 * Entries are keyed by case and stamped with the revision they reflect and the machine version
 * that built them: a state from another machine version is never reused. Least recently used
 * entries are dropped past `maxEntries`.
 */
export class CaseSnapshotCache {
  private readonly entries = new Map<string, { machineVersion: number; state: ComplaintState }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly machineVersion = COMPLAINT_MACHINE_VERSION,
  ) {}

  /** The cached state of a case (its revision is `state.context.revision`), or undefined. */
  get(caseId: string): ComplaintState | undefined {
    const entry = this.entries.get(caseId);
    if (!entry) return undefined;
    if (entry.machineVersion !== this.machineVersion) {
      this.entries.delete(caseId);
      return undefined;
    }
    // Re-insert to mark as most recently used (Map keeps insertion order).
    this.entries.delete(caseId);
    this.entries.set(caseId, entry);
    return entry.state;
  }

  set(caseId: string, state: ComplaintState): void {
    const current = this.entries.get(caseId);
    // Never move a case backwards: a slower writer must not overwrite a newer state.
    if (current && current.machineVersion === this.machineVersion && current.state.context.revision > state.context.revision) return;
    this.entries.delete(caseId);
    this.entries.set(caseId, { machineVersion: this.machineVersion, state });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(caseId: string): void {
    this.entries.delete(caseId);
  }

  get size(): number {
    return this.entries.size;
  }
}
