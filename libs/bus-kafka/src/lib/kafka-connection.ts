import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';

/** How to reach the brokers (the runtime configuration's Kafka part). */
export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  ssl?: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** How long one connection attempt may take (default 3 s). */
  connectionTimeoutMs?: number;
  /** kafkajs's own log lines, for troubleshooting (default: errors only, through `log`). */
  log?: (level: 'error' | 'warn' | 'info', message: string, extra: Record<string, unknown>) => void;
}

/** A kafkajs client. Its own retries are short: the relay and the consumers retry with their own backoff. */
export function kafkaClient(connection: KafkaConnection): Kafka {
  const config: KafkaConfig = {
    clientId: connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl ?? false,
    ...(connection.sasl ? { sasl: connection.sasl as SASLOptions } : {}),
    connectionTimeout: connection.connectionTimeoutMs ?? 3_000,
    // A broker that stopped answering (a cut network) fails a request after 10 s, not kafkajs's 30 s.
    requestTimeout: 10_000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2_000 },
    logLevel: logLevel.ERROR,
    logCreator: () => (entry) => {
      const level = entry.level === logLevel.ERROR ? 'error' : entry.level === logLevel.WARN ? 'warn' : 'info';
      const { message, ...extra } = entry.log;
      connection.log?.(level, `kafkajs ${entry.namespace}: ${message}`, extra);
    },
  };
  return new Kafka(config);
}
