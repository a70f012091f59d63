import { assign, setup } from 'xstate';
import { EMPTY_CASE, reduce, type ComplaintCase } from './case-state';
import { isDeadlineDue } from './deadlines';
import type { ComplaintEvent } from '@complaint-ledger/complaint-contract';
import { feedbackOutcome } from './feedback-rule';

/**
 * The one place that says which transitions are legal. Machine events are the domain events
 * themselves: `decide` asks the machine whether the event a command would produce is accepted,
 * and `evolve` folds stored events through it. No timers (`after`) live here: they would not
 * survive replay; a missed deadline arrives as an explicit `DeadlineMissed` event.
 *
 * Every accepted event runs `record`, so an accepted event always yields a new snapshot and an
 * unaccepted one returns the very same snapshot: that identity is how `decide` detects rejection.
 */
export const complaintMachineSetup = setup({
  types: {
    context: {} as ComplaintCase,
    events: {} as ComplaintEvent,
  },
  actions: {
    record: assign(({ context, event }) => reduce(context, event)),
  },
  guards: {
    notYetAcknowledged: ({ context }) => context.acknowledgedAtMs === null,
    deadlineIsDue: ({ context, event }) =>
      event.type === 'DeadlineMissed' && isDeadlineDue(context, event.data.deadline, Date.parse(event.occurredAt)),
    isNextSolution: ({ context, event }) =>
      event.type === 'SolutionProposed' && event.data.solutionNumber === (context.solution?.number ?? 0) + 1,
    isCurrentSolution: ({ context, event }) => 'solutionNumber' in event.data && event.data.solutionNumber === context.solution?.number,
    feedbackSatisfied: ({ event }) =>
      event.type === 'FeedbackRecorded' && isConsistentFeedback(event) && event.data.outcome === 'satisfied',
    feedbackUnsatisfied: ({ event }) =>
      event.type === 'FeedbackRecorded' && isConsistentFeedback(event) && event.data.outcome === 'unsatisfied',
    reopenAfterUnsatisfiedFeedback: ({ context, event }) =>
      event.type === 'ComplaintReopened' &&
      event.data.trigger === 'unsatisfied_feedback' &&
      context.lastEventType === 'FeedbackRecorded' &&
      context.feedback?.outcome === 'unsatisfied' &&
      event.data.reopenCount === context.reopenCount + 1,
    reopenOnRequest: ({ context, event }) =>
      event.type === 'ComplaintReopened' && event.data.trigger === 'request' && event.data.reopenCount === context.reopenCount + 1,
    isNextEscalationLevel: ({ context, event }) =>
      event.type === 'ComplaintEscalated' && event.data.level === (context.escalation?.level ?? 0) + 1,
    notYetEvaluated: ({ context }) => context.evaluation === null,
    evaluated: ({ context }) => context.evaluation !== null,
  },
});

function isConsistentFeedback(event: Extract<ComplaintEvent, { type: 'FeedbackRecorded' }>): boolean {
  return feedbackOutcome(event.data) === event.data.outcome;
}

export const complaintMachineConfig = {
  id: 'complaint',
  initial: 'none',
  context: EMPTY_CASE,
  states: {
    /** No event yet: the case does not exist. */
    none: {
      on: { ComplaintReceived: { target: 'open', actions: 'record' } },
    },
    open: {
      initial: 'received',
      // Facts that may be recorded in any open step; they do not move the case.
      on: {
        ComplaintAcknowledged: { guard: 'notYetAcknowledged', actions: 'record' },
        ComplaintAssigned: { actions: 'record' },
        ComplaintEscalated: { guard: 'isNextEscalationLevel', actions: 'record' },
        DeadlineMissed: { guard: 'deadlineIsDue', actions: 'record' },
        ComplaintWithdrawn: { target: 'withdrawn', actions: 'record' },
      },
      states: {
        /** Step 1 done (received and recorded); waiting to be analysed and classified. */
        received: {
          on: { ComplaintClassified: { target: 'classified', actions: 'record' } },
        },
        /** Step 2 done; a solution is being formulated. Re-classification is allowed. */
        classified: {
          on: {
            ComplaintClassified: { actions: 'record' },
            SolutionProposed: { guard: 'isNextSolution', target: 'solutionProposed', actions: 'record' },
          },
        },
        /** Step 3: a remedy was offered; waiting on the customer (resolve clock paused). */
        solutionProposed: {
          on: {
            SolutionProposed: { guard: 'isNextSolution', actions: 'record' },
            SolutionAccepted: { guard: 'isCurrentSolution', target: 'implementing', actions: 'record' },
            SolutionRejected: { guard: 'isCurrentSolution', target: 'classified', actions: 'record' },
          },
        },
        /** Step 4: carrying out the agreed remedy and keeping the customer informed. */
        implementing: {
          on: {
            ImplementationProgressed: { guard: 'isCurrentSolution', actions: 'record' },
            SolutionImplemented: { guard: 'isCurrentSolution', target: 'awaitingFeedback', actions: 'record' },
          },
        },
        /** Step 5: asking the customer whether they are satisfied (resolve clock paused). */
        awaitingFeedback: {
          on: {
            FeedbackRecorded: [
              { guard: 'feedbackSatisfied', target: 'evaluating', actions: 'record' },
              // Unsatisfied feedback is recorded here and immediately followed by a reopen.
              { guard: 'feedbackUnsatisfied', actions: 'record' },
            ],
            ComplaintReopened: { guard: 'reopenAfterUnsatisfiedFeedback', target: 'classified', actions: 'record' },
          },
        },
        /** Step 6: tracking and evaluating; the evaluation closes the case. */
        evaluating: {
          on: {
            ComplaintEvaluated: { guard: 'notYetEvaluated', actions: 'record' },
            ComplaintClosed: { guard: 'evaluated', target: '#complaint.closed', actions: 'record' },
          },
        },
      },
    },
    closed: {
      on: { ComplaintReopened: { guard: 'reopenOnRequest', target: 'open.classified', actions: 'record' } },
    },
    withdrawn: { type: 'final' },
  },
} as const;

export const complaintMachine = complaintMachineSetup.createMachine(complaintMachineConfig);

/** Bump when the machine's meaning changes: cached snapshots of an older version are discarded. */
export const COMPLAINT_MACHINE_VERSION = 1;

export type ComplaintMachine = typeof complaintMachine;
