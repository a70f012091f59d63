// The API with BUS=kafka hosts the relay in-process: a complaint taken over HTTP reaches the topic
// as its public event (customerRef, no personal data), and /health reports the bus.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { decodeEvent, type AnyPublicEvent } from '@complaint-ledger/complaint-contract';
import { describeWithKafka, describeWithPostgres, freshSchema, uniqueName, type FreshSchema } from '@complaint-ledger/test-engines';
import { assertBuilt, client, complaint, dataOf, get, killAll, startApi, stopApi, token } from './complaints/commands/e2e/harness';

describeWithPostgres('API with BUS=kafka', (getUrl) => {
  describeWithKafka('relay hosted in-process', (getBrokers) => {
    let schema: FreshSchema;
    let dataDir: string;
    beforeAll(async () => {
      assertBuilt();
      schema = await freshSchema(getUrl(), 'api_bus');
      dataDir = await mkdtemp(join(tmpdir(), 'api-bus-e2e-'));
    });
    afterAll(async () => {
      killAll();
      await schema.drop();
      await rm(dataDir, { recursive: true, force: true });
    });

    it('relays a complaint taken over HTTP to the topic, without personal data; /health reports the bus', async () => {
      const topic = uniqueName('complaints');
      const api = await startApi({
        COMPLAINTS_DATA_DIR: dataDir,
        EVENT_STORE: 'postgres',
        EVENT_STORE_URL: getUrl(),
        EVENT_STORE_SCHEMA: schema.schema,
        BUS: 'kafka',
        KAFKA_BROKERS: getBrokers().join(','),
        COMPLAINTS_TOPIC: topic,
        KAFKA_TOPIC_PARTITIONS: '3',
      });
      try {
        const secret = uniqueName('words-of-the-customer');
        const created = dataOf(
          await client(api, await token(['agent'])).POST('/complaints', {
            body: complaint({ customerId: 'cust-bus-e2e', description: secret }),
          }),
        );
        const health = await get(api, '/health');
        expect(health.status).toBe(200);
        expect(health.body.details.bus).toMatchObject({ status: 'up', kind: 'kafka', topic, broker: 'up' });

        const kafka = new Kafka({ clientId: 'api-bus-e2e', brokers: getBrokers(), logLevel: logLevel.NOTHING });
        const consumer = kafka.consumer({ groupId: uniqueName('api-bus') });
        const events: AnyPublicEvent[] = [];
        const raw: string[] = [];
        await consumer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachMessage: async ({ message }) => {
            raw.push(`${message.key?.toString()}|${message.value?.toString()}|${JSON.stringify(message.headers)}`);
            events.push(decodeEvent({ key: message.key, value: message.value, headers: message.headers ?? {} }));
          },
        });
        const deadline = Date.now() + 20_000;
        while (events.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
        await consumer.disconnect();
        expect(events.map((e) => [e.type, e.caseId, e.sequence])).toEqual([['ComplaintReceived', created.id, 0]]);
        expect(events[0].data).toMatchObject({ customerRef: expect.stringMatching(/^[0-9a-f-]{36}$/), channel: 'email' });
        expect(raw.join('\n')).not.toContain(secret);
        expect(raw.join('\n')).not.toContain('cust-bus-e2e');
      } finally {
        await stopApi(api);
      }
    }, 90_000);
  });
});
