import { existsSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Where an engine comes from, known synchronously (so Jest's synchronous `describe` can decide to
 * run, skip or fail); `resolve()` then yields the connection value, starting a container if needed.
 */
export interface EngineSource<T> {
  /** For messages: the env var it came from, or the container image. */
  readonly origin: string;
  resolve(): Promise<T>;
}

export interface Engine<T> {
  /** Human name, used in suite titles and messages: 'PostgreSQL', 'Kafka'. */
  readonly name: string;
  /** How to make it available (shown when it is missing in CI). */
  readonly howToProvide: string;
  /** Synchronous: env first, then Docker (testcontainers); undefined when neither. */
  locate(env?: NodeJS.ProcessEnv): EngineSource<T> | undefined;
  /** Fails with a clear message when the resolved engine does not answer. */
  check(value: T, origin: string): Promise<void>;
}

const UP_HINT = 'run `bash infra/local/up.sh && . .infra/env` (see docs/operations/engines.md)';

/**
 * Docker usable for testcontainers? Synchronous best guess: DOCKER_HOST, or a Docker socket in a
 * usual place. TEST_ENGINES_DOCKER=false turns the container fallback off.
 */
export function dockerAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env['TEST_ENGINES_DOCKER'] ?? '').toLowerCase() === 'false') return false;
  const host = env['DOCKER_HOST'];
  if (host) return host.startsWith('unix://') ? isSocket(host.slice('unix://'.length)) : true;
  const candidates = [
    '/var/run/docker.sock',
    join(homedir(), '.docker', 'run', 'docker.sock'),
    env['XDG_RUNTIME_DIR'] ? join(env['XDG_RUNTIME_DIR'], 'docker.sock') : '',
  ];
  return candidates.some((path) => path !== '' && isSocket(path));
}

function isSocket(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isSocket();
  } catch {
    return false;
  }
}

/** `postgres://user:***@host:port/db`: never print passwords. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable URL>';
  }
}

// One container per engine per test file (Jest gives every file its own module registry). The
// testcontainers reaper removes it when the Jest worker exits.
let postgresContainer: Promise<string> | undefined;
let kafkaContainer: Promise<string[]> | undefined;

type PostgresModule = typeof import('@testcontainers/postgresql');
type KafkaModule = typeof import('@testcontainers/kafka');

export const POSTGRES: Engine<string> = {
  name: 'PostgreSQL',
  howToProvide: `set TEST_DATABASE_URL (or DATABASE_URL), e.g. ${UP_HINT}, or make Docker available for testcontainers`,
  locate(env = process.env) {
    const fromEnv = env['TEST_DATABASE_URL'] ? 'TEST_DATABASE_URL' : env['DATABASE_URL'] ? 'DATABASE_URL' : undefined;
    if (fromEnv) {
      const url = env[fromEnv] as string;
      return { origin: fromEnv, resolve: async () => url };
    }
    if (!dockerAvailable(env)) return undefined;
    const image = env['TEST_POSTGRES_IMAGE'] ?? 'postgres:15-alpine';
    return {
      origin: `testcontainers ${image}`,
      resolve: () => {
        postgresContainer ??= (async () => {
          // Loaded lazily: most runs use env-provided engines and never need testcontainers.
          const { PostgreSqlContainer } = require('@testcontainers/postgresql') as PostgresModule;
          const started = await new PostgreSqlContainer(image)
            .withDatabase('ledger_test')
            .withUsername('ledger')
            .withPassword('ledger')
            .start();
          return started.getConnectionUri();
        })();
        return postgresContainer;
      },
    };
  },
  async check(url, origin) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (err) {
      throw new Error(`PostgreSQL from ${origin} (${redactUrl(url)}) is not reachable: ${message(err)}. Start it: ${UP_HINT}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};

/** Comma-separated `host:port` list, as KAFKA_BROKERS holds it. */
export function parseBrokers(value: string): string[] {
  return value
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
}

export const KAFKA: Engine<string[]> = {
  name: 'Kafka',
  howToProvide: `set KAFKA_BROKERS (host:port[,host:port]), e.g. ${UP_HINT}, or make Docker available for testcontainers`,
  locate(env = process.env) {
    const brokers = parseBrokers(env['KAFKA_BROKERS'] ?? '');
    if (brokers.length > 0) return { origin: 'KAFKA_BROKERS', resolve: async () => brokers };
    if (!dockerAvailable(env)) return undefined;
    // @testcontainers/kafka drives Confluent images (cp-kafka 8.0 = Apache Kafka 4.0, KRaft).
    const image = env['TEST_KAFKA_IMAGE'] ?? 'confluentinc/cp-kafka:8.0.0';
    return {
      origin: `testcontainers ${image}`,
      resolve: () => {
        kafkaContainer ??= (async () => {
          const { KafkaContainer } = require('@testcontainers/kafka') as KafkaModule;
          const started = await new KafkaContainer(image).withKraft().start();
          return [`${started.getHost()}:${started.getMappedPort(9093)}`];
        })();
        return kafkaContainer;
      },
    };
  },
  async check(brokers, origin) {
    const errors: string[] = [];
    for (const broker of brokers) {
      try {
        await tcpProbe(broker, 5000);
        return;
      } catch (err) {
        errors.push(`${broker}: ${message(err)}`);
      }
    }
    throw new Error(`Kafka from ${origin} is not reachable (${errors.join('; ')}). Start it: ${UP_HINT}`);
  },
};

function tcpProbe(broker: string, timeoutMs: number): Promise<void> {
  const separator = broker.lastIndexOf(':');
  const host = broker.slice(0, separator).replace(/^\[|\]$/g, '');
  const port = Number(broker.slice(separator + 1));
  return new Promise((resolve, reject) => {
    if (separator < 0 || !Number.isInteger(port)) {
      reject(new Error('expected host:port'));
      return;
    }
    const socket = connect({ host, port });
    const timer = setTimeout(() => socket.destroy(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

// Duck-typed: errors from Node's own modules come from another realm than Jest's sandbox, so
// `instanceof Error` is false for them.
function message(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const { errors, message: text, name } = err as { errors?: unknown; message?: unknown; name?: unknown };
  if (Array.isArray(errors) && errors.length > 0) return errors.map(message).join(', ');
  return typeof text === 'string' && text !== '' ? text : String(name ?? err);
}

/** TEST_DATABASE_URL, else DATABASE_URL, else a PostgreSQL testcontainer when Docker is usable, else undefined. */
export async function postgresUrl(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  return POSTGRES.locate(env)?.resolve();
}

/** KAFKA_BROKERS (comma-separated), else a Kafka testcontainer when Docker is usable, else undefined. */
export async function kafkaBrokers(env: NodeJS.ProcessEnv = process.env): Promise<string[] | undefined> {
  return KAFKA.locate(env)?.resolve();
}
