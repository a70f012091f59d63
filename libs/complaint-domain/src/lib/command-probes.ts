import type { ComplaintCommand, ComplaintCommandType } from './commands';


/**
 * Minimal well-formed commands used to ask the machine "would this be accepted now?" when telling
 * a client which commands are allowed. Deadline checks are raised by the scheduler, never offered.
 */
export const COMMAND_PROBES: { [T in ComplaintCommandType]: Omit<Extract<ComplaintCommand, { type: T }>, 'complaintId'>[] } = {
  ReceiveComplaint: [{ type: 'ReceiveComplaint', customerId: 'c', channel: 'web', description: 'd' }],
  AcknowledgeComplaint: [{ type: 'AcknowledgeComplaint' }],
  ClassifyComplaint: [{ type: 'ClassifyComplaint', category: 'c', urgency: 'normal' }],
  AssignComplaint: [{ type: 'AssignComplaint', team: 't' }],
  ProposeSolution: [{ type: 'ProposeSolution', remedy: 'apology', description: 'd' }],
  AcceptSolution: [{ type: 'AcceptSolution' }],
  RejectSolution: [{ type: 'RejectSolution', reason: 'r' }],
  RecordImplementationProgress: [{ type: 'RecordImplementationProgress', note: 'n' }],
  CompleteImplementation: [{ type: 'CompleteImplementation', outcome: 'o' }],
  RecordFeedback: [
    { type: 'RecordFeedback', method: 'phone', satisfaction: 5, resolved: true },
    { type: 'RecordFeedback', method: 'phone', satisfaction: 1, resolved: false },
  ],
  EvaluateComplaint: [{ type: 'EvaluateComplaint', rootCause: { code: 'c' } }],
  EscalateComplaint: [{ type: 'EscalateComplaint', reason: 'r' }],
  ReopenComplaint: [{ type: 'ReopenComplaint', reason: 'r' }],
  WithdrawComplaint: [{ type: 'WithdrawComplaint' }],
  RecordDeadlineMissed: [],
};
