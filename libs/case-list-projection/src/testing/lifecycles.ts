// Test support: random but legal complaint lifecycles, decided by the real domain, and a helper
// that appends them to any EventStore the way the command side does (event codec, one stream per case).
import { randomUUID } from 'node:crypto';
import { toStoreEvent } from '@complaint-ledger/complaint-application';
import { createDecider, type ComplaintCommand, type ComplaintState } from '@complaint-ledger/complaint-domain';
import { type ComplaintEvent } from '@complaint-ledger/complaint-contract';
import { type EventStore, type GlobalPosition } from '@complaint-ledger/event-store';
import { complaintStreamName } from '@complaint-ledger/complaint-contract';

const decider = createDecider();
export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const HOUR = 3_600_000;

/** A command without its case and time (distributes over the union). */
export type Template = ComplaintCommand extends infer C
  ? C extends ComplaintCommand
    ? Omit<C, 'complaintId' | 'occurredAt'>
    : never
  : never;

const CATEGORIES = ['product_quality', 'delivery', 'billing', 'service'];
const TEMPLATES: ((rnd: () => number) => Template)[] = [
  () => ({ type: 'AcknowledgeComplaint' }),
  (r) => ({
    type: 'ClassifyComplaint',
    category: CATEGORIES[Math.floor(r() * 4)],
    urgency: (['urgent', 'general', 'normal'] as const)[Math.floor(r() * 3)],
    team: r() < 0.5 ? 'team-a' : undefined,
  }),
  (r) => ({ type: 'AssignComplaint', team: r() < 0.5 ? 'team-b' : 'team-c', agent: r() < 0.5 ? 'agent-1' : undefined }),
  (r) => ({ type: 'ProposeSolution', remedy: (['repair', 'refund', 'apology'] as const)[Math.floor(r() * 3)], description: 'offer' }),
  () => ({ type: 'AcceptSolution' }),
  () => ({ type: 'RejectSolution', reason: 'no' }),
  () => ({ type: 'RecordImplementationProgress', note: 'working' }),
  () => ({ type: 'CompleteImplementation', outcome: 'done' }),
  (r) =>
    r() < 0.7
      ? { type: 'RecordFeedback', method: 'phone', satisfaction: 5, resolved: true }
      : { type: 'RecordFeedback', method: 'survey', satisfaction: 1, resolved: false },
  () => ({ type: 'EvaluateComplaint', rootCause: { code: 'x' } }),
  () => ({ type: 'EscalateComplaint', reason: 'slow' }),
  () => ({ type: 'ReopenComplaint', reason: 'again' }),
  (r) => (r() < 0.2 ? { type: 'WithdrawComplaint' } : { type: 'AcknowledgeComplaint' }),
  (r) => ({ type: 'RecordDeadlineMissed', deadline: r() < 0.5 ? 'acknowledge' : 'resolve' }),
];

const FORWARD = [1, 3, 4, 7, 8, 9];

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedCase {
  id: string;
  events: ComplaintEvent[];
  state: ComplaintState;
}

/**
 * One case: received at `startMs`, then up to `steps` accepted commands picked at random, each
 * 1-30 hours after the previous one (so clocks run past their deadlines sometimes).
 */
export function generateCase(
  seed: number,
  options: { id?: string; steps?: number; startMs?: number; customerId?: string } = {},
): GeneratedCase {
  const rnd = prng(seed);
  const id = options.id ?? randomUUID();
  let atMs = options.startMs ?? T0 + Math.floor(rnd() * 1000) * HOUR;
  let state = decider.initialState;
  const events: ComplaintEvent[] = [];
  const run = (template: Template): boolean => {
    const command = { ...template, complaintId: id, occurredAt: new Date(atMs).toISOString() } as ComplaintCommand;
    const d = decider.decide(state, command, { now: new Date(atMs) });
    if (!d.ok) return false;
    state = d.state;
    events.push(...d.events);
    return true;
  };
  const urgency = (['urgent', 'general', 'normal'] as const)[Math.floor(rnd() * 3)];
  run({
    type: 'ReceiveComplaint',
    customerId: options.customerId ?? `cust-${Math.floor(rnd() * 50)}`,
    channel: 'email',
    description: 'it broke',
    urgency,
  });
  const steps = options.steps ?? seed % 16;
  for (let i = 0, tries = 0; i < steps && tries < steps * 20; tries++) {
    atMs += Math.floor(1 + rnd() * 30) * HOUR;
    // Half the picks move forward along the happy path, so walks also reach the late states.
    if ((state.value === 'closed' || state.value === 'withdrawn') && rnd() < 0.7) break;
    const template = rnd() < 0.5 ? TEMPLATES[FORWARD[Math.floor(rnd() * FORWARD.length)]] : TEMPLATES[Math.floor(rnd() * TEMPLATES.length)];
    if (run(template(rnd))) i++;
  }
  return { id, events, state };
}

/** Appends a case's events, a few at a time, like successive commands. Returns the last position. */
export async function appendCase(store: EventStore, c: GeneratedCase, chunk = 1): Promise<GlobalPosition> {
  let revision = -1;
  let position = '';
  for (let i = 0; i < c.events.length; i += chunk) {
    const events = c.events
      .slice(i, i + chunk)
      .map((e) => toStoreEvent(e, randomUUID(), { actor: 'test', correlationId: randomUUID(), causationId: randomUUID() }));
    const result = await store.appendToStream(complaintStreamName(c.id), events, revision === -1 ? 'no_stream' : revision);
    revision = result.nextExpectedRevision;
    position = result.position;
  }
  return position;
}

/** Appends one event of a case at revision `revision` (its index in the case's events). */
export async function appendEventAt(store: EventStore, c: GeneratedCase, revision: number): Promise<GlobalPosition> {
  const event = toStoreEvent(c.events[revision], randomUUID(), { actor: 'test', correlationId: randomUUID(), causationId: randomUUID() });
  const result = await store.appendToStream(complaintStreamName(c.id), [event], revision === 0 ? 'no_stream' : revision - 1);
  return result.position;
}
