// One leader among processes that share a database: the relay, the projector and the scheduler
// each run one active instance; the others stand by and take over when it dies. Grown from the
// case list's election: the lease is a session advisory lock on a connection of its own (it ends
// when that session ends: the process died or the network split it off), each leadership is a
// numbered term, and work of a deposed term backs out at its next await.

/** A held lease: alive as long as its session is. */
export interface LeaseSession {
  /** Resolves while the session is alive; rejects (or never settles) when it is not. */
  check(): Promise<void>;
  /** Called once if the session ends by itself (connection closed). */
  onLost(listener: (reason: string) => void): void;
  release(): Promise<void>;
}

/** Where leases come from: a database's advisory locks, or (one process by construction) always. */
export interface LeaseBackend {
  /** The lease if it is free now, else undefined; never throws for an unreachable database. */
  tryAcquire(): Promise<LeaseSession | undefined>;
}

/** The leadership a process holds: its number, whether it is still current, and a signal that aborts when it ends. */
export interface LeaseTerm {
  readonly number: number;
  readonly signal: AbortSignal;
  isCurrent(): boolean;
}

export interface LeaderLeaseOptions {
  /** For logs and metrics, e.g. `relay`. */
  name: string;
  /** Start leading (start the work); throwing steps down. */
  onLead: (term: LeaseTerm) => Promise<void>;
  /** Stop the work of this term (it lost the lease or the process stops). */
  onStepDown: (term: LeaseTerm, reason: string) => Promise<void>;
  /** A standby's chance to follow the leader (e.g. read its checkpoint), every `followEveryMs`. */
  onStandbyTick?: () => Promise<void>;
  /** Try to take over this often while standing by (default 2 s). */
  retryEveryMs?: number;
  /** Check the leader's session this often (default 2 s). */
  checkEveryMs?: number;
  /** A check that takes longer than this counts as lost (default 5 s): a split network hangs instead of failing. */
  checkTimeoutMs?: number;
  followEveryMs?: number;
  onRole?: (role: 'leader' | 'standby', reason?: string) => void;
}

export class LeaderLease {
  private term = 0;
  private current: { number: number; session: LeaseSession; controller: AbortController; check?: NodeJS.Timeout } | undefined;
  private stopping = false;
  private standbyTimer: NodeJS.Timeout | undefined;
  private standingBy = false;
  private stepDownRunning: Promise<void> | undefined;

  constructor(
    private readonly backend: LeaseBackend,
    private readonly options: LeaderLeaseOptions,
  ) {}

  get isLeader(): boolean {
    return this.current !== undefined;
  }

  /** Tries to lead at once; otherwise stands by (and keeps trying). */
  async start(): Promise<void> {
    const session = await this.backend.tryAcquire();
    if (session) await this.lead(session);
    else {
      this.options.onRole?.('standby');
      this.standBy();
    }
  }

  /** Steps down (if leading), stops trying, releases the lease. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.standbyTimer);
    if (this.current) await this.stepDown(this.current.number, 'stopping');
    await this.stepDownRunning;
  }

  private async lead(session: LeaseSession): Promise<void> {
    const number = ++this.term;
    const controller = new AbortController();
    const current: NonNullable<LeaderLease['current']> = { number, session, controller };
    this.current = current;
    const term: LeaseTerm = {
      number,
      signal: controller.signal,
      isCurrent: () => !this.stopping && this.term === number && this.current === current,
    };
    session.onLost((reason) => void this.stepDown(number, reason));
    const checkEvery = this.options.checkEveryMs ?? 2_000;
    const timeoutMs = this.options.checkTimeoutMs ?? 5_000;
    current.check = setInterval(() => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      Promise.race([session.check(), timeout])
        .catch(
          (error: unknown) => void this.stepDown(number, `lease check failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => clearTimeout(timer));
    }, checkEvery);
    current.check.unref();
    this.options.onRole?.('leader');
    try {
      await this.options.onLead(term);
    } catch (error) {
      await this.stepDown(number, `could not start: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Ends term `number` once: stops its work, releases the lease, stands by (unless stopping). */
  private async stepDown(number: number, reason: string): Promise<void> {
    const current = this.current;
    if (!current || current.number !== number) return;
    this.current = undefined;
    this.term++;
    clearInterval(current.check);
    current.controller.abort(new Error(reason));
    const term: LeaseTerm = { number, signal: current.controller.signal, isCurrent: () => false };
    const run = (async () => {
      await this.options.onStepDown(term, reason).catch(() => undefined);
      await current.session.release().catch(() => undefined);
    })();
    this.stepDownRunning = run;
    await run;
    if (!this.stopping) {
      this.options.onRole?.('standby', reason);
      this.standBy();
    }
  }

  private standBy(): void {
    if (this.standingBy || this.stopping) return;
    this.standingBy = true;
    const retryEvery = this.options.retryEveryMs ?? 2_000;
    const followEvery = this.options.followEveryMs ?? retryEvery;
    let lastTry = Date.now();
    const tick = async (): Promise<void> => {
      if (this.stopping) return void (this.standingBy = false);
      await this.options.onStandbyTick?.().catch(() => undefined);
      if (Date.now() - lastTry >= retryEvery) {
        lastTry = Date.now();
        const session = await this.backend.tryAcquire();
        if (session && this.stopping) {
          await session.release().catch(() => undefined);
          return void (this.standingBy = false);
        }
        if (session) {
          this.standingBy = false;
          await this.lead(session);
          return;
        }
      }
      this.standbyTimer = setTimeout(() => void tick(), Math.min(followEvery, retryEvery));
      this.standbyTimer.unref();
    };
    // Follow at once (a standby reports where the leader is without waiting a period).
    this.standbyTimer = setTimeout(() => void tick(), 0);
    this.standbyTimer.unref();
  }
}

/** One process by construction (the embedded data dir is locked to it): the lease is always free. */
export function localLeaseBackend(): LeaseBackend {
  return {
    async tryAcquire() {
      return { check: async () => undefined, onLost: () => undefined, release: async () => undefined };
    },
  };
}
