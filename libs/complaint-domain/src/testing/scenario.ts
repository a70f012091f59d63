import { createDecider, type ComplaintDecider, type ComplaintState, type Decision } from '../lib/decider';
import type { ComplaintCommand } from '../lib/commands';
import type { ComplaintEvent } from '@complaint-ledger/complaint-contract';

export const CASE_ID = 'case-1';
export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const HOUR = 3_600_000;
export const at = (hoursAfterT0: number) => new Date(T0 + hoursAfterT0 * HOUR).toISOString();

type Cmd = ComplaintCommand extends infer C ? (C extends ComplaintCommand ? Omit<C, 'complaintId'> : never) : never;
type CmdOf<T extends ComplaintCommand['type']> = Omit<Extract<ComplaintCommand, { type: T }>, 'complaintId'>;

/**
 * Given/when/then over the pure decider: commands are played one hour apart (unless they say
 * `occurredAt`), "now" is always a week after T0, so every test is reproducible.
 */
export function scenario(decider: ComplaintDecider = createDecider()) {
  let state: ComplaintState = decider.initialState;
  let hour = 0;
  const history: ComplaintEvent[] = [];
  const now = new Date(T0 + 24 * 7 * HOUR * 4);
  const api = {
    get state() {
      return state;
    },
    history,
    /** Runs a command and returns the decision; accepted events are folded into the case. */
    run(cmd: Cmd): Decision {
      const command = { occurredAt: at(hour++), ...cmd, complaintId: CASE_ID } as ComplaintCommand;
      const d = decider.decide(state, command, { now });
      if (d.ok) {
        state = d.state;
        history.push(...d.events);
      }
      return d;
    },
    /** Runs commands that must all be accepted. */
    given(...cmds: Cmd[]) {
      for (const c of cmds) {
        const d = api.run(c);
        if (!d.ok) throw new Error(`given ${c.type} was rejected: ${d.rejection.message}`);
      }
      return api;
    },
  };
  return api;
}

export const receive: CmdOf<'ReceiveComplaint'> = {
  type: 'ReceiveComplaint',
  customerId: 'cust-7',
  channel: 'phone',
  description: 'Washing machine leaks again',
};
export const classify: CmdOf<'ClassifyComplaint'> = {
  type: 'ClassifyComplaint',
  category: 'product_quality',
  urgency: 'general',
  rootCause: { code: 'design_defect' },
};
export const propose: CmdOf<'ProposeSolution'> = {
  type: 'ProposeSolution',
  remedy: 'repair',
  description: 'Free on-site repair within 24 h',
};
export const accept: CmdOf<'AcceptSolution'> = { type: 'AcceptSolution' };
export const reject: CmdOf<'RejectSolution'> = { type: 'RejectSolution', reason: 'wants a replacement' };
export const complete: CmdOf<'CompleteImplementation'> = { type: 'CompleteImplementation', outcome: 'pump replaced' };
export const satisfied: CmdOf<'RecordFeedback'> = { type: 'RecordFeedback', method: 'phone', satisfaction: 5, resolved: true };
export const unsatisfied: CmdOf<'RecordFeedback'> = { type: 'RecordFeedback', method: 'survey', satisfaction: 2, resolved: true };
export const evaluate: CmdOf<'EvaluateComplaint'> = {
  type: 'EvaluateComplaint',
  rootCause: { code: 'design_defect', whyChain: ['pump seal fails', 'seal spec too thin'] },
};
export const toAwaitingFeedback: Cmd[] = [receive, classify, propose, accept, complete];
export const toClosed: Cmd[] = [...toAwaitingFeedback, satisfied, evaluate];
