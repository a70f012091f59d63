// The business vocabulary from DOMAIN.md, as closed sets. Arrays (not enums) so the API layer,
// the JSON Schemas and the property tests all enumerate the very same values.

export const CHANNELS = ['phone', 'email', 'web', 'social', 'in_person', 'app', 'letter', 'fax', 'referral'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Urgency decides the SLA clocks. `normal` is the default at intake. */
export const URGENCIES = ['urgent', 'general', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Why the customer complains (DOMAIN.md "Motive"). */
export const MOTIVES = ['suggestion', 'venting', 'compensation', 'ulterior'] as const;
export type Motive = (typeof MOTIVES)[number];

/** SERVQUAL service-quality dimensions. */
export const SERVICE_DIMENSIONS = ['reliability', 'responsiveness', 'assurance', 'empathy', 'tangibles'] as const;
export type ServiceDimension = (typeof SERVICE_DIMENSIONS)[number];

export const REMEDIES = ['return', 'exchange', 'repair', 'refund', 'compensation', 'coupon', 'apology', 'explanation', 'other'] as const;
export type Remedy = (typeof REMEDIES)[number];

export const FEEDBACK_METHODS = ['phone', 'email', 'survey', 'online_review'] as const;
export type FeedbackMethod = (typeof FEEDBACK_METHODS)[number];

/** Deadlines a case can miss. Regulatory clocks (FCA, CFPB) will add kinds here. */
export const DEADLINE_KINDS = ['acknowledge', 'resolve'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

// Structured values (root cause, money, contact) are shapes: see fields.ts.
export type { CustomerContact, MoneyAmount, RootCause } from './fields';
