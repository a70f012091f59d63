// Fields that commands and events share. A field said in a command and carried on by its event
// (a classification's category, a remedy's amount) is defined here once and used by both.
import { list, matching, object, oneOf, optional, personalText, text, decimal, type FieldValue } from './shape/shape';
import { URGENCIES } from './vocabulary';

export const rootCauseField = object('RootCause', 'The underlying cause, with an optional 5-Why chain.', {
  code: text('Short code analysts group by, e.g. `design_defect`.'),
  whyChain: optional(list(text('One "why", first first.'), '5-Why chain, first "why" first.', 10)),
});
export type RootCause = FieldValue<typeof rootCauseField>;

export const moneyAmountField = object('MoneyAmount', 'Money involved (refund, compensation, coupon).', {
  value: decimal("Amount in the currency's major unit (e.g. 12.50).", 0),
  currency: matching('ISO 4217 code, e.g. `EUR`.', /^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR', 'EUR'),
});
export type MoneyAmount = FieldValue<typeof moneyAmountField>;

/** Personal data of the customer. Kept apart so it can be encrypted and later crypto-shredded. */
export const customerContactField = object('CustomerContact', 'How to reach the customer.', {
  name: optional(personalText('Name.')),
  email: optional(matching('E-mail address.', /^[^@\s]+@[^@\s]+$/, 'must be an e-mail address', 'ann@example.com', true)),
  phone: optional(personalText('Phone number.')),
});
export type CustomerContact = FieldValue<typeof customerContactField>;

export const urgencyField = (description: string) => oneOf(URGENCIES, description);
export const categoryField = text(
  'Complaint family, e.g. `product_quality`, `service_attitude`, `logistics_delay`, `billing_refund`, `communication`.',
);
export const teamField = text('Team the case is routed to.');
export const agentField = text('Agent the case is routed to.');
