import { CASE_ID, propose, receive, classify, scenario, accept } from '../testing/scenario';
import { complaintMachineConfig, complaintMachineSetup, type ComplaintMachine } from './complaint.machine';
import { createDecider, IllegalEventError, stateName } from './decider';

/** Rebuilds the machine with one transition deleted from its configuration. */
function machineWithout(stateKey: string, eventType: string): ComplaintMachine {
  const config = JSON.parse(JSON.stringify(complaintMachineConfig));
  const node = stateKey === 'open' ? config.states.open : (config.states.open.states[stateKey] ?? config.states[stateKey]);
  delete node.on[eventType];
  return complaintMachineSetup.createMachine(config) as unknown as ComplaintMachine;
}

describe('the machine is the one place that says what is legal', () => {
  it('deleting solutionProposed --SolutionAccepted--> makes decide reject AcceptSolution', () => {
    const withTransition = scenario().given(receive, classify, propose);
    expect(withTransition.run(accept).ok).toBe(true);

    const s = scenario(createDecider(machineWithout('solutionProposed', 'SolutionAccepted'))).given(receive, classify, propose);
    const d = s.run(accept);
    expect(d.ok).toBe(false);
    expect(!d.ok && d.rejection).toMatchObject({ kind: 'not_allowed', currentState: 'solutionProposed' });
    expect(!d.ok && d.rejection.kind === 'not_allowed' && d.rejection.allowedCommands).not.toContain('AcceptSolution');
  });

  it('deleting the open-state escalation makes escalation illegal everywhere', () => {
    const s = scenario(createDecider(machineWithout('open', 'ComplaintEscalated'))).given(receive);
    expect(s.run({ type: 'EscalateComplaint', reason: 'manager' }).ok).toBe(false);
  });

  it('folding a history the machine refuses fails loudly instead of skipping the event', () => {
    const s = scenario().given(receive, classify, propose, accept);
    const strict = createDecider(machineWithout('solutionProposed', 'SolutionAccepted'));
    expect(() => strict.fold(s.history)).toThrow(IllegalEventError);
  });

  it('rebuilding a case is a fold of its events and gives the decided state', () => {
    const s = scenario().given(receive, classify, propose, accept);
    // Copies, as if read back from the store: no object identity shared with decide.
    const stored = JSON.parse(JSON.stringify(s.history));
    const rebuilt = createDecider().fold(stored);
    expect(stateName(rebuilt)).toBe('implementing');
    expect(rebuilt.context).toEqual(s.state.context);
    expect(rebuilt.context.complaintId).toBe(CASE_ID);
    expect(rebuilt.context.revision).toBe(3);
  });
});
