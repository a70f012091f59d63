// Proves the real engines the adapters' integration tests rely on: PostgreSQL (version, isolated
// schema write+read) and Kafka through kafkajs (topic creation, produce, consumer group with
// join/sync/commit, and a restarted member resuming after the committed offset).
// Engines come from TEST_DATABASE_URL / KAFKA_BROKERS (bash infra/local/up.sh && . .infra/env), or
// testcontainers when Docker runs. Missing engine: skipped locally, FAILS when CI=true.
import { type Consumer, type EachMessagePayload, Kafka, Partitioners, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { describeWithKafka, describeWithPostgres, freshSchema, uniqueName, useFreshSchema } from './index';

describeWithPostgres('PostgreSQL engine', (getUrl) => {
  const schema = useFreshSchema(getUrl, 'engines');

  async function withClient<R>(url: string, work: (client: Client) => Promise<R>): Promise<R> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  it('answers select version()', async () => {
    const version = await withClient(getUrl(), async (c) => (await c.query<{ version: string }>('select version()')).rows[0]?.version);
    expect(version).toMatch(/^PostgreSQL \d+/);
  });

  it('writes and reads back in a fresh schema that connections use by default', async () => {
    const { url, schema: name } = schema();
    const rows = await withClient(url, async (c) => {
      expect((await c.query<{ s: string }>('select current_schema() as s')).rows[0]?.s).toBe(name);
      await c.query('create table probe (id bigserial primary key, body jsonb not null)');
      await c.query('insert into probe (body) values ($1), ($2)', [{ n: 1 }, { n: 2 }]);
      return (await c.query<{ body: { n: number } }>('select body from probe order by id')).rows;
    });
    expect(rows.map((r) => r.body.n)).toEqual([1, 2]);
    // The table lives in the fresh schema, not in public.
    const where = await withClient(getUrl(), async (c) =>
      (await c.query<{ table_schema: string }>("select table_schema from information_schema.tables where table_name = 'probe'")).rows.map(
        (r) => r.table_schema,
      ),
    );
    expect(where).toContain(name);
    expect(where).not.toContain('public');
  });

  it('drops a fresh schema with everything in it', async () => {
    const other = await freshSchema(getUrl(), 'engines_drop');
    await withClient(other.url, (c) => c.query('create table gone (id int)'));
    await other.drop();
    await other.drop(); // idempotent
    const left = await withClient(
      getUrl(),
      async (c) => (await c.query('select 1 from pg_namespace where nspname = $1', [other.schema])).rowCount,
    );
    expect(left).toBe(0);
  });
});

describeWithKafka('Kafka engine (kafkajs 2.2.4)', (getBrokers) => {
  const topic = uniqueName('engines_probe');
  const groupId = uniqueName('engines_group');
  let kafka: Kafka;

  beforeAll(() => {
    kafka = new Kafka({ clientId: 'test-engines', brokers: getBrokers(), logLevel: logLevel.NOTHING });
  });

  /** Runs a group member with manual commits until `count` messages arrived, then leaves the group. */
  async function consumeAndCommit(count: number): Promise<string[]> {
    const consumer: Consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    const received: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`received ${received.length}/${count} messages: ${received.join(',')}`)), 30_000);
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic: t, partition, message }: EachMessagePayload) => {
              received.push(message.value?.toString() ?? '');
              await consumer.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
              if (received.length >= count) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch((err: unknown) => {
            clearTimeout(timer);
            reject(err);
          });
      });
      return received;
    } finally {
      await consumer.disconnect();
    }
  }

  async function committedTotal(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return (offsets?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    } finally {
      await admin.disconnect();
    }
  }

  it('admin creates a topic', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic, numPartitions: 2, replicationFactor: 1 }], waitForLeaders: true })).toBe(true);
      expect(await admin.listTopics()).toContain(topic);
      const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
      expect(metadata?.partitions).toHaveLength(2);
    } finally {
      await admin.disconnect();
    }
  });

  it('a consumer group consumes what a producer sent and commits; a restarted member resumes after the commit', async () => {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    try {
      const first = ['a1', 'a2', 'a3', 'a4'];
      await producer.send({ topic, messages: first.map((value, i) => ({ key: `k${i}`, value })) });

      expect((await consumeAndCommit(first.length)).sort()).toEqual(first);
      expect(await committedTotal()).toBe(first.length);

      const second = ['b1', 'b2', 'b3'];
      await producer.send({ topic, messages: second.map((value, i) => ({ key: `k${i}`, value })) });

      // Same group, new member: starts from the committed offsets, so none of `first` again.
      expect((await consumeAndCommit(second.length)).sort()).toEqual(second);
      expect(await committedTotal()).toBe(first.length + second.length);
    } finally {
      await producer.disconnect();
    }
  });
});
