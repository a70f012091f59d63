import { acknowledgeDueMs, createDecider, deadlinesAt, stateName, type ComplaintCommand } from '@complaint-ledger/complaint-domain';
import { type ComplaintEvent } from '@complaint-ledger/complaint-contract';
import { generateCase, HOUR, T0 } from '../testing/lifecycles';
import { isBreachedAt, type CaseListRow } from './case-list-row';
import { project, ProjectionError } from './project';

const decider = createDecider();
const ID = 'case-1';
const at = (h: number) => new Date(T0 + h * HOUR).toISOString();

/** Given commands (one per hour unless they say occurredAt), the events the domain decides. */
type Cmd = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'complaintId'> : never) : never;
function eventsOf(...commands: Cmd[]): ComplaintEvent[] {
  let state = decider.initialState;
  const events: ComplaintEvent[] = [];
  commands.forEach((c, i) => {
    const command = { occurredAt: at(i), ...c, complaintId: ID } as ComplaintCommand;
    const d = decider.decide(state, command, { now: new Date(T0 + 1000 * HOUR) });
    if (!d.ok) throw new Error(`${c.type} rejected: ${d.rejection.message}`);
    state = d.state;
    events.push(...d.events);
  });
  return events;
}

function fold(events: ComplaintEvent[]): CaseListRow {
  let row: CaseListRow | undefined;
  events.forEach((e, i) => (row = project(row, e, { revision: i, position: String(i + 1).padStart(20, '0') })));
  return row as CaseListRow;
}

const receive = { type: 'ReceiveComplaint', customerId: 'cust-7', channel: 'phone', description: 'leaks', urgency: 'normal' } as const;
const classify = { type: 'ClassifyComplaint', category: 'product_quality', urgency: 'urgent', team: 'repairs', agent: 'ann' } as const;
const propose = { type: 'ProposeSolution', remedy: 'repair', description: 'fix it' } as const;

describe('case-list projection (given events, when projected, then the row)', () => {
  it('a received case: state, step, clocks running, no personal data', () => {
    const row = fold(eventsOf(receive));
    expect(row).toMatchObject({
      id: ID,
      state: 'received',
      step: 1,
      customerId: 'cust-7',
      channel: 'phone',
      urgency: 'normal',
      category: null,
      receivedAtMs: T0,
      acknowledgeDueAtMs: T0 + 24 * HOUR,
      resolveDueAtMs: T0 + 7 * 24 * HOUR,
      resolvePaused: false,
      revision: 0,
      eventCount: 1,
      lastPosition: '00000000000000000001',
    });
    expect(JSON.stringify(row)).not.toContain('leaks');
  });

  it('classification sets category, team and re-computes the deadlines for the new urgency', () => {
    const row = fold(eventsOf(receive, classify));
    expect(row).toMatchObject({
      state: 'classified',
      step: 2,
      category: 'product_quality',
      urgency: 'urgent',
      team: 'repairs',
      agent: 'ann',
    });
    expect(row.acknowledgeDueAtMs).toBe(T0 + 1 * HOUR);
    expect(row.resolveDueAtMs).toBe(T0 + 24 * HOUR);
  });

  it('a proposal pauses the resolve clock and records the remedy; acceptance resumes it', () => {
    const proposed = fold(eventsOf(receive, classify, propose));
    expect(proposed).toMatchObject({
      state: 'solutionProposed',
      step: 3,
      remedy: 'repair',
      resolvePaused: true,
      resolveDueAtMs: null,
      resolveConsumedMs: 2 * HOUR,
    });
    const accepted = fold(eventsOf(receive, classify, propose, { type: 'AcceptSolution', occurredAt: at(10) }));
    expect(accepted).toMatchObject({ state: 'implementing', step: 4, resolvePaused: false, resolveDueAtMs: T0 + 10 * HOUR + 22 * HOUR });
  });

  it('late acknowledgement is a known breach; a running clock past due is breached only by time', () => {
    const late = fold(eventsOf(receive, classify, { type: 'AcknowledgeComplaint', occurredAt: at(3) }));
    expect(late.acknowledgeBreachedKnown).toBe(true);
    const running = fold(eventsOf(receive, { type: 'AcknowledgeComplaint' }));
    expect(running.resolveBreachedKnown).toBe(false);
    expect(isBreachedAt(running, T0 + 7 * 24 * HOUR)).toBe(false);
    expect(isBreachedAt(running, T0 + 7 * 24 * HOUR + 1)).toBe(true);
  });

  it('closing, reopening, escalating and withdrawing', () => {
    const closed = fold(
      eventsOf(
        receive,
        classify,
        propose,
        { type: 'AcceptSolution' },
        { type: 'CompleteImplementation', outcome: 'ok' },
        { type: 'RecordFeedback', method: 'phone', satisfaction: 5, resolved: true },
        { type: 'EvaluateComplaint', rootCause: { code: 'seal' } },
      ),
    );
    expect(closed).toMatchObject({ state: 'closed', step: 6, resolvedAtMs: T0 + 5 * HOUR, closedAtMs: T0 + 6 * HOUR });
    const reopened = fold(
      eventsOf(
        receive,
        classify,
        propose,
        { type: 'AcceptSolution' },
        { type: 'CompleteImplementation', outcome: 'ok' },
        { type: 'RecordFeedback', method: 'phone', satisfaction: 5, resolved: true },
        { type: 'EvaluateComplaint', rootCause: { code: 'seal' } },
        { type: 'ReopenComplaint', reason: 'again' },
      ),
    );
    expect(reopened).toMatchObject({ state: 'classified', reopenCount: 1, resolvedAtMs: null, closedAtMs: null, resolvePaused: false });
    const withdrawn = fold(eventsOf(receive, classify, { type: 'EscalateComplaint', reason: 'slow' }, { type: 'WithdrawComplaint' }));
    expect(withdrawn).toMatchObject({ state: 'withdrawn', step: 2, escalationLevel: 1, withdrawnAtMs: T0 + 3 * HOUR, resolvePaused: true });
  });

  it('refuses events for a case it never saw, and a second receipt', () => {
    const [received, classified] = eventsOf(receive, classify);
    expect(() => project(undefined, classified, { revision: 1, position: '1' })).toThrow(ProjectionError);
    const row = project(undefined, received, { revision: 0, position: '1' });
    expect(() => project(row, received, { revision: 1, position: '2' })).toThrow(/received twice/);
  });

  it('agrees with the domain fold on state and breaches, at several instants, over 400 random lifecycles', () => {
    const states = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) {
      const c = generateCase(seed, { id: `case-${seed}` });
      const row = fold(c.events);
      states.add(row.state);
      const ctx = c.state.context;
      expect(row.state).toBe(stateName(c.state));
      expect(row.revision).toBe(ctx.revision);
      expect(row.reopenCount).toBe(ctx.reopenCount);
      expect(row.escalationLevel).toBe(ctx.escalation?.level ?? 0);
      expect(row.category).toBe(ctx.classification?.category ?? null);
      // The stored clocks are what the domain's fold holds (both move them with resolveClockAfter).
      expect({
        seed,
        ack: row.acknowledgeDueAtMs,
        budget: row.resolveBudgetMs,
        consumed: row.resolveConsumedMs,
        since: row.resolveRunningSinceMs,
      }).toEqual({
        seed,
        ack: acknowledgeDueMs(ctx),
        budget: ctx.resolveClock.budgetMs,
        consumed: ctx.resolveClock.consumedMs,
        since: ctx.resolveClock.runningSinceMs,
      });
      const last = ctx.lastOccurredAtMs as number;
      for (const nowMs of [last, last + HOUR, last + 30 * HOUR, last + 400 * HOUR]) {
        const views = deadlinesAt(ctx, nowMs);
        expect({ seed, nowMs, breached: isBreachedAt(row, nowMs) }).toEqual({ seed, nowMs, breached: views.some((d) => d.breached) });
        const resolve = views.find((d) => d.kind === 'resolve');
        expect(row.resolveDueAtMs === null ? null : new Date(row.resolveDueAtMs).toISOString()).toBe(resolve?.dueAt ?? null);
        expect(row.resolvePaused).toBe(resolve?.paused ?? false);
      }
    }
    // The walks reach every state, so the comparison covers them all.
    expect([...states].sort()).toEqual([
      'awaitingFeedback',
      'classified',
      'closed',
      'evaluating',
      'implementing',
      'received',
      'solutionProposed',
      'withdrawn',
    ]);
  });
});
