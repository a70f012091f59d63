// Kafka for the relay (and, later, the read models' consumers), through kafkajs.
export * from './lib/kafka-connection';
export * from './lib/topic';
export * from './lib/kafka-event-publisher';
