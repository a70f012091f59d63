/**
 * DI tokens shared with the command side without importing each other's files: Symbol.for gives
 * the same symbol to both. The app provides the event-store port under EVENT_STORE_TOKEN.
 */
export const EVENT_STORE_TOKEN = Symbol.for('complaint-ledger.event-store');
/** The case list's storage (`CaseListStore`); tests override it with the in-memory store. */
export const CASE_LIST_STORE = Symbol.for('complaint-ledger.case-list-store');
