// The HTTP face of each command, stated once: its route and who may call it. The controller's
// handlers, the request DTO classes, the OpenAPI operations and the role table derive from this
// and from the domain's COMMAND_SHAPES; a command without a route here does not compile.
import { COMMAND_SHAPES, type ComplaintCommandType } from '@complaint-ledger/complaint-domain';
import type { Role } from '../../auth/roles';

export const WORK: readonly Role[] = ['agent', 'supervisor', 'admin'];
export const SUPERVISE: readonly Role[] = ['supervisor', 'admin'];

export interface CommandRoute {
  /** Below /complaints: '' creates a case; ':id/...' acts on one. */
  path: '' | `:id/${string}`;
  roles: readonly Role[];
}

/** Commands people send over HTTP (the scheduler's RecordDeadlineMissed has no route). */
export type HttpCommandType = Exclude<ComplaintCommandType, 'RecordDeadlineMissed'>;

export const COMMAND_ROUTES: Readonly<Record<HttpCommandType, CommandRoute>> = {
  ReceiveComplaint: { path: '', roles: WORK },
  AcknowledgeComplaint: { path: ':id/acknowledge', roles: WORK },
  ClassifyComplaint: { path: ':id/classify', roles: WORK },
  AssignComplaint: { path: ':id/assign', roles: SUPERVISE },
  ProposeSolution: { path: ':id/solutions', roles: WORK },
  AcceptSolution: { path: ':id/solutions/accept', roles: WORK },
  RejectSolution: { path: ':id/solutions/reject', roles: WORK },
  RecordImplementationProgress: { path: ':id/implementation/progress', roles: WORK },
  CompleteImplementation: { path: ':id/implementation/complete', roles: WORK },
  RecordFeedback: { path: ':id/feedback', roles: WORK },
  EvaluateComplaint: { path: ':id/evaluate', roles: SUPERVISE },
  EscalateComplaint: { path: ':id/escalate', roles: WORK },
  ReopenComplaint: { path: ':id/reopen', roles: WORK },
  WithdrawComplaint: { path: ':id/withdraw', roles: WORK },
};

export const HTTP_COMMAND_TYPES = Object.keys(COMMAND_ROUTES) as HttpCommandType[];

/** The Fastify route pattern of a command, e.g. `/complaints/:id/classify`. */
export const commandRoutePattern = (type: HttpCommandType): string =>
  `/complaints${COMMAND_ROUTES[type].path ? `/${COMMAND_ROUTES[type].path}` : ''}`;

/** A body may be left out when the command has no required field (e.g. acknowledge). */
export const bodyRequired = (type: HttpCommandType): boolean => Object.values(COMMAND_SHAPES[type].fields).some((f) => f.required);

/** The name of a command's request body schema and DTO class, e.g. `ClassifyComplaintBody`. */
export const bodyName = (type: HttpCommandType): string => `${type}Body`;
