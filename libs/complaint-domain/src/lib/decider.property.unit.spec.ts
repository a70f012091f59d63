import fc from 'fast-check';
import { T0, HOUR } from '../testing/scenario';
import { COMMAND_PROBES } from './command-probes';
import { COMMAND_SHAPES, COMPLAINT_COMMAND_TYPES, type ComplaintCommand } from './commands';
import { createDecider, stateName, STATE_NAMES, type ComplaintState } from './decider';
import type { ComplaintEvent } from '@complaint-ledger/complaint-contract';
import { eventSchema } from '@complaint-ledger/complaint-contract';
import { schemaProblem } from '@complaint-ledger/complaint-contract/testing';
import { arbitraryObject } from '@complaint-ledger/complaint-contract/testing';

const decider = createDecider();
const ID = 'prop-case';
const NOW = new Date(T0 + 10_000 * HOUR);
const OPEN = ['received', 'classified', 'solutionProposed', 'implementing', 'awaitingFeedback', 'evaluating'];

type Cmd = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'complaintId' | 'occurredAt'> : never) : never;
// Every command, from its own shape: a new command or field is covered without touching this test.
const commandArb = fc.oneof(
  ...COMPLAINT_COMMAND_TYPES.map((type) => arbitraryObject(COMMAND_SHAPES[type].fields).map((payload) => ({ type, ...payload }) as Cmd)),
);
/** A command and how many hours after the previous one it happens (sometimes in the past). */
const stepArb = fc.tuple(commandArb, fc.integer({ min: -2, max: 200 }));
// The lifecycle in order, so random runs also reach the late steps often.
const lifecycle: Cmd[] = [
  { type: 'ReceiveComplaint', customerId: 'c', channel: 'web', description: 'd' },
  { type: 'ClassifyComplaint', category: 'c', urgency: 'urgent' },
  { type: 'ProposeSolution', remedy: 'refund', description: 'd' },
  { type: 'AcceptSolution' },
  { type: 'CompleteImplementation', outcome: 'o' },
];
const sequenceArb = fc.tuple(fc.integer({ min: 0, max: lifecycle.length }), fc.array(stepArb, { maxLength: 40 }));

function play(prefixLength: number, steps: [Cmd, number][]) {
  let state: ComplaintState = decider.initialState;
  let hour = 0;
  const events: ComplaintEvent[] = [];
  const all: [Cmd, number][] = [...lifecycle.slice(0, prefixLength).map((c) => [c, 1] as [Cmd, number]), ...steps];
  for (const [cmd, dh] of all) {
    hour += dh;
    const d = decider.decide(state, { ...cmd, complaintId: ID, occurredAt: new Date(T0 + hour * HOUR).toISOString() } as ComplaintCommand, {
      now: NOW,
    });
    if (d.ok) {
      // A command records only the events its definition says it records.
      for (const e of d.events) expect(COMMAND_SHAPES[cmd.type].records).toContain(e.type);
      events.push(...d.events);
      state = d.state;
    } else {
      // A refused command changes nothing: the caller keeps the very same state.
      expect(d.rejection.kind === 'invalid' || d.rejection.currentState === stateName(state)).toBe(true);
    }
    assertLegal(state, events.length);
  }
  return { state, events, hour };
}

function assertLegal(state: ComplaintState, eventCount: number): void {
  const c = state.context;
  const name = stateName(state);
  expect(STATE_NAMES).toContain(name);
  expect(c.revision).toBe(eventCount - 1);
  if (name !== 'none') expect(c.intake).not.toBeNull();
  if (name === 'solutionProposed') expect(c.solution?.status).toBe('proposed');
  if (name === 'implementing') expect(c.solution?.status).toBe('accepted');
  if (name === 'awaitingFeedback') expect(c.solution?.status).toBe('implemented');
  if (name === 'evaluating') expect(c.resolvedAtMs).not.toBeNull();
  if (name === 'closed') expect(c.evaluation).not.toBeNull();
  if (name === 'classified' || name === 'received') expect(c.resolveClock.runningSinceMs).not.toBeNull();
  if (name === 'solutionProposed' || name === 'awaitingFeedback') expect(c.resolveClock.runningSinceMs).toBeNull();
  expect(c.resolveClock.consumedMs).toBeGreaterThanOrEqual(0);
}

/** Breadth-first search over well-formed commands: can this case still reach `target`? */
function canReach(from: ComplaintState, target: 'closed' | 'withdrawn', excludeWithdraw: boolean): boolean {
  // States are compared by name: that is what reachability is about, and it keeps the search small.
  const seen = new Set<string>([stateName(from)]);
  let frontier = [from];
  for (let depth = 0; depth < 10 && frontier.length > 0; depth++) {
    const next: ComplaintState[] = [];
    for (const s of frontier) {
      if (stateName(s) === target) return true;
      for (const [type, probes] of Object.entries(COMMAND_PROBES)) {
        if (excludeWithdraw && type === 'WithdrawComplaint') continue;
        for (const probe of probes) {
          const occurredAt = new Date((from.context.lastOccurredAtMs ?? T0) + (depth + 1) * HOUR).toISOString();
          const d = decider.decide(s, { ...probe, complaintId: ID, occurredAt } as ComplaintCommand, { now: NOW });
          if (d.ok && !seen.has(stateName(d.state))) {
            seen.add(stateName(d.state));
            next.push(d.state);
          }
        }
      }
    }
    frontier = next;
  }
  return frontier.some((s) => stateName(s) === target);
}

describe('properties over random command sequences', () => {
  it('no illegal state is ever reached, and refused commands change nothing', () => {
    fc.assert(
      fc.property(sequenceArb, ([n, steps]) => void play(n, steps)),
      { numRuns: 300 },
    );
  });

  it('folding the emitted events gives the decided state', () => {
    fc.assert(
      fc.property(sequenceArb, ([n, steps]) => {
        const { state, events } = play(n, steps);
        const stored = JSON.parse(JSON.stringify(events)) as ComplaintEvent[];
        const rebuilt = createDecider().fold(stored);
        expect(stateName(rebuilt)).toBe(stateName(state));
        expect(rebuilt.context).toEqual(state.context);
      }),
      { numRuns: 300 },
    );
  });

  it('every emitted event matches its published JSON Schema', () => {
    fc.assert(
      fc.property(sequenceArb, ([n, steps]) => {
        for (const e of play(n, steps).events) expect(schemaProblem(eventSchema(e.type), JSON.parse(JSON.stringify(e)))).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('the schema check itself catches a malformed event', () => {
    const { events } = play(5, []);
    const bad = { ...events[0], data: { ...events[0].data, channel: 'pigeon' } };
    expect(schemaProblem(eventSchema('ComplaintReceived'), bad)).toMatch(/channel must be one of/);
    expect(schemaProblem(eventSchema('ComplaintReceived'), { ...events[0], extra: 1 })).toMatch(/extra is not in the schema/);
  });

  it('every open state can still reach closed (without withdrawing) and withdrawn', () => {
    fc.assert(
      fc.property(sequenceArb, ([n, steps]) => {
        const { state } = play(n, steps);
        if (!OPEN.includes(stateName(state))) return;
        expect(canReach(state, 'closed', true)).toBe(true);
        expect(canReach(state, 'withdrawn', false)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
