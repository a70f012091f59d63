import { randomUUID } from 'node:crypto';
import {
  CaseSnapshotCache,
  commandProblem,
  createDecider,
  stateName,
  type ComplaintCommand,
  type ComplaintDecider,
  type ComplaintState,
  type ReceiveComplaint,
  type SlaPolicy,
  type StateName,
} from '@complaint-ledger/complaint-domain';
import {
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type JsonObject,
  type RecordedEvent,
} from '@complaint-ledger/event-store';
import { complaintStreamName } from '@complaint-ledger/complaint-contract';
import type { CustomerRegistry } from '@complaint-ledger/ledger-ports';
import { fromRecordedEvent, toStoreEvent } from '../event-codec';
import {
  CommandNotAllowedError,
  ComplaintNotFoundError,
  ContentionError,
  IdempotencyMismatchError,
  InvalidCommandError,
  PreconditionFailedError,
  RateLimitedError,
} from './errors';
import { idempotentComplaintId, idempotentEventId, requestHash, type IdempotencyScope } from './idempotency';

/** Who asks, in answer to what, and under which conditions. */
export interface CommandContext {
  /** Token subject (`sub`): the event's actor, and part of the idempotency scope. */
  subject: string;
  correlationId: string;
  /** Id of the request that carried the command. */
  causationId: string;
  /** The concrete route, e.g. `POST /complaints/<id>/classify`: the idempotency scope. */
  route: string;
  /** The Idempotency-Key header, if any. */
  idempotencyKey?: string;
  /** The If-Match revision, if any: the command applies to exactly that revision or not at all (412). */
  expectedRevision?: number;
  /** May the command's `occurredAt` lie more than the back-dating window in the past (imports; role admin)? */
  mayBackdate?: boolean;
  /**
   * The caller's rate-limit standing, counted on arrival. Refused (RateLimitedError) only once the
   * command is known to be acceptable, just before it is appended or its first answer replayed.
   */
  rateLimit?: { limited: boolean; retryAfterSeconds: number };
}

/** The first (and, for retries, the same) answer to a command: `201 { id, revision, state }`. */
export interface CommandResult {
  id: string;
  /** 0-based revision of the case's last event written by this command. */
  revision: number;
  state: Exclude<StateName, 'none'>;
  /** True when an Idempotency-Key retry returned an earlier result and appended nothing. */
  replayed: boolean;
  /**
   * Global position of the command's last event: a read model that has reached it reflects the
   * command (read-your-writes, e.g. GET /complaints with X-Min-Position).
   */
  position: GlobalPosition;
}

export type CreateComplaint = Omit<ReceiveComplaint, 'type' | 'complaintId'>;
/** Any command on an existing case (not a create). */
export type CaseCommand = Exclude<ComplaintCommand, ReceiveComplaint>;

export interface ComplaintCommandServiceOptions {
  now?: () => Date;
  /** Re-decisions after a revision conflict when no If-Match was given (default 5). */
  maxRetries?: number;
  /** How far back `occurredAt` may lie without `mayBackdate` (default 24 h). */
  backdateWindowMs?: number;
  cache?: CaseSnapshotCache;
  decider?: ComplaintDecider;
  slaPolicy?: SlaPolicy;
  newId?: () => string;
  /** Allocates the customer's opaque ref at intake (recorded in ComplaintReceived). Absent: no ref is recorded. */
  registry?: CustomerRegistry;
  /**
   * TEST ONLY: append with expected revision `any` instead of the exact one the decision was made
   * on. Switches off the protection against lost updates so race tests can be seen failing
   * (COMMANDS_UNSAFE=any-revision in the API). Never set it in production.
   */
  unsafeAppendAnyRevision?: boolean;
}

interface LoadedCase {
  state: ComplaintState;
  /** Every event of the stream, read only when an idempotency lookup needs them. */
  history?: RecordedEvent[];
  /** Taken from the cache without reading the store, so a refusal must be re-checked. */
  fromCache: boolean;
}

export const DEFAULT_MAX_RETRIES = 5;
export const BACKDATE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The command side: take the case from the snapshot cache (or the store), decide, append with the
 * exact expected revision; a conflict re-reads the store and decides again. Framework-free: the HTTP app wraps it, tests drive it over InMemoryEventStore.
 */
export class ComplaintCommandService {
  private readonly now: () => Date;
  private readonly maxRetries: number;
  private readonly backdateWindowMs: number;
  private readonly cache: CaseSnapshotCache;
  private readonly decider: ComplaintDecider;
  private readonly newId: () => string;

  constructor(
    private readonly store: EventStore,
    private readonly options: ComplaintCommandServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.backdateWindowMs = options.backdateWindowMs ?? BACKDATE_WINDOW_MS;
    this.cache = options.cache ?? new CaseSnapshotCache();
    this.decider = options.decider ?? createDecider();
    this.newId = options.newId ?? randomUUID;
  }

  /** Receive a new complaint. Its id is new, or derived from (subject, route, Idempotency-Key). */
  async create(payload: CreateComplaint, ctx: CommandContext): Promise<CommandResult> {
    const scope = this.scopeOf(ctx);
    const complaintId = scope ? idempotentComplaintId(scope) : this.newId();
    // The registry's ref, never the client's: allocated once per customer, before deciding, and
    // only for a well-formed intake (a refused one must leave nothing behind).
    let customerRef: string | undefined;
    if (this.options.registry) {
      const problem = commandProblem({ ...payload, type: 'ReceiveComplaint', complaintId } as ReceiveComplaint);
      if (problem) throw new InvalidCommandError(problem.field, problem.reason);
      customerRef = await this.options.registry.refFor(payload.customerId);
    }
    const command = { ...payload, type: 'ReceiveComplaint', complaintId, ...(customerRef ? { customerRef } : {}) } as ReceiveComplaint;
    return this.run(command, ctx, true);
  }

  /** Any command on an existing case; an unknown case is ComplaintNotFoundError. */
  async execute(command: CaseCommand, ctx: CommandContext): Promise<CommandResult> {
    return this.run(command, ctx, false);
  }

  private scopeOf(ctx: CommandContext): IdempotencyScope | undefined {
    return ctx.idempotencyKey === undefined ? undefined : { subject: ctx.subject, route: ctx.route, key: ctx.idempotencyKey };
  }

  private async run(command: ComplaintCommand, ctx: CommandContext, creating: boolean): Promise<CommandResult> {
    this.checkBackdating(command, ctx);
    const scope = this.scopeOf(ctx);
    const hash = scope ? requestHash(bodyOf(command, creating)) : undefined;
    const stream = complaintStreamName(command.complaintId);

    // Optimistic: decide on the cached state without reading the store. The exact expected
    // revision of the append catches any event we did not see; a refusal or a failed If-Match
    // based on the cache alone is re-checked against the store before it is reported.
    let verified = false;
    for (let conflicts = 0; ;) {
      const loaded = await this.load(
        command.complaintId,
        scope !== undefined,
        creating && !scope ? 'new' : verified || scope ? 'read' : 'cache',
      );
      verified ||= !loaded.fromCache;
      if (scope && hash) {
        const replay = this.findEarlier(loaded.history ?? [], scope, hash, command.complaintId);
        if (replay) {
          admit(ctx);
          return replay;
        }
      }
      const current = loaded.state;
      const exists = current.context.complaintId !== null;
      if (!creating && !exists) throw new ComplaintNotFoundError(command.complaintId);
      const revision = current.context.revision;
      if (ctx.expectedRevision !== undefined && ctx.expectedRevision !== revision) {
        if (loaded.fromCache) {
          verified = true;
          continue;
        }
        throw new PreconditionFailedError(command.complaintId, ctx.expectedRevision, revision);
      }

      const decision = this.decider.decide(current, command, { now: this.now(), slaPolicy: this.options.slaPolicy });
      if (!decision.ok) {
        if (loaded.fromCache) {
          verified = true;
          continue;
        }
        const r = decision.rejection;
        if (r.kind === 'invalid') throw new InvalidCommandError(r.field, r.reason);
        throw new CommandNotAllowedError(r.command, r.currentState, r.allowedCommands, r.message);
      }
      admit(ctx);
      const extra: JsonObject | undefined =
        scope && hash ? { idempotencyKey: scope.key, idempotencyRoute: scope.route, requestHash: hash } : undefined;
      const events = decision.events.map((event, i) =>
        toStoreEvent(event, scope ? idempotentEventId(scope, i) : this.newId(), {
          actor: ctx.subject,
          correlationId: ctx.correlationId,
          causationId: ctx.causationId,
          extra,
        }),
      );
      const expected: ExpectedRevision = this.options.unsafeAppendAnyRevision ? 'any' : exists ? revision : 'no_stream';
      try {
        const result = await this.store.appendToStream(stream, events, expected);
        if (scope && hash) {
          // An identical-id append by a concurrent request with the same key returns the first
          // writer's result without writing: make sure that writer had the same body.
          const firstRevision = result.nextExpectedRevision - events.length + 1;
          const [first] = await this.store.readStream(stream, { fromRevision: firstRevision, maxCount: 1 });
          if (first && first.metadata['requestHash'] !== hash) throw new IdempotencyMismatchError(scope.key);
        }
        if (result.nextExpectedRevision === decision.state.context.revision) this.cache.set(command.complaintId, decision.state);
        else this.cache.delete(command.complaintId);
        return {
          id: command.complaintId,
          revision: result.nextExpectedRevision,
          state: visible(decision.state),
          replayed: false,
          position: result.position,
        };
      } catch (error) {
        const conflict = error instanceof WrongExpectedRevisionError || (scope !== undefined && error instanceof DuplicateEventIdError);
        if (!conflict) throw error;
        // Someone wrote first. With a key, that may have been our own twin: the next loop looks it up.
        if (ctx.expectedRevision !== undefined && !scope) {
          throw new PreconditionFailedError(command.complaintId, ctx.expectedRevision, actualOf(error, revision));
        }
        if (creating && !scope) throw error; // a fresh random id cannot collide; do not mask the surprise
        conflicts++;
        if (conflicts > this.maxRetries) throw new ContentionError(command.complaintId, conflicts);
        verified = true; // what we had was stale: read the store from now on
      }
    }
  }

  /**
   * The case to decide on. `cache`: the cached state as is, when there is one (no read);
   * `read`: cached state + the events appended since (the whole stream when `withHistory`);
   * `new`: a case that cannot exist yet (a fresh random id).
   */
  private async load(complaintId: string, withHistory: boolean, mode: 'cache' | 'read' | 'new'): Promise<LoadedCase> {
    // A fresh random id cannot exist yet: the initial state is authoritative, nothing to re-check.
    if (mode === 'new') return { state: this.decider.initialState, fromCache: false };
    const stream = complaintStreamName(complaintId);
    const cached = this.cache.get(complaintId);
    if (mode === 'cache' && cached) return { state: cached, fromCache: true };
    const from = cached ? cached.context.revision + 1 : 0;
    if (withHistory) {
      const history = await this.store.readStream(stream);
      const state = this.fold(
        complaintId,
        history.filter((e) => e.revision >= from),
        cached,
      );
      return { state, history, fromCache: false };
    }
    const fresh = await this.store.readStream(stream, { fromRevision: from });
    return { state: this.fold(complaintId, fresh, cached), fromCache: false };
  }

  private fold(complaintId: string, recorded: RecordedEvent[], from: ComplaintState | undefined): ComplaintState {
    if (recorded.length === 0 && from) return from;
    const state = this.decider.fold(recorded.map(fromRecordedEvent), from ?? this.decider.initialState);
    if (recorded.length > 0) this.cache.set(complaintId, state);
    return state;
  }

  /** The earlier response to the same (subject, route, key), found by its deterministic event ids. */
  private findEarlier(history: RecordedEvent[], scope: IdempotencyScope, hash: string, complaintId: string): CommandResult | undefined {
    const firstId = idempotentEventId(scope, 0);
    const start = history.findIndex((e) => e.id === firstId);
    if (start < 0) return undefined;
    if (history[start].metadata['requestHash'] !== hash) throw new IdempotencyMismatchError(scope.key);
    let end = start;
    while (end + 1 < history.length && history[end + 1].id === idempotentEventId(scope, end + 1 - start)) end++;
    const state = this.decider.fold(history.slice(0, end + 1).map(fromRecordedEvent));
    return {
      id: complaintId,
      revision: history[end].revision,
      state: visible(state),
      replayed: true,
      position: history[end].globalPosition,
    };
  }

  private checkBackdating(command: ComplaintCommand, ctx: CommandContext): void {
    if (command.occurredAt === undefined || ctx.mayBackdate) return;
    const at = Date.parse(command.occurredAt);
    if (Number.isFinite(at) && at < this.now().getTime() - this.backdateWindowMs) {
      throw new InvalidCommandError(
        'occurredAt',
        `must not lie more than ${this.backdateWindowMs / 3_600_000} h in the past (only admins may back-date, for imports)`,
      );
    }
  }
}

/** The last check before a command takes effect: is the caller within its rate limit? */
function admit(ctx: CommandContext): void {
  if (ctx.rateLimit?.limited) throw new RateLimitedError(ctx.rateLimit.retryAfterSeconds);
}

function visible(state: ComplaintState): CommandResult['state'] {
  return stateName(state) as CommandResult['state'];
}

/** What the caller sent, for the idempotency hash: the command minus what the server derives. */
function bodyOf(command: ComplaintCommand, creating: boolean): unknown {
  const body: Record<string, unknown> = { ...command };
  delete body['type'];
  // Supplied by the server (the registry), not sent by the caller.
  delete body['customerRef'];
  if (creating) delete body['complaintId'];
  return body;
}

function actualOf(error: unknown, fallback: number): number {
  return error instanceof WrongExpectedRevisionError && typeof error.actual === 'number' ? error.actual : fallback;
}
