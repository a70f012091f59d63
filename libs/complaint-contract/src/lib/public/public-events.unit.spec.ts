import { COMPLAINT_EVENT_TYPES, EVENT_SHAPES } from '../events';
import { personalPaths, type JsonSchema } from '../shape/shape';
import { CaseSequenceGuard, decodeEvent, sequenceVerdict } from './consumer';
import { PUBLIC_FIELDS, publicDataSchema, toPublicData, UnpublishableEventError, type PublicEvent } from './public-events';
import { upcast, UnknownEventVersionError } from './upcasters';
import { CE_HEADERS, decodeRecordEnvelope, toRecord, UndecodableRecordError } from './wire';

const clocks = [
  { clock: 'acknowledge', state: 'running' as const, dueAt: '2026-03-03T09:00:00.000Z', breached: false },
  { clock: 'resolve', state: 'running' as const, dueAt: '2026-03-09T09:00:00.000Z', breached: false },
];
const sla = { policyVersion: 'p1', urgency: 'normal', acknowledgeWithinMs: 1, resolveWithinMs: 2 };
const received = {
  customerId: 'cust-42',
  customerRef: '7d0e6a52-56a6-4c52-9d8e-6b0a3e1c1f00',
  channel: 'web',
  description: 'my words',
  urgency: 'normal',
  location: 'my street',
  productRef: 'kettle-2',
  orderRef: 'order-9',
  customer: { name: 'Ann', email: 'ann@example.com', phone: '+44 1' },
  sla,
};

/** Every path in a JSON Schema's properties, nested ones as `a.b` and `a[].b`. */
function schemaPaths(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, s]) => [
    prefix + name,
    ...(s.type === 'object' ? schemaPaths(s, `${prefix}${name}.`) : []),
    ...(s.type === 'array' && s.items?.type === 'object' ? schemaPaths(s.items, `${prefix}${name}[].`) : []),
  ]);
}

describe('the public form of the events', () => {
  it.each(COMPLAINT_EVENT_TYPES)('%s: no personal field is in the published schema', (type) => {
    const published = schemaPaths(publicDataSchema(type));
    for (const path of personalPaths(EVENT_SHAPES[type].fields)) expect(published).not.toContain(path);
    expect(published).toContain('clocks');
  });

  it('classifies the customer id, contacts, words and staff free text as personal', () => {
    expect(personalPaths(EVENT_SHAPES.ComplaintReceived.fields)).toEqual(['customerId', 'description', 'location', 'orderRef', 'customer']);
    expect(personalPaths(EVENT_SHAPES.ComplaintClassified.fields)).toEqual(['rootCause.whyChain']);
    expect(personalPaths(EVENT_SHAPES.SolutionRejected.fields)).toEqual(['reason']);
    // Routing is business data: published.
    expect(Object.keys(PUBLIC_FIELDS.ComplaintAssigned)).toEqual(['team', 'agent', 'clocks']);
  });

  it('drops personal data at any depth, keeps business data, adds the ref and the clocks', () => {
    expect(toPublicData('ComplaintReceived', 'e1', received, { clocks })).toEqual({
      customerRef: received.customerRef,
      channel: 'web',
      urgency: 'normal',
      productRef: 'kettle-2',
      sla,
      clocks,
    });
    const classified = { category: 'quality', urgency: 'urgent', rootCause: { code: 'design', whyChain: ['because'] }, sla };
    expect(toPublicData('ComplaintClassified', 'e2', classified, { clocks })).toEqual({
      category: 'quality',
      urgency: 'urgent',
      rootCause: { code: 'design' },
      sla,
      clocks,
    });
  });

  it('never publishes a field the contract does not know, and refuses an event it cannot describe', () => {
    expect(toPublicData('ComplaintAcknowledged', 'e3', { message: 'hi', smuggled: 'x' }, { clocks })).toEqual({ clocks });
    const withoutRef: Record<string, unknown> = { ...received };
    delete withoutRef['customerRef'];
    expect(() => toPublicData('ComplaintReceived', 'e4', withoutRef, { clocks })).toThrow(UnpublishableEventError);
    expect(() => toPublicData('ComplaintReceived', 'e4', withoutRef, { clocks })).toThrow(
      /e4 \(ComplaintReceived\).*customerRef is required/,
    );
    expect(toPublicData('ComplaintReceived', 'e5', withoutRef, { clocks, customerRef: 'ref-from-registry' })).toMatchObject({
      customerRef: 'ref-from-registry',
    });
  });
});

describe('the wire format', () => {
  const event: PublicEvent<'ComplaintReceived'> = {
    id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    type: 'ComplaintReceived',
    version: 1,
    caseId: '3a1f0c9e-7b2d-4e5f-8a9b-0c1d2e3f4a5b',
    sequence: 0,
    position: '42',
    occurredAt: '2026-03-02T09:00:00.000Z',
    recordedAt: '2026-03-02T09:00:01.000Z',
    correlationId: 'req-1',
    causationId: 'cause-1',
    data: toPublicData('ComplaintReceived', 'x', received, { clocks }),
  };

  it('is CloudEvents binary mode: the data as the value, attributes as ce_ headers, the case as the key', () => {
    const record = toRecord(event);
    expect(record.key).toBe(event.caseId);
    expect(JSON.parse(record.value)).toEqual(event.data);
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_type: 'ComplaintReceived.v1',
      ce_subject: event.caseId,
      ce_time: event.occurredAt,
      ce_dataschema: 'urn:complaint-ledger:schema:ComplaintReceived.v1',
      ce_sequence: '0000000000',
      ce_position: '42',
      'content-type': 'application/json',
    });
  });

  it('decodes a record (headers as Buffers, as kafkajs gives them) back into the same event', () => {
    const record = toRecord(event);
    const asBytes = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(decodeEvent({ key: Buffer.from(record.key), value: Buffer.from(record.value), headers: asBytes })).toEqual(event);
  });

  it('refuses a record that is not one of ours, saying why', () => {
    const record = toRecord(event);
    expect(() => decodeRecordEnvelope({ ...record, headers: { ...record.headers, [CE_HEADERS.type]: 'Other.v1' } })).toThrow(
      UndecodableRecordError,
    );
    expect(() => decodeRecordEnvelope({ ...record, value: 'not json' })).toThrow(/not JSON/);
    expect(() => decodeRecordEnvelope({ ...record, headers: { ...record.headers, [CE_HEADERS.id]: undefined } })).toThrow(
      /ce_id is missing/,
    );
  });
});

describe('upcasting and duplicates', () => {
  it('lifts an older version step by step, and refuses a version newer than it knows', () => {
    const upcasters = {
      ComplaintClosed: {
        1: (d: Record<string, unknown>) => ({ ...d, how: 'v2' }),
        2: (d: Record<string, unknown>) => ({ ...d, v3: true }),
      },
    };
    const current = { ...Object.fromEntries(COMPLAINT_EVENT_TYPES.map((t) => [t, 1])), ComplaintClosed: 3 } as Record<
      (typeof COMPLAINT_EVENT_TYPES)[number],
      number
    >;
    expect(upcast('ComplaintClosed', 1, { resolution: 'evaluated' }, upcasters, current)).toEqual({
      version: 3,
      data: { resolution: 'evaluated', how: 'v2', v3: true },
    });
    expect(() => upcast('ComplaintClosed', 4, {}, upcasters, current)).toThrow(UnknownEventVersionError);
  });

  it('tells the next event from a duplicate and a gap by the case sequence', () => {
    expect(sequenceVerdict(undefined, 0)).toBe('apply');
    expect(sequenceVerdict(3, 4)).toBe('apply');
    expect(sequenceVerdict(3, 3)).toBe('duplicate');
    expect(sequenceVerdict(3, 6)).toBe('gap');
    const guard = new CaseSequenceGuard();
    expect([0, 1, 1, 0, 3, 2, 3].map((sequence) => guard.offer({ caseId: 'a', sequence }))).toEqual([
      'apply',
      'apply',
      'duplicate',
      'duplicate',
      'gap',
      'apply',
      'apply',
    ]);
  });
});
