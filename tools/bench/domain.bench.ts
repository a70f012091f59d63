// Domain benchmark: decide+evolve through the machine vs XState's plain transition() doing the
// same transitions, in the same process. Prints one JSON object. Run: npm run bench.
import { transition } from 'xstate';
import {
  CaseSnapshotCache,
  complaintMachine,
  createDecider,
  type ComplaintCommand,
  type ComplaintState,
} from '@complaint-ledger/complaint-domain';
import { type ComplaintEvent } from '@complaint-ledger/complaint-contract';

const decider = createDecider();
const T0 = Date.parse('2026-01-05T08:00:00Z');
const NOW = new Date(T0 + 365 * 24 * 3_600_000);
type Cmd = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'complaintId' | 'occurredAt'> : never) : never;

/** A full lifecycle with every loop: rejected solution, unsatisfied feedback, escalation. */
const LIFECYCLE: Cmd[] = [
  { type: 'ReceiveComplaint', customerId: 'c-1', channel: 'phone', description: 'Washing machine leaks', urgency: 'general' },
  { type: 'AcknowledgeComplaint', message: 'We are on it' },
  { type: 'ClassifyComplaint', category: 'product_quality', urgency: 'general', rootCause: { code: 'design_defect' } },
  { type: 'ProposeSolution', remedy: 'repair', description: 'Free repair' },
  { type: 'RejectSolution', reason: 'wants an exchange' },
  { type: 'ProposeSolution', remedy: 'exchange', description: 'New machine' },
  { type: 'AcceptSolution' },
  { type: 'RecordImplementationProgress', note: 'delivery booked' },
  { type: 'CompleteImplementation', outcome: 'exchanged' },
  { type: 'RecordFeedback', method: 'phone', satisfaction: 2, resolved: false },
  { type: 'EscalateComplaint', reason: 'I want your manager' },
  { type: 'ProposeSolution', remedy: 'compensation', description: 'Voucher', amount: { value: 50, currency: 'EUR' } },
  { type: 'AcceptSolution' },
  { type: 'CompleteImplementation', outcome: 'voucher sent' },
  { type: 'RecordFeedback', method: 'survey', satisfaction: 5, resolved: true },
  { type: 'EvaluateComplaint', rootCause: { code: 'design_defect', whyChain: ['seal fails', 'spec too thin'] } },
];

const commandsFor = (id: string, cmds: Cmd[], startHour = 0): ComplaintCommand[] =>
  cmds.map((c, i) => ({ ...c, complaintId: id, occurredAt: new Date(T0 + (startHour + i) * 3_600_000).toISOString() }) as ComplaintCommand);

function decideAll(state: ComplaintState, commands: ComplaintCommand[]): { state: ComplaintState; events: ComplaintEvent[] } {
  const events: ComplaintEvent[] = [];
  for (const cmd of commands) {
    const d = decider.decide(state, cmd, { now: NOW });
    if (!d.ok) throw new Error(`${cmd.type}: ${d.rejection.message}`);
    for (const e of d.events) {
      state = decider.evolve(state, e);
      events.push(e);
    }
  }
  return { state, events };
}

/** Runs `fn` repeatedly for about `ms` milliseconds; returns operations per second. */
function rate(fn: () => number, ms = 1500): number {
  for (let i = 0; i < 50; i++) fn(); // warm-up
  let ops = 0;
  const start = process.hrtime.bigint();
  const budget = BigInt(ms) * 1_000_000n;
  let elapsed = 0n;
  while (elapsed < budget) {
    ops += fn();
    elapsed = process.hrtime.bigint() - start;
  }
  return ops / (Number(elapsed) / 1e9);
}

/** The same inert-scope reuse the decider does, for a baseline with XState's bare transition cost. */
type Scope = Parameters<typeof complaintMachine.transition>[2];
let captured: Scope | undefined;
transition(
  Object.create(complaintMachine, { transition: { value: (s: ComplaintState, _e: unknown, scope: Scope) => ((captured = scope), s) } }),
  decider.initialState,
  { type: 'ComplaintClosed' } as ComplaintEvent,
);
const scope = captured as Scope;
const bareFold = (events: ComplaintEvent[]) => {
  let s = decider.initialState;
  for (const e of events) s = complaintMachine.transition(s, e, scope);
  return s;
};

const lifecycleCommands = commandsFor('bench', LIFECYCLE);
const lifecycleEvents = decideAll(decider.initialState, lifecycleCommands).events;
const storedLifecycle = JSON.parse(JSON.stringify(lifecycleEvents)) as ComplaintEvent[];

// 1. Full lifecycles decided and folded, vs plain transition() over the same events.
const oursLifecycles = rate(() => (decideAll(decider.initialState, lifecycleCommands), 1));
const baselineLifecycles = rate(() => {
  let s = transition(complaintMachine, decider.initialState, storedLifecycle[0])[0];
  for (let i = 1; i < storedLifecycle.length; i++) s = transition(complaintMachine, s, storedLifecycle[i])[0];
  return 1;
});

const bareLifecycles = rate(() => (bareFold(storedLifecycle), 1));

// 2. Folding a 200-event case read back from storage (no identity shared with decide).
const long: Cmd[] = [...LIFECYCLE.slice(0, 7)];
while (long.length < 200 - 8) long.push({ type: 'RecordImplementationProgress', note: 'still working' });
long.push(...LIFECYCLE.slice(8, 9), ...LIFECYCLE.slice(14));
const longEvents = JSON.parse(JSON.stringify(decideAll(decider.initialState, commandsFor('long', long)).events)) as ComplaintEvent[];
const foldsPerSec = rate(() => (decider.fold(longEvents), 1));
const baselineFoldsPerSec = rate(() => {
  let s = decider.initialState;
  for (const e of longEvents) s = transition(complaintMachine, s, e)[0];
  return 1;
});

const bareFoldsPerSec = rate(() => (bareFold(longEvents), 1));

// 3. Commands per second on many live cases: with a snapshot cache vs re-folding each case.
const CASES = 1_000;
const workload: ComplaintCommand[] = [];
for (let step = 0; step < LIFECYCLE.length; step++) {
  for (let c = 0; c < CASES; c++) workload.push(commandsFor(`case-${c}`, [LIFECYCLE[step]], step)[0]);
}
function runWorkload(useCache: boolean): number {
  const streams = new Map<string, ComplaintEvent[]>();
  const cache = new CaseSnapshotCache(CASES * 2);
  const start = process.hrtime.bigint();
  for (const cmd of workload) {
    const stream = streams.get(cmd.complaintId) ?? [];
    let state = useCache ? cache.get(cmd.complaintId) : undefined;
    if (!state || state.context.revision !== stream.length - 1)
      state = decider.fold(stream.slice((state?.context.revision ?? -1) + 1), state);
    const d = decider.decide(state, cmd, { now: NOW });
    if (!d.ok) throw new Error(d.rejection.message);
    // Stored events are copies, as a store would hand them back.
    stream.push(...(JSON.parse(JSON.stringify(d.events)) as ComplaintEvent[]));
    streams.set(cmd.complaintId, stream);
    if (useCache) cache.set(cmd.complaintId, d.state);
  }
  return workload.length / (Number(process.hrtime.bigint() - start) / 1e9);
}
runWorkload(true);
const withCache = runWorkload(true);
const withoutCache = runWorkload(false);

const round = (n: number, d = 0) => Number(n.toFixed(d));
console.log(
  JSON.stringify(
    {
      benchmark: 'complaint-domain',
      node: process.version,
      lifecycle: {
        events: lifecycleEvents.length,
        commands: lifecycleCommands.length,
        oursLifecyclesPerSec: round(oursLifecycles),
        baselineTransitionLifecyclesPerSec: round(baselineLifecycles),
        ratio: round(oursLifecycles / baselineLifecycles, 3),
        target: '>= 0.8',
        bareMachineTransitionLifecyclesPerSec: round(bareLifecycles),
        ratioToBareMachineTransition: round(oursLifecycles / bareLifecycles, 3),
      },
      fold200: {
        events: longEvents.length,
        oursMs: round(1000 / foldsPerSec, 3),
        baselineTransitionMs: round(1000 / baselineFoldsPerSec, 3),
        ratio: round(foldsPerSec / baselineFoldsPerSec, 3),
        bareMachineTransitionMs: round(1000 / bareFoldsPerSec, 3),
        ratioToBareMachineTransition: round(foldsPerSec / bareFoldsPerSec, 3),
      },
      commandsPerSec: {
        cases: CASES,
        commands: workload.length,
        withSnapshotCache: round(withCache),
        refoldingEachCommand: round(withoutCache),
        target: '>= 50000 with cache',
      },
    },
    null,
    2,
  ),
);
