/**
 * Limits every store enforces before writing, so all stores accept and refuse the same input.
 * EventStoreDB refuses appends above 1 MiB (its default MaxAppendSize) including framing;
 * 1,000,000 bytes of data + metadata leaves room for it.
 */
export const MAX_EVENT_BYTES = 1_000_000;
export const MAX_APPEND_BYTES = 1_000_000;
export const MAX_EVENTS_PER_APPEND = 1_000;
export const MAX_NAME_LENGTH = 200;
export const MAX_READ_ALL_COUNT = 10_000;
