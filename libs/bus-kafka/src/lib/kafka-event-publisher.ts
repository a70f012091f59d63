import type { Kafka, Producer } from 'kafkajs';
import type { BusRecord, EventPublisher } from '@complaint-ledger/ledger-ports';

/**
 * Publishes to one topic with an idempotent producer: acks from all in-sync replicas, one request
 * in flight (so a retried request cannot overtake the next), records keyed by case. `publish`
 * resolves once the broker acknowledged every record.
 */
export class KafkaEventPublisher implements EventPublisher {
  private readonly producer: Producer;
  private connected: Promise<void> | undefined;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
  ) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.producer.on('producer.disconnect', () => (this.connected = undefined));
  }

  async publish(records: readonly BusRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.connected ??= this.producer.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
    });
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }
}
