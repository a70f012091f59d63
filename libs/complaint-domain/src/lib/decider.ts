import { initialTransition, transition, type ActorScope, type SnapshotFrom } from 'xstate';
import { buildEvents } from './command-to-events';
import { commandProblem } from './commands';
import { ISO_INSTANT_REASON, parseIsoInstant, type FieldProblem } from '@complaint-ledger/complaint-contract';
import { COMPLAINT_COMMAND_TYPES, type ComplaintCommand, type ComplaintCommandType } from './commands';
import { complaintMachine, type ComplaintMachine } from './complaint.machine';
import type { ComplaintEvent } from '@complaint-ledger/complaint-contract';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy';
import { COMMAND_PROBES } from './command-probes';

export type ComplaintState = SnapshotFrom<ComplaintMachine>;

export const STATE_NAMES = [
  'none',
  'received',
  'classified',
  'solutionProposed',
  'implementing',
  'awaitingFeedback',
  'evaluating',
  'closed',
  'withdrawn',
] as const;
export type StateName = (typeof STATE_NAMES)[number];

/**
 * The step of the six-step complaint flow each state belongs to: 1 receive & record, 2 analyse &
 * classify, 3 formulate a solution, 4 implement, 5 feedback & communication, 6 track & evaluate
 * (a closed case stays at 6). 0 for `none` and `withdrawn`: a withdrawn case is reported at the
 * step it was withdrawn in, which only its history knows.
 */
export const FLOW_STEP: Readonly<Record<StateName, number>> = {
  none: 0,
  received: 1,
  classified: 2,
  solutionProposed: 3,
  implementing: 4,
  awaitingFeedback: 5,
  evaluating: 6,
  closed: 6,
  withdrawn: 0,
};

/** The leaf state a person would name: `received`, `classified`, ... */
export function stateName(state: ComplaintState): StateName {
  const value: unknown = state.value;
  if (typeof value === 'string') return value as StateName;
  return Object.values(value as Record<string, string>)[0] as StateName;
}

export interface DecideOptions {
  /** The current instant, injected so decisions are reproducible. */
  now: Date;
  slaPolicy?: SlaPolicy;
}

export type Rejection =
  | {
      kind: 'not_allowed';
      command: ComplaintCommandType;
      currentState: StateName;
      allowedCommands: ComplaintCommandType[];
      message: string;
    }
  | ({ kind: 'invalid'; message: string } & FieldProblem);

export type Decision = { ok: true; events: ComplaintEvent[]; state: ComplaintState } | { ok: false; rejection: Rejection };

/** A stored event the machine refuses: the history is corrupt or from an incompatible machine. */
export class IllegalEventError extends Error {
  constructor(
    readonly state: StateName,
    readonly event: ComplaintEvent,
  ) {
    super(`event ${event.type} cannot be applied in state ${state} (revision ${event.complaintId})`);
    this.name = 'IllegalEventError';
  }
}

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const invalid = (p: FieldProblem): Decision => ({ ok: false, rejection: { kind: 'invalid', ...p, message: `${p.field} ${p.reason}` } });

/**
 * decide/evolve over a given machine. Production uses the one machine; tests pass a machine with a
 * transition removed to prove that legality lives in the machine and nowhere else.
 */
export function createDecider(machine: ComplaintMachine = complaintMachine) {
  const initialState: ComplaintState = initialTransition(machine)[0];
  // decide already computed the state each of its events leads to; evolve reuses it when asked
  // to fold exactly those events onto exactly that state (the common decide -> evolve path).
  const decided = new WeakMap<ComplaintEvent, { from: ComplaintState; to: ComplaintState }>();

  const scope = inertScopeOf(machine, initialState);

  function step(state: ComplaintState, event: ComplaintEvent): ComplaintState {
    return machine.transition(state, event, scope);
  }

  function evolve(state: ComplaintState, event: ComplaintEvent): ComplaintState {
    const known = decided.get(event);
    if (known && known.from === state) return known.to;
    const next = step(state, event);
    if (next === state) throw new IllegalEventError(stateName(state), event);
    return next;
  }

  function fold(events: Iterable<ComplaintEvent>, from: ComplaintState = initialState): ComplaintState {
    let state = from;
    for (const e of events) state = evolve(state, e);
    return state;
  }

  function allowedCommands(state: ComplaintState): ComplaintCommandType[] {
    const complaintId = state.context.complaintId ?? 'probe';
    const last = state.context.lastOccurredAtMs;
    const occurredAt = new Date(last ?? 0).toISOString();
    return COMPLAINT_COMMAND_TYPES.filter((type) =>
      (COMMAND_PROBES[type] as Omit<ComplaintCommand, 'complaintId'>[]).some((probe) => {
        const events = buildEvents({ ...probe, complaintId } as ComplaintCommand, {
          state: state.context,
          occurredAt,
          slaPolicy: DEFAULT_SLA_POLICY,
        });
        return state.can(events[0]);
      }),
    );
  }

  function decide(state: ComplaintState, command: ComplaintCommand, options: DecideOptions): Decision {
    const problem = commandProblem(command);
    if (problem) return invalid(problem);
    const ctx = state.context;
    if (ctx.complaintId !== null && command.complaintId !== ctx.complaintId) {
      return invalid({ field: 'complaintId', reason: `does not match the case (${ctx.complaintId})` });
    }
    const nowMs = options.now.getTime();
    let atMs = nowMs;
    if (command.occurredAt !== undefined) {
      const parsed = parseIsoInstant(command.occurredAt);
      if (parsed === null) return invalid({ field: 'occurredAt', reason: ISO_INSTANT_REASON });
      atMs = parsed;
      if (atMs > nowMs) return invalid({ field: 'occurredAt', reason: 'must not lie in the future' });
    }
    if (ctx.lastOccurredAtMs !== null && atMs < ctx.lastOccurredAtMs) {
      return invalid({
        field: 'occurredAt',
        reason: `must not precede the case's last event (${new Date(ctx.lastOccurredAtMs).toISOString()})`,
      });
    }
    if (command.type === 'ReceiveComplaint' && command.incidentAt !== undefined && Date.parse(command.incidentAt) > atMs) {
      return invalid({ field: 'incidentAt', reason: 'must not be after the complaint was received' });
    }
    // Events carry UTC instants with milliseconds; a command already in that form is kept as is.
    const occurredAt =
      command.occurredAt !== undefined && CANONICAL_INSTANT.test(command.occurredAt) ? command.occurredAt : new Date(atMs).toISOString();
    const events = buildEvents(command, { state: ctx, occurredAt, slaPolicy: options.slaPolicy ?? DEFAULT_SLA_POLICY });
    let next = state;
    for (const event of events) {
      const after = step(next, event);
      if (after === next) {
        const currentState = stateName(state);
        return {
          ok: false,
          rejection: {
            kind: 'not_allowed',
            command: command.type,
            currentState,
            allowedCommands: allowedCommands(state),
            message: `${command.type} is not allowed when the complaint is ${currentState}`,
          },
        };
      }
      decided.set(event, { from: next, to: after });
      next = after;
    }
    return { ok: true, events, state: next };
  }

  return { machine, initialState, decide, evolve, fold, allowedCommands };
}

export type ComplaintDecider = ReturnType<typeof createDecider>;

type MachineScope = ActorScope<ComplaintState, ComplaintEvent>;

/**
 * XState's pure `transition(machine, snapshot, event)` builds a throw-away inert actor scope on
 * every call (an unstarted actor and a system: about 80% of its cost) and then calls
 * `machine.transition(snapshot, event, scope)`. We take one such scope from `transition()` itself
 * and reuse it. That is safe for this machine: it has no invoked or spawned actors, no delayed
 * events, and its only actions are assigns, resolved inside the transition; nothing is executed,
 * so decide and evolve stay pure functions of (state, event).
 */
function inertScopeOf(machine: ComplaintMachine, initial: ComplaintState): MachineScope {
  let captured: MachineScope | undefined;
  const probe = Object.create(machine, {
    transition: {
      value: (snapshot: ComplaintState, _event: ComplaintEvent, scope: MachineScope) => {
        captured = scope;
        return snapshot;
      },
    },
  }) as ComplaintMachine;
  transition(probe, initial, { type: 'ComplaintClosed' } as ComplaintEvent);
  if (!captured) throw new Error('could not obtain an inert actor scope from xstate.transition');
  const scope = captured;
  scope.actionExecutor = (action) => {
    throw new Error(`the complaint machine must stay pure, but it tried to execute ${action.type}`);
  };
  return scope;
}

const defaultDecider = createDecider();
export const initialComplaintState = defaultDecider.initialState;
export const decide = defaultDecider.decide;
export const evolve = defaultDecider.evolve;
export const fold = defaultDecider.fold;
export const allowedCommands = defaultDecider.allowedCommands;
