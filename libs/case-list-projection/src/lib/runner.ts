import { fromRecordedEvent } from '@complaint-ledger/complaint-application';
import { COMPLAINT_EVENT_TYPES, type ComplaintEvent } from '@complaint-ledger/complaint-contract';
import {
  comparePositions,
  type EventStore,
  type GlobalPosition,
  type RecordedEvent,
  type Subscription,
} from '@complaint-ledger/event-store';
import { CASE_LIST_PROJECTION, type CaseListRow } from './case-list-row';
import type { CaseListStore } from './case-list-store';
import { project } from './project';

export interface CaseListRunnerOptions {
  /** Events applied per transaction during catch-up (live events commit as soon as the subscription is caught up). */
  batchSize?: number;
  /** Projection version; defaults to CASE_LIST_PROJECTION.version. A stored checkpoint of another version triggers a rebuild on start. */
  version?: number;
  /** TEST ONLY: apply events at or below a row's revision again (the crash test's "protection off"). */
  unsafeNoRevisionGuard?: boolean;
  /**
   * Once caught up, live events are committed at most this often (ms), so a busy store costs one
   * commit per interval rather than one per event. Default 25; 0 commits every time it catches up.
   */
  liveCommitIntervalMs?: number;
  /** Called after each committed batch (metrics, tests). */
  onCommit?: (info: { events: number; rows: number; position: GlobalPosition; seconds: number }) => void;
  /** Called when the subscription dies; the runner is then stopped. Default: console.error. */
  onError?: (error: unknown) => void;
}

export class WaitForTimeoutError extends Error {
  constructor(
    readonly position: GlobalPosition,
    readonly reached: GlobalPosition | 'start',
  ) {
    super(`case list did not reach position ${position} in time (at ${reached})`);
    this.name = 'WaitForTimeoutError';
  }
}

const COMPLAINT_TYPES = new Set<string>(COMPLAINT_EVENT_TYPES);
const STREAM_PREFIX = 'complaint-';

interface Waiter {
  position: GlobalPosition;
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

/**
 * Feeds the case list from the store's catch-up subscription: starts after the stored
 * checkpoint, buffers events, and commits each batch's rows with the checkpoint in one
 * transaction. After a crash it resumes from that checkpoint, so every event's effect lands
 * exactly once; the revision guard (skip an event at or below the row's revision) makes
 * re-applying harmless even if rows ever ran ahead of the checkpoint.
 */
export class CaseListRunner {
  private subscription: Subscription | undefined;
  private pending: RecordedEvent[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private committed: GlobalPosition | 'start' = 'start';
  private caughtUpOnce = false;
  private caughtUpWaiters: (() => void)[] = [];
  private liveFlushTimer: NodeJS.Timeout | undefined;
  private waiters: Waiter[] = [];
  private failure: unknown;
  private readonly batchSize: number;
  readonly version: number;
  /** Events applied since start (tests, metrics). */
  applied = 0;

  constructor(
    private readonly events: EventStore,
    private readonly store: CaseListStore,
    private readonly options: CaseListRunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.version = options.version ?? CASE_LIST_PROJECTION.version;
  }

  /** The last position whose effects are committed. */
  get position(): GlobalPosition | 'start' {
    return this.committed;
  }

  get running(): boolean {
    return this.subscription !== undefined;
  }

  /** Migrates, rebuilds when the stored version differs, and subscribes from the checkpoint. */
  async start(): Promise<void> {
    if (this.subscription) return;
    await this.store.migrate();
    const checkpoint = await this.store.readCheckpoint();
    if (!checkpoint || checkpoint.version !== this.version) {
      // First run, or rows written by another projection version: replay everything.
      await this.store.reset(this.version);
      this.committed = 'start';
    } else {
      this.committed = checkpoint.position;
    }
    this.failure = undefined;
    this.caughtUpOnce = false;
    this.subscription = this.events.subscribeToAll({
      fromPosition: this.committed,
      // Live rows are committed every liveCommitIntervalMs: reading more often only costs queries.
      liveBatchingMs: this.options.liveCommitIntervalMs ?? 25,
      onEvent: async (event) => {
        this.pending.push(event);
        if (this.pending.length >= this.batchSize) await this.flush();
      },
      onCaughtUp: () => {
        if (this.caughtUpOnce && (this.options.liveCommitIntervalMs ?? 25) > 0) {
          this.scheduleLiveFlush();
          return;
        }
        this.flush().then(
          () => {
            this.caughtUpOnce = true;
            for (const w of this.caughtUpWaiters.splice(0)) w();
          },
          (error: unknown) => {
            // A commit failed outside onEvent: stop delivering past an uncommitted batch.
            void this.subscription?.stop();
            this.fail(error);
          },
        );
      },
      onError: (error) => this.fail(error),
    });
  }

  /** Live mode: one commit for whatever arrived within the interval. */
  private scheduleLiveFlush(): void {
    if (this.liveFlushTimer) return;
    this.liveFlushTimer = setTimeout(() => {
      this.liveFlushTimer = undefined;
      this.flush().catch((error: unknown) => {
        void this.subscription?.stop();
        this.fail(error);
      });
    }, this.options.liveCommitIntervalMs ?? 25);
  }

  /**
   * Stops the subscription after committing what was already received; with `flush: false` the
   * received events are dropped instead (a projector that lost its leadership must not write; the
   * next leader replays them from the checkpoint).
   */
  async stop(options: { flush?: boolean } = {}): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    clearTimeout(this.liveFlushTimer);
    this.liveFlushTimer = undefined;
    await subscription?.stop();
    if (options.flush === false) {
      this.pending = [];
      await this.flushing;
      return;
    }
    await this.flush().catch(() => undefined);
  }

  /** Truncates the list and replays the whole store (e.g. after fixing a projection bug). */
  async rebuild(): Promise<void> {
    await this.stop();
    await this.store.reset(this.version);
    await this.start();
  }

  /** Resolves once the first catch-up is committed (everything stored at start is listed). */
  caughtUp(): Promise<void> {
    if (this.caughtUpOnce) return Promise.resolve();
    return new Promise((resolve) => this.caughtUpWaiters.push(resolve));
  }

  /**
   * Read-your-writes: resolves once the list reflects every event up to `position` (the global
   * position a command's append returned); rejects with WaitForTimeoutError after `timeoutMs`.
   */
  waitFor(position: GlobalPosition, timeoutMs = 5_000): Promise<void> {
    if (this.reached(position)) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new WaitForTimeoutError(position, this.committed));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  private reached(position: GlobalPosition): boolean {
    return this.committed !== 'start' && comparePositions(this.committed, position) >= 0;
  }

  private fail(error: unknown): void {
    if (this.failure === error) return;
    this.failure = error;
    this.pending = [];
    this.subscription = undefined;
    for (const w of this.waiters.splice(0)) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    if (this.options.onError) this.options.onError(error);
    else console.error('case-list projection stopped:', error);
  }

  /** Commits the buffered events; calls are serialised so batches commit in order. */
  private flush(): Promise<void> {
    const run = this.flushing.then(() => this.commitPending());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async commitPending(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const started = performance.now();
    const complaintEvents: { recorded: RecordedEvent; event: ComplaintEvent }[] = [];
    for (const recorded of batch) {
      if (!recorded.streamName.startsWith(STREAM_PREFIX) || !COMPLAINT_TYPES.has(recorded.type)) continue;
      complaintEvents.push({ recorded, event: fromRecordedEvent(recorded) });
    }
    const ids = [...new Set(complaintEvents.map((e) => e.event.complaintId))];
    const rows = await this.store.getRows(ids);
    const changed = new Map<string, CaseListRow>();
    for (const { recorded, event } of complaintEvents) {
      const row = rows.get(event.complaintId);
      // The revision guard: an event this row already reflects is not applied again.
      if (row && recorded.revision <= row.revision && !this.options.unsafeNoRevisionGuard) continue;
      const next = project(row, event, { revision: recorded.revision, position: recorded.globalPosition });
      rows.set(next.id, next);
      changed.set(next.id, next);
    }
    const position = (batch.at(-1) as RecordedEvent).globalPosition;
    await this.store.commit([...changed.values()], { position, version: this.version });
    this.committed = position;
    this.applied += complaintEvents.length;
    this.options.onCommit?.({ events: batch.length, rows: changed.size, position, seconds: (performance.now() - started) / 1000 });
    for (const w of this.waiters.filter((w) => this.reached(w.position))) {
      clearTimeout(w.timer);
      w.resolve();
    }
    this.waiters = this.waiters.filter((w) => !this.reached(w.position));
  }
}
