// The Kafka adapter on the real broker (infra/local, or KAFKA_BROKERS): the topic as the contract
// says, the idempotent publisher, records read back by a plain kafkajs consumer and by the
// official CloudEvents SDK.
import { Kafka as CloudEventsKafka, type CloudEvent, type KafkaMessage } from 'cloudevents';
import type { Kafka } from 'kafkajs';
import { DEFAULT_TOPIC_PARTITIONS, TOPIC_CONFIG, decodeEvent, toRecord, type PublicEvent } from '@complaint-ledger/complaint-contract';
import { describeWithKafka, uniqueName } from '@complaint-ledger/test-engines';
import { brokersReachable, ensureTopic, kafkaClient, KafkaEventPublisher, TopicMismatchError } from '../index';

/** Every record of a topic, read from the beginning by a throw-away consumer group. */
export async function readTopic(kafka: Kafka, topic: string, expected: number, timeoutMs = 20_000) {
  const consumer = kafka.consumer({ groupId: uniqueName('read'), retry: { retries: 2 } });
  const records: { partition: number; offset: string; key: string; value: string; headers: Record<string, string> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`read ${records.length} of ${expected} records`)), timeoutMs);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push({
          partition,
          offset: message.offset,
          key: message.key?.toString('utf8') ?? '',
          value: message.value?.toString('utf8') ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        });
        if (records.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  try {
    await done;
  } finally {
    await consumer.disconnect();
  }
  return records;
}

describeWithKafka('Kafka adapter', (getBrokers) => {
  const client = () => kafkaClient({ brokers: getBrokers(), clientId: 'bus-kafka-int' });

  it('creates the topic with the contract settings, finds it the second time, and refuses another partition count', async () => {
    const kafka = client();
    const topic = uniqueName('complaints');
    const spec = { topic, partitions: 6, replicationFactor: 1, configs: TOPIC_CONFIG };
    expect(await ensureTopic(kafka, spec)).toBe('created');
    expect(await ensureTopic(kafka, spec)).toBe('exists');
    await expect(ensureTopic(kafka, { ...spec, partitions: DEFAULT_TOPIC_PARTITIONS })).rejects.toThrow(TopicMismatchError);
    await expect(ensureTopic(kafka, { ...spec, partitions: DEFAULT_TOPIC_PARTITIONS })).rejects.toThrow(
      /has 6 partitions but 12 are configured/,
    );
    const admin = kafka.admin();
    await admin.connect();
    try {
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: topic, configNames: ['retention.ms', 'cleanup.policy'] }],
      });
      const entries = Object.fromEntries(configs.resources[0].configEntries.map((e) => [e.configName, e.configValue]));
      expect(entries).toEqual({ 'retention.ms': '-1', 'cleanup.policy': 'delete' });
    } finally {
      await admin.disconnect();
    }
  });

  it('publishes records keyed by case, in order per case, that the CloudEvents SDK reads as valid events', async () => {
    const kafka = client();
    const topic = uniqueName('complaints');
    await ensureTopic(kafka, { topic, partitions: 3, replicationFactor: 1, configs: TOPIC_CONFIG });
    const publisher = new KafkaEventPublisher(kafka, topic);
    const event = (caseId: string, sequence: number): PublicEvent<'ComplaintAcknowledged'> => ({
      id: `00000000-0000-4000-8000-${String(sequence).padStart(6, '0')}${caseId.padStart(6, '0')}`,
      type: 'ComplaintAcknowledged',
      version: 1,
      caseId,
      sequence,
      position: String(sequence),
      occurredAt: '2026-03-02T09:00:00.000Z',
      recordedAt: '2026-03-02T09:00:01.000Z',
      correlationId: 'c',
      causationId: 'k',
      data: { clocks: [{ clock: 'acknowledge', state: 'met', breached: false }] },
    });
    const sent = ['a', 'b', 'c', 'd'].flatMap((c) => [0, 1, 2].map((s) => toRecord(event(c, s))));
    await publisher.publish(sent.slice(0, 5));
    await publisher.publish(sent.slice(5));
    await publisher.close();

    const records = await readTopic(kafka, topic, sent.length);
    for (const key of ['a', 'b', 'c', 'd']) {
      const mine = records.filter((r) => r.key === key);
      expect(new Set(mine.map((r) => r.partition)).size).toBe(1);
      expect(mine.map((r) => decodeEvent(r).sequence)).toEqual([0, 1, 2]);
    }
    for (const r of records) {
      const message: KafkaMessage<string> = { key: r.key, value: r.value, headers: r.headers, body: r.value };
      const ce = CloudEventsKafka.toEvent(message) as CloudEvent<unknown> | CloudEvent<unknown>[];
      const one = Array.isArray(ce) ? ce[0] : ce;
      expect(one.validate()).toBe(true);
      expect(one.type).toBe('ComplaintAcknowledged.v1');
      expect(one['sequence']).toMatch(/^\d{10}$/);
    }
  });

  it('tells whether the brokers answer', async () => {
    expect(await brokersReachable(client(), 5_000)).toMatchObject({ up: true });
    expect(await brokersReachable(kafkaClient({ brokers: ['127.0.0.1:1'], clientId: 'x', connectionTimeoutMs: 300 }), 2_000)).toMatchObject(
      { up: false },
    );
  });
});
