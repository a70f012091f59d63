import {
  accept,
  at,
  CASE_ID,
  classify,
  complete,
  evaluate,
  HOUR,
  propose,
  receive,
  reject,
  satisfied,
  scenario,
  T0,
  toAwaitingFeedback,
  toClosed,
  unsatisfied,
} from '../testing/scenario';
import { decide, initialComplaintState, stateName, type Decision } from './decider';
import { DEFAULT_SLA_POLICY } from './sla-policy';

const state = (s: ReturnType<typeof scenario>) => stateName(s.state);
const types = (d: Decision) => (d.ok ? d.events.map((e) => e.type) : d.rejection);
const rejection = (d: Decision) => {
  if (d.ok) throw new Error(`expected a rejection, got ${d.events.map((e) => e.type).join(', ')}`);
  return d.rejection;
};

describe('the six steps, one transition at a time', () => {
  it('receiving records the intake and starts the clocks from the intake urgency', () => {
    const s = scenario();
    const d = s.run({ ...receive, urgency: 'urgent', orderRef: 'ORD-1', customer: { name: 'Ada', email: 'ada@example.org' } });
    expect(types(d)).toEqual(['ComplaintReceived']);
    expect(state(s)).toBe('received');
    expect(s.history[0]).toMatchObject({
      version: 1,
      complaintId: CASE_ID,
      occurredAt: at(0),
      data: {
        customerId: 'cust-7',
        channel: 'phone',
        urgency: 'urgent',
        orderRef: 'ORD-1',
        customer: { name: 'Ada', email: 'ada@example.org' },
        sla: { policyVersion: DEFAULT_SLA_POLICY.version, urgency: 'urgent', acknowledgeWithinMs: HOUR, resolveWithinMs: 24 * HOUR },
      },
    });
  });

  it('urgency defaults to normal at intake', () => {
    const s = scenario().given(receive);
    expect(s.history[0].data).toMatchObject({ urgency: 'normal', sla: { urgency: 'normal' } });
  });

  it('classifying moves received -> classified and re-computes the clocks', () => {
    const s = scenario().given(receive);
    expect(types(s.run(classify))).toEqual(['ComplaintClassified']);
    expect(state(s)).toBe('classified');
    expect(s.state.context.sla).toMatchObject({ urgency: 'general', resolveWithinMs: 72 * HOUR });
    expect(s.state.context.classification).toMatchObject({ category: 'product_quality', rootCause: { code: 'design_defect' } });
  });

  it('a classified case may be re-classified without moving', () => {
    const s = scenario().given(receive, classify);
    expect(types(s.run({ ...classify, urgency: 'urgent' }))).toEqual(['ComplaintClassified']);
    expect(state(s)).toBe('classified');
    expect(s.state.context.urgency).toBe('urgent');
  });

  it('proposing a solution moves classified -> solutionProposed, numbering the solution', () => {
    const s = scenario().given(receive, classify);
    expect(types(s.run({ ...propose, amount: { value: 25, currency: 'EUR' } }))).toEqual(['SolutionProposed']);
    expect(state(s)).toBe('solutionProposed');
    expect(s.history.at(-1)?.data).toMatchObject({ solutionNumber: 1, remedy: 'repair', amount: { value: 25, currency: 'EUR' } });
  });

  it('a revised proposal replaces the pending one', () => {
    const s = scenario().given(receive, classify, propose);
    expect(types(s.run({ ...propose, remedy: 'exchange' }))).toEqual(['SolutionProposed']);
    expect(s.state.context.solution).toMatchObject({ number: 2, remedy: 'exchange', status: 'proposed' });
  });

  it('the customer accepting moves solutionProposed -> implementing', () => {
    const s = scenario().given(receive, classify, propose);
    expect(types(s.run(accept))).toEqual(['SolutionAccepted']);
    expect(state(s)).toBe('implementing');
  });

  it('the customer rejecting sends the case back to formulating a solution', () => {
    const s = scenario().given(receive, classify, propose);
    expect(types(s.run(reject))).toEqual(['SolutionRejected']);
    expect(state(s)).toBe('classified');
    expect(types(s.run(propose))).toEqual(['SolutionProposed']);
    expect(s.state.context.solution?.number).toBe(2);
  });

  it('progress updates keep the case implementing; completion moves it to awaitingFeedback', () => {
    const s = scenario().given(receive, classify, propose, accept);
    expect(types(s.run({ type: 'RecordImplementationProgress', note: 'part ordered' }))).toEqual(['ImplementationProgressed']);
    expect(state(s)).toBe('implementing');
    expect(types(s.run(complete))).toEqual(['SolutionImplemented']);
    expect(state(s)).toBe('awaitingFeedback');
  });

  it('satisfied feedback moves the case to evaluating and marks it resolved', () => {
    const s = scenario().given(...toAwaitingFeedback);
    expect(types(s.run(satisfied))).toEqual(['FeedbackRecorded']);
    expect(state(s)).toBe('evaluating');
    expect(s.history.at(-1)?.data).toMatchObject({ outcome: 'satisfied' });
    expect(s.state.context.resolvedAtMs).not.toBeNull();
  });

  it.each([
    ['satisfaction <= 2', { satisfaction: 2, resolved: true }],
    ['not resolved', { satisfaction: 5, resolved: false }],
  ])('unsatisfied feedback (%s) sends the case back to analysis, counted as a reopen', (_why, f) => {
    const s = scenario().given(...toAwaitingFeedback);
    const d = s.run({ ...unsatisfied, ...f });
    expect(types(d)).toEqual(['FeedbackRecorded', 'ComplaintReopened']);
    expect(s.history.at(-1)?.data).toMatchObject({ trigger: 'unsatisfied_feedback', reopenCount: 1 });
    expect(state(s)).toBe('classified');
    expect(s.state.context.reopenCount).toBe(1);
  });

  it('satisfaction 3 with the problem resolved counts as satisfied', () => {
    const s = scenario().given(...toAwaitingFeedback);
    expect(types(s.run({ ...satisfied, satisfaction: 3 }))).toEqual(['FeedbackRecorded']);
    expect(state(s)).toBe('evaluating');
  });

  it('evaluation records the root cause and closes the case in one decision', () => {
    const s = scenario().given(...toAwaitingFeedback, satisfied);
    expect(types(s.run(evaluate))).toEqual(['ComplaintEvaluated', 'ComplaintClosed']);
    expect(state(s)).toBe('closed');
    expect(s.state.context.evaluation?.rootCause.whyChain).toHaveLength(2);
  });

  it('a closed case can be reopened, back to analysis, and closed again', () => {
    const s = scenario().given(...toClosed);
    expect(types(s.run({ type: 'ReopenComplaint', reason: 'leaks again' }))).toEqual(['ComplaintReopened']);
    expect(state(s)).toBe('classified');
    expect(s.state.context.reopenCount).toBe(1);
    s.given(propose, accept, complete, satisfied, evaluate);
    expect(state(s)).toBe('closed');
  });

  describe('facts that can happen in any open step', () => {
    const openPrefixes = [
      ['received', [receive]],
      ['classified', [receive, classify]],
      ['solutionProposed', [receive, classify, propose]],
      ['implementing', [receive, classify, propose, accept]],
      ['awaitingFeedback', toAwaitingFeedback],
      ['evaluating', [...toAwaitingFeedback, satisfied]],
    ] as const;

    it.each(openPrefixes)('acknowledgement in %s records the first response without moving', (name, prefix) => {
      const s = scenario().given(...prefix);
      expect(types(s.run({ type: 'AcknowledgeComplaint', message: 'We are on it' }))).toEqual(['ComplaintAcknowledged']);
      expect(state(s)).toBe(name);
      expect(s.state.context.acknowledgedAtMs).not.toBeNull();
    });

    it.each(openPrefixes)('escalation in %s raises the level without moving', (name, prefix) => {
      const s = scenario().given(...prefix);
      s.given({ type: 'EscalateComplaint', reason: 'I want your manager', to: 'supervisor' });
      expect(types(s.run({ type: 'EscalateComplaint', reason: 'still waiting' }))).toEqual(['ComplaintEscalated']);
      expect(state(s)).toBe(name);
      expect(s.state.context.escalation).toMatchObject({ level: 2, lastReason: 'still waiting' });
    });

    it.each(openPrefixes)('assignment in %s routes the case without moving', (name, prefix) => {
      const s = scenario().given(...prefix);
      expect(types(s.run({ type: 'AssignComplaint', team: 'after-sales', agent: 'ana' }))).toEqual(['ComplaintAssigned']);
      expect(state(s)).toBe(name);
      expect(s.state.context.assignment).toEqual({ team: 'after-sales', agent: 'ana' });
    });

    it.each(openPrefixes)('the customer may withdraw in %s', (_name, prefix) => {
      const s = scenario().given(...prefix);
      expect(types(s.run({ type: 'WithdrawComplaint', reason: 'sorted it myself' }))).toEqual(['ComplaintWithdrawn']);
      expect(state(s)).toBe('withdrawn');
    });
  });
});

describe('rejections name the state and what is allowed now', () => {
  it('a command the current step does not allow is refused with the allowed commands', () => {
    const s = scenario().given(receive);
    const r = rejection(s.run(accept));
    expect(r).toEqual({
      kind: 'not_allowed',
      command: 'AcceptSolution',
      currentState: 'received',
      allowedCommands: ['AcknowledgeComplaint', 'ClassifyComplaint', 'AssignComplaint', 'EscalateComplaint', 'WithdrawComplaint'],
      message: 'AcceptSolution is not allowed when the complaint is received',
    });
  });

  it.each([
    ['before receipt', [], accept, 'none'],
    ['receiving twice', [receive], receive, 'received'],
    ['proposing before classification', [receive], propose, 'received'],
    ['accepting with no proposal', [receive, classify], accept, 'classified'],
    ['completing before acceptance', [receive, classify, propose], complete, 'solutionProposed'],
    ['feedback before implementation', [receive, classify, propose, accept], satisfied, 'implementing'],
    ['evaluating before feedback', toAwaitingFeedback, evaluate, 'awaitingFeedback'],
    ['reopening an open case', [receive], { type: 'ReopenComplaint', reason: 'x' }, 'received'],
    ['escalating a closed case', toClosed, { type: 'EscalateComplaint', reason: 'x' }, 'closed'],
    ['withdrawing a closed case', toClosed, { type: 'WithdrawComplaint' }, 'closed'],
    ['acknowledging twice', [receive, { type: 'AcknowledgeComplaint' }], { type: 'AcknowledgeComplaint' }, 'received'],
  ] as const)('%s is refused', (_why, prefix, cmd, currentState) => {
    const s = scenario().given(...prefix);
    const before = s.history.length;
    const r = rejection(s.run(cmd));
    expect(r).toMatchObject({ kind: 'not_allowed', command: cmd.type, currentState });
    expect(s.history).toHaveLength(before);
  });

  it('a withdrawn case accepts nothing', () => {
    const s = scenario().given(receive, { type: 'WithdrawComplaint' });
    const r = rejection(s.run({ type: 'ReopenComplaint', reason: 'changed my mind' }));
    expect(r).toMatchObject({ kind: 'not_allowed', currentState: 'withdrawn', allowedCommands: [] });
  });

  it.each([
    ['satisfaction out of range', { ...satisfied, satisfaction: 6 }, 'satisfaction', 'must be an integer from 1 to 5'],
    ['satisfaction not an integer', { ...satisfied, satisfaction: 4.5 }, 'satisfaction', 'must be an integer from 1 to 5'],
    ['unknown remedy', { ...propose, remedy: 'hug' }, 'remedy', expect.stringContaining('must be one of')],
    ['negative amount', { ...propose, amount: { value: -1, currency: 'EUR' } }, 'amount.value', 'must be a number >= 0'],
    ['bad currency', { ...propose, amount: { value: 1, currency: 'euro' } }, 'amount.currency', expect.stringContaining('ISO 4217')],
    ['unpaired surrogate', { ...propose, description: 'broken \ud800 text' }, 'description', expect.stringContaining('unpaired surrogate')],
    ['lone low surrogate', { ...reject, reason: 'x\udc00' }, 'reason', expect.stringContaining('unpaired surrogate')],
    ['empty reason', { ...reject, reason: '  ' }, 'reason', 'must not be empty'],
    ['unknown field', { ...accept, colour: 'red' }, 'colour', 'is not a known field'],
  ])('%s is refused as invalid, naming the field', (_why, cmd, field, reason) => {
    const s = scenario().given(receive, classify, propose);
    const r = rejection(s.run(cmd as never));
    expect(r).toMatchObject({ kind: 'invalid', field, reason });
  });

  it('a missing required field is named', () => {
    const r = rejection(scenario().run({ type: 'ReceiveComplaint', customerId: 'c', description: 'd' } as never));
    expect(r).toMatchObject({ kind: 'invalid', field: 'channel', reason: 'is required' });
  });

  it('business time may not lie in the future', () => {
    const now = new Date(T0);
    const d = decide(initialComplaintState, { ...receive, complaintId: CASE_ID, occurredAt: at(1) } as never, { now });
    expect(rejection(d)).toMatchObject({ kind: 'invalid', field: 'occurredAt', reason: 'must not lie in the future' });
  });

  it("business time may not precede the case's last event", () => {
    const s = scenario().given({ ...receive, occurredAt: at(5) } as never);
    expect(rejection(s.run({ ...classify, occurredAt: at(4) } as never))).toMatchObject({ field: 'occurredAt' });
  });

  it('occurredAt must be an ISO 8601 instant with a zone', () => {
    const s = scenario();
    expect(rejection(s.run({ ...receive, occurredAt: '2026-03-02 09:00' } as never))).toMatchObject({ field: 'occurredAt' });
  });

  it('occurredAt defaults to now', () => {
    const now = new Date(T0);
    const d = decide(initialComplaintState, { ...receive, complaintId: CASE_ID } as never, { now });
    expect(d.ok && d.events[0].occurredAt).toBe(now.toISOString());
  });

  it('an incident after receipt is refused', () => {
    expect(rejection(scenario().run({ ...receive, incidentAt: at(3) } as never))).toMatchObject({ field: 'incidentAt' });
  });

  it('a command for another case is refused', () => {
    const s = scenario().given(receive);
    const d = decide(s.state, { type: 'AcceptSolution', complaintId: 'other' }, { now: new Date(T0 + 100 * HOUR) });
    expect(rejection(d)).toMatchObject({ kind: 'invalid', field: 'complaintId' });
  });
});
