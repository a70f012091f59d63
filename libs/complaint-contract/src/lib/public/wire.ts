// The wire format: one Kafka record per event, CloudEvents 1.0 in binary content mode (Kafka
// protocol binding). Value = the public `data` as JSON; the attributes travel as `ce_` headers.
import { COMPLAINT_EVENT_TYPES, type ComplaintEventType } from '../events';
import type { AnyPublicEvent, PublicEvent } from './public-events';

/** Default topic; the major version of the contract is in its name. */
export const DEFAULT_COMPLAINTS_TOPIC = 'complaints.events.v1';
/** Default partition count. Part of the contract: records are keyed by case, so changing it reorders nothing already written but moves cases to other partitions. */
export const DEFAULT_TOPIC_PARTITIONS = 12;
export const DEFAULT_CE_SOURCE = 'urn:complaint-ledger';
/** Topic settings the relay creates it with: kept forever, so a consumer can rebuild from offset 0. */
export const TOPIC_CONFIG: Readonly<Record<string, string>> = { 'cleanup.policy': 'delete', 'retention.ms': '-1' };

export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  dataschema: 'ce_dataschema',
  sequence: 'ce_sequence',
  position: 'ce_position',
  recordedtime: 'ce_recordedtime',
  correlationid: 'ce_correlationid',
  causationid: 'ce_causationid',
  contentType: 'content-type',
} as const;

/** `ComplaintReceived.v1` */
export const ceType = (type: ComplaintEventType, version: number): string => `${type}.v${version}`;
/** Where a type's schema is named (and served: GET /events/schemas/<Type>.v<N>.json). */
export const dataSchemaUrn = (type: ComplaintEventType, version: number): string => `urn:complaint-ledger:schema:${ceType(type, version)}`;
/** The case revision as `ce_sequence`: zero-padded to 10 digits, so it also sorts as text. */
export const encodeSequence = (revision: number): string => String(revision).padStart(10, '0');

/** A Kafka record as any client gives it: key, value and headers as bytes or text. */
export interface WireRecord {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | undefined | (Buffer | string)[]>;
}

/** The record for one public event (the relay publishes it as is). */
export function toRecord(
  event: AnyPublicEvent | PublicEvent,
  source: string = DEFAULT_CE_SOURCE,
): { key: string; value: string; headers: Record<string, string> } {
  return {
    key: event.caseId,
    value: JSON.stringify(event.data),
    headers: {
      [CE_HEADERS.specversion]: '1.0',
      [CE_HEADERS.id]: event.id,
      [CE_HEADERS.source]: source,
      [CE_HEADERS.type]: ceType(event.type, event.version),
      [CE_HEADERS.subject]: event.caseId,
      [CE_HEADERS.time]: event.occurredAt,
      [CE_HEADERS.dataschema]: dataSchemaUrn(event.type, event.version),
      [CE_HEADERS.sequence]: encodeSequence(event.sequence),
      [CE_HEADERS.position]: event.position,
      [CE_HEADERS.recordedtime]: event.recordedAt,
      [CE_HEADERS.correlationid]: event.correlationId,
      [CE_HEADERS.causationid]: event.causationId,
      [CE_HEADERS.contentType]: 'application/json',
    },
  };
}

/** A record that is not a complaint event of this contract (its reason says why). */
export class UndecodableRecordError extends Error {
  constructor(readonly reason: string) {
    super(`not a complaint event record: ${reason}`);
    this.name = 'UndecodableRecordError';
  }
}

const text = (v: Buffer | string | null | undefined | (Buffer | string)[]): string | undefined => {
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined || one === null ? undefined : typeof one === 'string' ? one : one.toString('utf8');
};

const CE_TYPE = /^([A-Za-z]+)\.v([1-9][0-9]*)$/;

/** The attributes and raw data of a record, before upcasting. */
export type DecodedRecord = Omit<PublicEvent, 'data'> & { data: Record<string, unknown> };

/** Reads the CloudEvents attributes and the JSON data of a record. */
export function decodeRecordEnvelope(record: WireRecord): DecodedRecord {
  const h = (name: string) => text(record.headers?.[name]);
  const need = (name: string): string => {
    const v = h(name);
    if (v === undefined || v === '') throw new UndecodableRecordError(`header ${name} is missing`);
    return v;
  };
  if (need(CE_HEADERS.specversion) !== '1.0') throw new UndecodableRecordError(`${CE_HEADERS.specversion} is not 1.0`);
  const m = CE_TYPE.exec(need(CE_HEADERS.type));
  if (!m || !(COMPLAINT_EVENT_TYPES as readonly string[]).includes(m[1]))
    throw new UndecodableRecordError(`unknown ${CE_HEADERS.type} ${h(CE_HEADERS.type)}`);
  const sequence = Number(need(CE_HEADERS.sequence));
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new UndecodableRecordError(`${CE_HEADERS.sequence} is not a revision`);
  const value = text(record.value);
  if (value === undefined) throw new UndecodableRecordError('the record has no value');
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    throw new UndecodableRecordError('the value is not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UndecodableRecordError('the value is not a JSON object');
  return {
    id: need(CE_HEADERS.id),
    type: m[1] as ComplaintEventType,
    version: Number(m[2]),
    caseId: need(CE_HEADERS.subject),
    sequence,
    position: need(CE_HEADERS.position),
    occurredAt: need(CE_HEADERS.time),
    recordedAt: need(CE_HEADERS.recordedtime),
    correlationId: need(CE_HEADERS.correlationid),
    causationId: need(CE_HEADERS.causationid),
    data: data as Record<string, unknown>,
  };
}
