import { Worker } from 'node:worker_threads';
import { WaitForTimeoutError } from '@complaint-ledger/case-list-projection';
import { comparePositions, type GlobalPosition } from '@complaint-ledger/event-store';
import type { CaseListRole, CaseListWorkerData, FromCaseListWorker, ToCaseListWorker } from './case-list-worker-protocol';

/** What the query side needs of the projection, whichever thread runs it (CaseListRunner has the same shape). */
export interface CaseListProjection {
  /** The last position whose effects are committed. */
  readonly position: GlobalPosition | 'start';
  /** Read-your-writes: resolves once the list reflects `position`; WaitForTimeoutError after timeoutMs. */
  waitFor(position: GlobalPosition, timeoutMs?: number): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerCaseListHooks {
  onCommit?: (info: { events: number; rows: number; position: GlobalPosition; seconds: number }) => void;
  onError?: (message: string) => void;
  /** This instance became the one that projects (leader), or follows another instance's (standby). */
  onRole?: (role: CaseListRole) => void;
}

interface Waiter {
  position: GlobalPosition;
  resolve: () => void;
  timer: NodeJS.Timeout;
}

const RESPAWN_DELAY_MS = 1_000;
const RESPAWN_DELAY_MAX_MS = 30_000;
const STOP_TIMEOUT_MS = 8_000;

/**
 * The case-list projection run by case-list.worker.js on a worker thread, seen from the main
 * thread: start/stop it, follow its committed position (its commits as leader, the leader's
 * checkpoint as standby; forward only, except for an announced reset), wait for a position.
 * A thread that dies, or fails to start again, is started again after 1 s, doubling up to 30 s;
 * it resumes from its checkpoint.
 */
export class WorkerCaseList implements CaseListProjection {
  private worker: Worker | undefined;
  private committed: GlobalPosition | 'start' = 'start';
  private waiters: Waiter[] = [];
  private stopping = false;
  private respawnTimer: NodeJS.Timeout | undefined;
  private respawnDelayMs = RESPAWN_DELAY_MS;
  /** Leader (projects) or standby (follows the leader's checkpoint); undefined until started. */
  role: CaseListRole | undefined;

  constructor(
    private readonly script: string,
    private readonly data: CaseListWorkerData,
    private readonly hooks: WorkerCaseListHooks = {},
  ) {}

  get position(): GlobalPosition | 'start' {
    return this.committed;
  }

  /** Resolves once the worker is ready (as leader: migrated, checkpoint read, subscribed; as standby: following). */
  start(): Promise<void> {
    this.stopping = false;
    return new Promise((resolve, reject) => {
      const worker = new Worker(this.script, { workerData: this.data });
      this.worker = worker;
      let started = false;
      const failedToStart = (error: Error) => {
        if (started) return;
        started = true; // settle once
        void worker.terminate();
        reject(error);
      };
      worker.on('message', (m: FromCaseListWorker) => {
        switch (m.type) {
          case 'started':
            started = true;
            this.respawnDelayMs = RESPAWN_DELAY_MS;
            this.role = m.role;
            this.advance(m.position);
            resolve();
            break;
          case 'role':
            this.role = m.role;
            this.advance(m.position);
            this.hooks.onRole?.(m.role);
            break;
          case 'commit':
            this.advance(m.position);
            this.hooks.onCommit?.(m);
            break;
          case 'position':
            this.advance(m.position);
            break;
          case 'reset':
            this.committed = 'start';
            break;
          case 'error':
            this.hooks.onError?.(`${m.message}; recovering in ${m.restartInMs} ms`);
            break;
          case 'failed':
            if (!started) failedToStart(new Error(`case-list worker could not start: ${m.message}`));
            else this.hooks.onError?.(m.message);
            break;
          case 'stopped':
            this.advance(m.position);
            break;
        }
      });
      worker.on('error', (error) => {
        if (!started) failedToStart(error);
        else this.hooks.onError?.(`case-list worker crashed: ${error.message}`);
      });
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = undefined;
        failedToStart(new Error(`case-list worker exited (${code}) before it started`));
        if (this.stopping) return;
        this.hooks.onError?.(`case-list worker exited (${code}); starting it again in ${this.respawnDelayMs} ms`);
        this.scheduleRespawn();
      });
    });
  }

  private scheduleRespawn(): void {
    const delay = this.respawnDelayMs;
    this.respawnDelayMs = Math.min(delay * 2, RESPAWN_DELAY_MAX_MS);
    this.respawnTimer = setTimeout(() => {
      if (this.stopping) return;
      // A failed start ends in the worker's exit, which schedules the next attempt.
      this.start().catch((error: unknown) => this.hooks.onError?.(error instanceof Error ? error.message : String(error)));
    }, delay);
    this.respawnTimer.unref();
  }

  /** Asks the worker to commit what it has and close its connections; terminates it if it does not within 8 s. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.respawnTimer);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' } satisfies ToCaseListWorker);
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  waitFor(position: GlobalPosition, timeoutMs = 5_000): Promise<void> {
    if (this.reached(position)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new WaitForTimeoutError(position, this.committed));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Forward only: a standby's stale report or an older checkpoint never moves the position back. */
  private advance(position: GlobalPosition | 'start'): void {
    if (position === 'start') return;
    if (this.committed !== 'start' && comparePositions(position, this.committed) <= 0) return;
    this.committed = position;
    const reached = this.waiters.filter((w) => this.reached(w.position));
    if (reached.length === 0) return;
    this.waiters = this.waiters.filter((w) => !this.reached(w.position));
    for (const w of reached) {
      clearTimeout(w.timer);
      w.resolve();
    }
  }

  private reached(position: GlobalPosition): boolean {
    return this.committed !== 'start' && comparePositions(this.committed, position) >= 0;
  }
}
