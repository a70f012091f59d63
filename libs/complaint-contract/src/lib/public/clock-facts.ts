// Where each clock stands after an event, as published: subscribers read due instants from the
// events instead of re-implementing the clock and calendar rules.
import { flag, instant, object, oneOf, optional, text, type FieldValue } from '../shape/shape';

export const CLOCK_STATES = ['running', 'paused', 'met', 'stopped'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export const clockFactField = object('ClockFact', 'Where one clock stands after the event.', {
  clock: text('The clock: `acknowledge`, `resolve`, or a regulatory clock by its name.'),
  state: oneOf(
    CLOCK_STATES,
    '`running`: counting towards `dueAt`. `paused`: waiting on the customer, no due instant until it resumes. `met`: done (acknowledged, resolved). `stopped`: will never be met (the case was withdrawn or closed first).',
  ),
  dueAt: optional(instant('When it falls due; present while running (the instant a later event may move).')),
  breached: flag(
    'Settled as breached whatever the time: missed, met late, or over budget when it stopped. A running clock past `dueAt` is breached as of now even while this is false.',
  ),
});
export type ClockFact = FieldValue<typeof clockFactField>;
