import type { ComplaintCase } from './case-state';
import type { ComplaintCommand, ComplaintCommandType } from './commands';
import { acknowledgeDueMs, resolveDueMs } from './deadlines';
import type { ComplaintEvent, EventOfType } from '@complaint-ledger/complaint-contract';
import { feedbackOutcome } from './feedback-rule';
import { applySla, type SlaPolicy } from './sla-policy';

/** What an event builder may read besides the command: the case so far, the time, the policy. */
export interface BuildContext {
  state: ComplaintCase;
  occurredAt: string;
  slaPolicy: SlaPolicy;
}

type Builder<T extends ComplaintCommandType> = (cmd: Extract<ComplaintCommand, { type: T }>, ctx: BuildContext) => ComplaintEvent[];

function event<T extends ComplaintEvent['type']>(
  type: T,
  cmd: ComplaintCommand,
  ctx: BuildContext,
  data: EventOfType<T>['data'],
): EventOfType<T> {
  return { type, version: 1, complaintId: cmd.complaintId, occurredAt: ctx.occurredAt, data } as EventOfType<T>;
}

/** Drops keys whose value is undefined, so events carry only what was said. */
function defined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

const solutionNumber = (c: ComplaintCase) => c.solution?.number ?? 0;

/**
 * Translates a command into the events it would produce. It does not judge legality: the
 * machine accepts or refuses the result. Commands that complete a step produce two events
 * (evaluation closes; unsatisfied feedback reopens), applied and appended atomically.
 */
export const EVENT_BUILDERS: { [T in ComplaintCommandType]: Builder<T> } = {
  ReceiveComplaint: (cmd, ctx) => {
    const urgency = cmd.urgency ?? 'normal';
    return [
      event(
        'ComplaintReceived',
        cmd,
        ctx,
        defined({
          customerId: cmd.customerId,
          customerRef: cmd.customerRef,
          channel: cmd.channel,
          description: cmd.description,
          urgency,
          incidentAt: cmd.incidentAt,
          location: cmd.location,
          productRef: cmd.productRef,
          orderRef: cmd.orderRef,
          customer: cmd.customer,
          sla: applySla(ctx.slaPolicy, urgency),
        }),
      ),
    ];
  },
  AcknowledgeComplaint: (cmd, ctx) => [event('ComplaintAcknowledged', cmd, ctx, defined({ message: cmd.message }))],
  ClassifyComplaint: (cmd, ctx) => [
    event(
      'ComplaintClassified',
      cmd,
      ctx,
      defined({
        category: cmd.category,
        subcategory: cmd.subcategory,
        urgency: cmd.urgency,
        rootCause: cmd.rootCause,
        motive: cmd.motive,
        serviceDimension: cmd.serviceDimension,
        team: cmd.team,
        agent: cmd.agent,
        sla: applySla(ctx.slaPolicy, cmd.urgency),
      }),
    ),
  ],
  AssignComplaint: (cmd, ctx) => [event('ComplaintAssigned', cmd, ctx, defined({ team: cmd.team, agent: cmd.agent }))],
  ProposeSolution: (cmd, ctx) => [
    event(
      'SolutionProposed',
      cmd,
      ctx,
      defined({
        solutionNumber: solutionNumber(ctx.state) + 1,
        remedy: cmd.remedy,
        description: cmd.description,
        amount: cmd.amount,
      }),
    ),
  ],
  AcceptSolution: (cmd, ctx) => [
    event('SolutionAccepted', cmd, ctx, defined({ solutionNumber: solutionNumber(ctx.state), note: cmd.note })),
  ],
  RejectSolution: (cmd, ctx) => [event('SolutionRejected', cmd, ctx, { solutionNumber: solutionNumber(ctx.state), reason: cmd.reason })],
  RecordImplementationProgress: (cmd, ctx) => [
    event('ImplementationProgressed', cmd, ctx, { solutionNumber: solutionNumber(ctx.state), note: cmd.note }),
  ],
  CompleteImplementation: (cmd, ctx) => [
    event('SolutionImplemented', cmd, ctx, { solutionNumber: solutionNumber(ctx.state), outcome: cmd.outcome }),
  ],
  RecordFeedback: (cmd, ctx) => {
    const outcome = feedbackOutcome(cmd);
    const recorded = event(
      'FeedbackRecorded',
      cmd,
      ctx,
      defined({
        method: cmd.method,
        satisfaction: cmd.satisfaction as 1 | 2 | 3 | 4 | 5,
        resolved: cmd.resolved,
        comment: cmd.comment,
        outcome,
      }),
    );
    if (outcome === 'satisfied') return [recorded];
    const reason = cmd.comment ?? `unsatisfied feedback (satisfaction ${cmd.satisfaction}, resolved: ${cmd.resolved})`;
    return [
      recorded,
      event('ComplaintReopened', cmd, ctx, { trigger: 'unsatisfied_feedback', reason, reopenCount: ctx.state.reopenCount + 1 }),
    ];
  },
  EvaluateComplaint: (cmd, ctx) => [
    event('ComplaintEvaluated', cmd, ctx, defined({ rootCause: cmd.rootCause, preventiveAction: cmd.preventiveAction, notes: cmd.notes })),
    event('ComplaintClosed', cmd, ctx, { resolution: 'evaluated' }),
  ],
  EscalateComplaint: (cmd, ctx) => [
    event('ComplaintEscalated', cmd, ctx, defined({ reason: cmd.reason, to: cmd.to, level: (ctx.state.escalation?.level ?? 0) + 1 })),
  ],
  ReopenComplaint: (cmd, ctx) => [
    event('ComplaintReopened', cmd, ctx, { trigger: 'request', reason: cmd.reason, reopenCount: ctx.state.reopenCount + 1 }),
  ],
  WithdrawComplaint: (cmd, ctx) => [event('ComplaintWithdrawn', cmd, ctx, defined({ reason: cmd.reason }))],
  RecordDeadlineMissed: (cmd, ctx) => {
    const due = cmd.deadline === 'acknowledge' ? acknowledgeDueMs(ctx.state) : resolveDueMs(ctx.state);
    // A paused clock has no instant; the event then records when the check found it exhausted.
    const dueAt = due === null ? ctx.occurredAt : new Date(due).toISOString();
    return [event('DeadlineMissed', cmd, ctx, { deadline: cmd.deadline, dueAt })];
  },
};

export function buildEvents(cmd: ComplaintCommand, ctx: BuildContext): ComplaintEvent[] {
  const builder = EVENT_BUILDERS[cmd.type] as Builder<ComplaintCommandType>;
  return builder(cmd, ctx);
}
