// The AsyncAPI document subscribers read passes the official parser with zero errors, and
// documents what the issue asks of it: key, headers, partitions, Kafka bindings.
import { Parser } from '@asyncapi/parser';
import { complaintEventsAsyncApi, COMPLAINT_EVENT_TYPES } from '@complaint-ledger/complaint-contract';

describe('the AsyncAPI document of the topic', () => {
  it('passes @asyncapi/parser with zero errors', async () => {
    const { document, diagnostics } = await new Parser().parse(
      JSON.stringify(complaintEventsAsyncApi({ topic: 'complaints.events.v1', partitions: 12 })),
    );
    // Severity 0 is an error in the parser's diagnostics (1 warning, 2 information, 3 hint).
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(document).toBeDefined();
    const channel = document?.channels().get('complaintEvents');
    expect(channel?.address()).toBe('complaints.events.v1');
    expect(
      channel
        ?.messages()
        .all()
        .map((m) => m.id())
        .sort(),
    ).toEqual(COMPLAINT_EVENT_TYPES.map((t) => `${t}.v1`).sort());
  });

  it('documents the key, the CloudEvents headers, the partitions and the topic settings', () => {
    const doc = complaintEventsAsyncApi({ topic: 't', partitions: 3, replicationFactor: 3 }) as {
      channels: { complaintEvents: { bindings: { kafka: Record<string, unknown> } } };
      components: {
        messages: Record<string, { bindings: { kafka: { key: unknown } } }>;
        schemas: { CloudEventHeaders: { required: string[] } };
      };
    };
    expect(doc.channels.complaintEvents.bindings.kafka).toMatchObject({
      topic: 't',
      partitions: 3,
      replicas: 3,
      topicConfiguration: { 'retention.ms': -1 },
    });
    expect(doc.components.messages['ComplaintReceived.v1'].bindings.kafka.key).toMatchObject({ type: 'string' });
    expect(doc.components.schemas.CloudEventHeaders.required).toEqual(
      expect.arrayContaining(['ce_id', 'ce_type', 'ce_subject', 'ce_time', 'ce_sequence', 'ce_position', 'ce_dataschema']),
    );
  });
});
