import type { Kafka } from 'kafkajs';

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor: number;
  configs: Readonly<Record<string, string>>;
}

/** The topic exists with another partition count: records would land on other partitions than the contract says. */
export class TopicMismatchError extends Error {
  constructor(
    readonly topic: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      `topic ${topic} has ${actual} partitions but ${expected} are configured (KAFKA_TOPIC_PARTITIONS): the partition count is part of the contract; ` +
        `set KAFKA_TOPIC_PARTITIONS=${actual} or use another COMPLAINTS_TOPIC`,
    );
    this.name = 'TopicMismatchError';
  }
}

/** Creates the topic when missing; refuses (TopicMismatchError) one with another partition count. */
export async function ensureTopic(kafka: Kafka, spec: TopicSpec): Promise<'created' | 'exists'> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await partitionsOf(admin, spec.topic);
    if (existing === undefined) {
      const created = await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: spec.topic,
            numPartitions: spec.partitions,
            replicationFactor: spec.replicationFactor,
            configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
          },
        ],
      });
      // false: another process created it between our look and our create.
      if (created) return 'created';
    }
    const actual = existing ?? (await partitionsOf(admin, spec.topic));
    if (actual !== spec.partitions) throw new TopicMismatchError(spec.topic, spec.partitions, actual ?? 0);
    return 'exists';
  } finally {
    await admin.disconnect();
  }
}

async function partitionsOf(admin: ReturnType<Kafka['admin']>, topic: string): Promise<number | undefined> {
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) return undefined;
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  return metadata.topics.find((t) => t.name === topic)?.partitions.length;
}

/** Whether the cluster answers within `timeoutMs` (for /health). */
export async function brokersReachable(kafka: Kafka, timeoutMs: number): Promise<{ up: boolean; brokers?: number; error?: string }> {
  const admin = kafka.admin();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const cluster = await Promise.race([admin.connect().then(() => admin.describeCluster()), timeout]);
    return { up: true, brokers: cluster.brokers.length };
  } catch (error) {
    return { up: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    await admin.disconnect().catch(() => undefined);
  }
}
