// Fields that commands and events share. A field said in a command and carried on by its event
// (a classification's category, a remedy's amount) is defined here once and used by both.
import { decimal, freeText, integer, list, matching, object, oneOf, optional, customerText, text, type FieldValue } from './shape/shape';
import { URGENCIES } from './vocabulary';

export const rootCauseField = object('RootCause', 'The underlying cause, with an optional 5-Why chain.', {
  code: text('Short code analysts group by, e.g. `design_defect`.'),
  whyChain: optional(list(freeText('One "why", first first.'), '5-Why chain, first "why" first.', 10)),
});
export type RootCause = FieldValue<typeof rootCauseField>;

export const moneyAmountField = object('MoneyAmount', 'Money involved (refund, compensation, coupon).', {
  value: decimal("Amount in the currency's major unit (e.g. 12.50).", 0),
  currency: matching('ISO 4217 code, e.g. `EUR`.', /^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR', 'EUR'),
});
export type MoneyAmount = FieldValue<typeof moneyAmountField>;

/** Personal data of the customer. Kept apart so it can be encrypted and later crypto-shredded. */
export const customerContactField = object(
  'CustomerContact',
  'How to reach the customer.',
  {
    name: optional(customerText('Name.')),
    email: optional(matching('E-mail address.', /^[^@\s]+@[^@\s]+$/, 'must be an e-mail address', 'ann@example.com', 'customer')),
    phone: optional(customerText('Phone number.')),
  },
  'customer',
);
export type CustomerContact = FieldValue<typeof customerContactField>;

export const urgencyField = (description: string) => oneOf(URGENCIES, description);
export const categoryField = text(
  'Complaint family, e.g. `product_quality`, `service_attitude`, `logistics_delay`, `billing_refund`, `communication`.',
);
export const teamField = text('Team the case is routed to.');
export const agentField = text('Agent the case is routed to.');

/** The SLA policy applied to one case, as carried by `ComplaintReceived` and `ComplaintClassified`. */
export const appliedSlaField = object(
  'AppliedSla',
  'The SLA policy applied to the case: the figures in force when the event was decided, so replays stay exact.',
  {
    policyVersion: text('Version of the SLA policy in force.'),
    urgency: oneOf(URGENCIES, 'Urgency the targets were taken for.'),
    acknowledgeWithinMs: integer('Acknowledge-by target in milliseconds from receipt.', 1),
    resolveWithinMs: integer('Resolve-by budget in milliseconds of running clock (paused while waiting on the customer).', 1),
  },
);
export type AppliedSla = FieldValue<typeof appliedSlaField>;
