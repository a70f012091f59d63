import { accept, at, classify, complete, HOUR, propose, receive, satisfied, scenario, T0 } from '../testing/scenario';
import { deadlinesAt, isDeadlineDue } from './deadlines';
import { stateName } from './decider';

const view = (s: ReturnType<typeof scenario>, hours: number) =>
  Object.fromEntries(deadlinesAt(s.state.context, T0 + hours * HOUR).map((d) => [d.kind, d]));

describe('SLA clocks', () => {
  it('acknowledge-by and resolve-by run from receipt with the intake urgency', () => {
    const s = scenario().given({ ...receive, urgency: 'urgent', occurredAt: at(0) } as never);
    const d = view(s, 0.5);
    expect(d['acknowledge']).toMatchObject({ dueAt: at(1), met: false, breached: false });
    expect(d['resolve']).toMatchObject({ dueAt: at(24), paused: false, breached: false, remainingMs: 23.5 * HOUR });
  });

  it('an acknowledgement after the deadline is met but breached', () => {
    const s = scenario().given(
      { ...receive, urgency: 'urgent', occurredAt: at(0) } as never,
      { type: 'AcknowledgeComplaint', occurredAt: at(2) } as never,
    );
    expect(view(s, 3)['acknowledge']).toMatchObject({ met: true, breached: true, dueAt: null });
  });

  it('classification re-computes both deadlines from receipt for the new urgency', () => {
    const s = scenario().given(
      { ...receive, occurredAt: at(0) } as never,
      { ...classify, urgency: 'urgent', occurredAt: at(0.5) } as never,
    );
    const d = view(s, 0.5);
    expect(d['acknowledge'].dueAt).toBe(at(1));
    expect(d['resolve'].dueAt).toBe(at(24));
  });

  it('the resolve clock pauses while waiting on the customer and resumes after', () => {
    const s = scenario().given(
      { ...receive, urgency: 'urgent', occurredAt: at(0) } as never,
      { ...classify, urgency: 'urgent', occurredAt: at(2) } as never,
      { ...propose, occurredAt: at(4) } as never,
    );
    expect(view(s, 30)['resolve']).toMatchObject({ paused: true, dueAt: null, remainingMs: 20 * HOUR, breached: false });
    s.given({ ...accept, occurredAt: at(50) } as never);
    // 4 h used before the pause, 46 h waiting on the customer do not count: due 20 h after acceptance.
    expect(view(s, 50)['resolve']).toMatchObject({ paused: false, dueAt: at(70) });
    s.given({ ...complete, occurredAt: at(60) } as never);
    expect(view(s, 200)['resolve']).toMatchObject({ paused: true, remainingMs: 10 * HOUR, breached: false });
    s.given({ ...satisfied, occurredAt: at(300) } as never);
    expect(view(s, 400)['resolve']).toMatchObject({ met: true, breached: false, remainingMs: 10 * HOUR });
  });

  it('a missed deadline is recorded only once it is really due, and only once', () => {
    const s = scenario().given({ ...receive, urgency: 'urgent', occurredAt: at(0) } as never);
    expect(isDeadlineDue(s.state.context, 'acknowledge', T0 + 0.5 * HOUR)).toBe(false);
    const early = s.run({ type: 'RecordDeadlineMissed', deadline: 'acknowledge', occurredAt: at(0.5) } as never);
    expect(early.ok).toBe(false);
    const due = s.run({ type: 'RecordDeadlineMissed', deadline: 'acknowledge', occurredAt: at(1) } as never);
    expect(due.ok && due.events[0]).toMatchObject({ type: 'DeadlineMissed', data: { deadline: 'acknowledge', dueAt: at(1) } });
    expect(stateName(s.state)).toBe('received');
    expect(view(s, 1)['acknowledge'].breached).toBe(true);
    expect(s.run({ type: 'RecordDeadlineMissed', deadline: 'acknowledge', occurredAt: at(2) } as never).ok).toBe(false);
  });

  it('a resolve deadline cannot be missed while the clock is paused short of its budget', () => {
    const s = scenario().given(
      { ...receive, urgency: 'urgent', occurredAt: at(0) } as never,
      { ...classify, urgency: 'urgent', occurredAt: at(1) } as never,
      { ...propose, occurredAt: at(2) } as never,
    );
    expect(s.run({ type: 'RecordDeadlineMissed', deadline: 'resolve', occurredAt: at(100) } as never).ok).toBe(false);
  });

  it('an overdue running resolve clock shows as breached before any event says so', () => {
    const s = scenario().given({ ...receive, urgency: 'urgent', occurredAt: at(0) } as never);
    expect(view(s, 25)['resolve']).toMatchObject({ breached: true, remainingMs: -1 * HOUR });
  });
});
