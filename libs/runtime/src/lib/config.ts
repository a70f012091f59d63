// Configuration comes from environment variables only, parsed once at start-up. The parser is
// pure (env in, result out) and collects every problem instead of stopping at the first, so an
// operator fixes a broken deployment in one round trip.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { parseTestOnlySwitch } from '@complaint-ledger/event-store';
import { DEFAULT_CE_SOURCE, DEFAULT_COMPLAINTS_TOPIC, DEFAULT_TOPIC_PARTITIONS } from '@complaint-ledger/complaint-contract';

export const EVENT_STORE_KINDS = ['embedded', 'postgres', 'eventstoredb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const CONFIG_DEFAULTS = {
  PORT: 3000,
  HOST: '127.0.0.1',
  COMPLAINTS_DATA_DIR: './data',
  EVENT_STORE: 'embedded',
  LOG_LEVEL: 'info',
  EVENT_STORE_SCHEMA: 'public',
  BODY_LIMIT_BYTES: 1_048_576,
  RATE_LIMIT_MAX: 600,
  RATE_LIMIT_WINDOW_MS: 60_000,
  COMMAND_RETRIES: 5,
  CASE_LIST_WORKER: 'on',
  BUS: 'none',
  COMPLAINTS_TOPIC: DEFAULT_COMPLAINTS_TOPIC,
  KAFKA_TOPIC_PARTITIONS: DEFAULT_TOPIC_PARTITIONS,
  KAFKA_REPLICATION_FACTOR: 1,
  KAFKA_CLIENT_ID: 'complaint-ledger',
  CE_SOURCE: DEFAULT_CE_SOURCE,
} as const;

export const BUS_KINDS = ['none', 'kafka'] as const;
export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** Where committed events are relayed: nowhere (the embedded default) or a Kafka topic. */
export type BusConfig =
  | { kind: 'none' }
  | {
      kind: 'kafka';
      brokers: string[];
      topic: string;
      partitions: number;
      replicationFactor: number;
      clientId: string;
      ssl: boolean;
      sasl?: { mechanism: SaslMechanism; username: string; password: string };
      /** CloudEvents `source` of every record. */
      source: string;
    };

/** URL schemes accepted for EVENT_STORE_URL, per store kind. */
const URL_SCHEMES: Record<Exclude<EventStoreKind, 'embedded'>, readonly string[]> = {
  postgres: ['postgres:', 'postgresql:'],
  eventstoredb: ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:', 'kurrent:', 'kurrent+discover:'],
};

export type EventStoreConfig =
  { kind: 'embedded' } | { kind: 'postgres'; url: string; schema: string } | { kind: 'eventstoredb'; url: string };

/**
 * How bearer tokens are verified: an HS256 secret, a JWKS URL, or neither (main.ts then generates
 * a secret in the data dir and prints a token per role: development convenience).
 */
export interface AuthConfig {
  jwtSecret?: string;
  jwksUrl?: string;
  /** Expected `iss` / `aud` claims, when set. */
  issuer?: string;
  audience?: string;
}

export interface HttpLimits {
  /** Request bodies above this are 413. */
  bodyLimitBytes: number;
  /** Requests per token subject per window; 0 turns the limit off. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
}

export interface AppConfig {
  port: number;
  host: string;
  /** Absolute path (relative values are resolved against the working directory). */
  dataDir: string;
  eventStore: EventStoreConfig;
  logLevel: LogLevel;
  auth: AuthConfig;
  limits: HttpLimits;
  /** In-server re-decisions after a revision conflict (no If-Match) before 409 contention. */
  commandRetries: number;
  /** PostgreSQL mode: run the case-list projection on a worker thread (default) rather than on the request thread. */
  caseListWorker: boolean;
  bus: BusConfig;
  /**
   * PostgreSQL for what lives beside the events (customer registry, relay checkpoint, leases) when
   * the event store is not PostgreSQL itself (EventStoreDB). Unset: the event store's database
   * (PostgreSQL mode) or PGlite in the data dir.
   */
  readModelUrl?: string;
  /**
   * Test-only switches (protections turned off to see a test fail). parseConfig refuses them
   * unless NODE_ENV=test. Absent (a config built by hand) means every switch is off.
   */
  testOnly?: TestOnlyConfig;
}

export interface TestOnlyConfig {
  /** COMMANDS_UNSAFE=any-revision: commands append without the expected revision (lost updates). */
  commandsAnyRevision: boolean;
  /** RELAY_UNSAFE=checkpoint-first: the relay's checkpoint moves before the broker acknowledged (lost events). */
  relayCheckpointFirst?: boolean;
  /** LEASE_UNSAFE=no-lock: leases are granted without their lock (several active relays). */
  leaseNoLock?: boolean;
}

export interface ConfigProblem {
  variable: string;
  message: string;
}

export type ConfigResult = { ok: true; config: AppConfig; warnings: ConfigProblem[] } | { ok: false; errors: ConfigProblem[] };

export class InvalidConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(formatConfigProblems(problems));
    this.name = 'InvalidConfigError';
  }
}

/** Empty and whitespace-only values count as unset, so `PORT=` falls back to the default. */
function read(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Quote a user-supplied value for an error message, bounded so a huge value cannot flood logs. */
function show(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
}

/** The scheme of a URL (`postgres:`), or undefined when it is not a URL. */
function urlScheme(raw: string): string | undefined {
  try {
    return new URL(raw).protocol;
  } catch {
    return undefined;
  }
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function parseConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ConfigResult {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];

  let port: number = CONFIG_DEFAULTS.PORT;
  const rawPort = read(env, 'PORT');
  if (rawPort !== undefined) {
    const n = /^[0-9]+$/.test(rawPort) ? Number(rawPort) : NaN;
    if (Number.isInteger(n) && n >= 1 && n <= 65535) port = n;
    else errors.push({ variable: 'PORT', message: `must be an integer from 1 to 65535, got ${show(rawPort)}` });
  }

  let host: string = CONFIG_DEFAULTS.HOST;
  const rawHost = read(env, 'HOST');
  if (rawHost !== undefined) {
    if (isIP(rawHost) !== 0 || HOSTNAME.test(rawHost)) host = rawHost;
    else errors.push({ variable: 'HOST', message: `must be an IP address or a host name, got ${show(rawHost)}` });
  }

  const rawDataDir = read(env, 'COMPLAINTS_DATA_DIR') ?? CONFIG_DEFAULTS.COMPLAINTS_DATA_DIR;
  let dataDir = '';
  if (rawDataDir.includes('\0')) {
    errors.push({ variable: 'COMPLAINTS_DATA_DIR', message: 'must be a file-system path (contains a NUL byte)' });
  } else {
    dataDir = resolve(cwd, rawDataDir);
  }

  let eventStore: EventStoreConfig = { kind: 'embedded' };
  const rawKind = read(env, 'EVENT_STORE') ?? CONFIG_DEFAULTS.EVENT_STORE;
  const rawUrl = read(env, 'EVENT_STORE_URL');
  if (!(EVENT_STORE_KINDS as readonly string[]).includes(rawKind)) {
    errors.push({ variable: 'EVENT_STORE', message: `must be one of ${EVENT_STORE_KINDS.join(', ')}, got ${show(rawKind)}` });
  } else if (rawKind === 'embedded') {
    if (rawUrl !== undefined) {
      warnings.push({ variable: 'EVENT_STORE_URL', message: 'is ignored because EVENT_STORE=embedded' });
    }
  } else {
    const kind = rawKind as 'postgres' | 'eventstoredb';
    const schemes = URL_SCHEMES[kind];
    if (rawUrl === undefined) {
      errors.push({ variable: 'EVENT_STORE_URL', message: `is required when EVENT_STORE=${kind} (e.g. ${schemes[0]}//host:port…)` });
    } else {
      // The URL may carry credentials: never echo it back.
      const scheme = urlScheme(rawUrl);
      if (scheme === undefined) {
        errors.push({ variable: 'EVENT_STORE_URL', message: 'is not a valid URL' });
      } else if (!schemes.includes(scheme)) {
        errors.push({
          variable: 'EVENT_STORE_URL',
          message: `must use ${schemes.map((s) => `${s}//`).join(' or ')} when EVENT_STORE=${kind}, got ${scheme}//`,
        });
      } else {
        eventStore = kind === 'postgres' ? { kind, url: rawUrl, schema: CONFIG_DEFAULTS.EVENT_STORE_SCHEMA } : { kind, url: rawUrl };
      }
    }
  }

  let logLevel: LogLevel = CONFIG_DEFAULTS.LOG_LEVEL;
  const rawLevel = read(env, 'LOG_LEVEL');
  if (rawLevel !== undefined) {
    if ((LOG_LEVELS as readonly string[]).includes(rawLevel)) logLevel = rawLevel as LogLevel;
    else errors.push({ variable: 'LOG_LEVEL', message: `must be one of ${LOG_LEVELS.join(', ')}, got ${show(rawLevel)}` });
  }

  const rawSchema = read(env, 'EVENT_STORE_SCHEMA');
  if (rawSchema !== undefined) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(rawSchema)) {
      errors.push({ variable: 'EVENT_STORE_SCHEMA', message: `must be a lower-case SQL identifier (a-z, 0-9, _), got ${show(rawSchema)}` });
    } else if (eventStore.kind === 'postgres') {
      eventStore = { ...eventStore, schema: rawSchema };
    } else {
      warnings.push({ variable: 'EVENT_STORE_SCHEMA', message: 'is ignored unless EVENT_STORE=postgres' });
    }
  }

  const auth: AuthConfig = {};
  const secret = read(env, 'AUTH_JWT_SECRET');
  if (secret !== undefined) {
    // RFC 7518 3.2: an HS256 key must be at least as long as the hash (32 bytes).
    if (Buffer.byteLength(secret, 'utf8') < 32)
      errors.push({ variable: 'AUTH_JWT_SECRET', message: 'must be at least 32 bytes long (HS256)' });
    else auth.jwtSecret = secret;
  }
  const jwks = read(env, 'AUTH_JWKS_URL');
  if (jwks !== undefined) {
    const scheme = urlScheme(jwks);
    if (scheme !== 'https:' && scheme !== 'http:')
      errors.push({ variable: 'AUTH_JWKS_URL', message: 'must be an http:// or https:// URL' });
    else auth.jwksUrl = jwks;
  }
  if (auth.jwtSecret !== undefined && auth.jwksUrl !== undefined) {
    errors.push({ variable: 'AUTH_JWKS_URL', message: 'cannot be combined with AUTH_JWT_SECRET: configure one of them' });
  }
  const issuer = read(env, 'AUTH_ISSUER');
  if (issuer !== undefined) auth.issuer = issuer;
  const audience = read(env, 'AUTH_AUDIENCE');
  if (audience !== undefined) auth.audience = audience;

  const integer = (name: keyof typeof CONFIG_DEFAULTS, min: number, max: number): number => {
    const raw = read(env, name);
    if (raw === undefined) return CONFIG_DEFAULTS[name] as number;
    const n = /^[0-9]+$/.test(raw) ? Number(raw) : NaN;
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n;
    errors.push({ variable: name, message: `must be an integer from ${min} to ${max}, got ${show(raw)}` });
    return CONFIG_DEFAULTS[name] as number;
  };
  const limits: HttpLimits = {
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 1_024, 100 * 1_048_576),
    rateLimitMax: integer('RATE_LIMIT_MAX', 0, 1_000_000_000),
    rateLimitWindowMs: integer('RATE_LIMIT_WINDOW_MS', 100, 86_400_000),
  };
  const commandRetries = integer('COMMAND_RETRIES', 0, 100);

  const rawWorker = read(env, 'CASE_LIST_WORKER') ?? CONFIG_DEFAULTS.CASE_LIST_WORKER;
  if (rawWorker !== 'on' && rawWorker !== 'off')
    errors.push({ variable: 'CASE_LIST_WORKER', message: `must be on or off, got ${show(rawWorker)}` });
  const caseListWorker = rawWorker !== 'off';

  const bus = parseBus(env, errors, warnings, integer);
  let readModelUrl: string | undefined;
  const rawReadModel = read(env, 'READ_MODEL_URL');
  if (rawReadModel !== undefined) {
    const scheme = urlScheme(rawReadModel);
    if (scheme !== 'postgres:' && scheme !== 'postgresql:')
      errors.push({ variable: 'READ_MODEL_URL', message: 'must be a postgres:// URL' });
    else readModelUrl = rawReadModel;
  }

  // Refused unless NODE_ENV=test (see TEST_ONLY_SWITCHES in @complaint-ledger/event-store).
  const commandsUnsafe = parseTestOnlySwitch('COMMANDS_UNSAFE', env);
  if (!commandsUnsafe.ok) errors.push({ variable: commandsUnsafe.variable, message: commandsUnsafe.message });
  const relayUnsafe = parseTestOnlySwitch('RELAY_UNSAFE', env);
  if (!relayUnsafe.ok) errors.push({ variable: relayUnsafe.variable, message: relayUnsafe.message });
  const leaseUnsafe = parseTestOnlySwitch('LEASE_UNSAFE', env);
  if (!leaseUnsafe.ok) errors.push({ variable: leaseUnsafe.variable, message: leaseUnsafe.message });
  const testOnly: TestOnlyConfig = {
    commandsAnyRevision: commandsUnsafe.ok && commandsUnsafe.value === 'any-revision',
    ...(relayUnsafe.ok && relayUnsafe.value === 'checkpoint-first' ? { relayCheckpointFirst: true } : {}),
    ...(leaseUnsafe.ok && leaseUnsafe.value === 'no-lock' ? { leaseNoLock: true } : {}),
  };

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      port,
      host,
      dataDir,
      eventStore,
      logLevel,
      auth,
      limits,
      commandRetries,
      caseListWorker,
      bus,
      ...(readModelUrl === undefined ? {} : { readModelUrl }),
      testOnly,
    },
    warnings,
  };
}

const KAFKA_VARIABLES = [
  'KAFKA_BROKERS',
  'COMPLAINTS_TOPIC',
  'KAFKA_TOPIC_PARTITIONS',
  'KAFKA_REPLICATION_FACTOR',
  'KAFKA_CLIENT_ID',
  'KAFKA_SSL',
  'KAFKA_SASL_MECHANISM',
  'KAFKA_SASL_USERNAME',
  'KAFKA_SASL_PASSWORD',
  'CE_SOURCE',
] as const;
const BROKER = /^[A-Za-z0-9.-]+:[0-9]{1,5}$|^\[[0-9a-fA-F:]+\]:[0-9]{1,5}$/;
/** Kafka's own rule for topic names. */
const TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

function parseBus(
  env: NodeJS.ProcessEnv,
  errors: ConfigProblem[],
  warnings: ConfigProblem[],
  integer: (name: keyof typeof CONFIG_DEFAULTS, min: number, max: number) => number,
): BusConfig {
  const kind = read(env, 'BUS') ?? CONFIG_DEFAULTS.BUS;
  if (!(BUS_KINDS as readonly string[]).includes(kind)) {
    errors.push({ variable: 'BUS', message: `must be one of ${BUS_KINDS.join(', ')}, got ${show(kind)}` });
    return { kind: 'none' };
  }
  if (kind === 'none') {
    for (const name of KAFKA_VARIABLES)
      if (read(env, name) !== undefined) warnings.push({ variable: name, message: 'is ignored because BUS=none' });
    return { kind: 'none' };
  }
  const rawBrokers = read(env, 'KAFKA_BROKERS');
  const brokers = (rawBrokers ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (brokers.length === 0)
    errors.push({ variable: 'KAFKA_BROKERS', message: 'is required when BUS=kafka (e.g. 127.0.0.1:9092,other:9092)' });
  for (const b of brokers)
    if (!BROKER.test(b)) errors.push({ variable: 'KAFKA_BROKERS', message: `must be host:port entries, got ${show(b)}` });
  const topic = read(env, 'COMPLAINTS_TOPIC') ?? CONFIG_DEFAULTS.COMPLAINTS_TOPIC;
  if (!TOPIC.test(topic) || topic === '.' || topic === '..')
    errors.push({ variable: 'COMPLAINTS_TOPIC', message: `must be a Kafka topic name (A-Z a-z 0-9 . _ -), got ${show(topic)}` });
  const partitions = integer('KAFKA_TOPIC_PARTITIONS', 1, 10_000);
  const replicationFactor = integer('KAFKA_REPLICATION_FACTOR', 1, 100);
  const clientId = read(env, 'KAFKA_CLIENT_ID') ?? CONFIG_DEFAULTS.KAFKA_CLIENT_ID;
  const rawSsl = read(env, 'KAFKA_SSL') ?? 'false';
  if (rawSsl !== 'true' && rawSsl !== 'false')
    errors.push({ variable: 'KAFKA_SSL', message: `must be true or false, got ${show(rawSsl)}` });
  const source = read(env, 'CE_SOURCE') ?? CONFIG_DEFAULTS.CE_SOURCE;
  let sasl: { mechanism: SaslMechanism; username: string; password: string } | undefined;
  const mechanism = read(env, 'KAFKA_SASL_MECHANISM');
  const username = read(env, 'KAFKA_SASL_USERNAME');
  const password = read(env, 'KAFKA_SASL_PASSWORD');
  if (mechanism !== undefined) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      errors.push({ variable: 'KAFKA_SASL_MECHANISM', message: `must be one of ${SASL_MECHANISMS.join(', ')}, got ${show(mechanism)}` });
    } else if (username === undefined || password === undefined) {
      errors.push({
        variable: username === undefined ? 'KAFKA_SASL_USERNAME' : 'KAFKA_SASL_PASSWORD',
        message: 'is required with KAFKA_SASL_MECHANISM',
      });
    } else {
      sasl = { mechanism: mechanism as SaslMechanism, username, password };
    }
  } else if (username !== undefined || password !== undefined) {
    errors.push({ variable: 'KAFKA_SASL_MECHANISM', message: 'is required with KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD' });
  }
  return {
    kind: 'kafka',
    brokers,
    topic,
    partitions,
    replicationFactor,
    clientId,
    ssl: rawSsl === 'true',
    ...(sasl ? { sasl } : {}),
    source,
  };
}

/** Parse or throw {@link InvalidConfigError} naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd?: string): { config: AppConfig; warnings: ConfigProblem[] } {
  const result = parseConfig(env, cwd);
  if (!result.ok) throw new InvalidConfigError(result.errors);
  return { config: result.config, warnings: result.warnings };
}

export function formatConfigProblems(problems: ConfigProblem[]): string {
  const lines = problems.map((p) => `  - ${p.variable} ${p.message}`);
  return [`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):`, ...lines].join('\n');
}

/** Credentials in a store URL are replaced before the URL is logged or shown. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable URL>';
  }
}

/** A loggable view of the configuration (no secrets). */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  return {
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    eventStore: config.eventStore.kind,
    ...(config.eventStore.kind === 'embedded' ? {} : { eventStoreUrl: redactUrl(config.eventStore.url) }),
    ...(config.eventStore.kind === 'postgres' ? { eventStoreSchema: config.eventStore.schema } : {}),
    logLevel: config.logLevel,
    auth: config.auth.jwksUrl
      ? { jwksUrl: config.auth.jwksUrl }
      : config.auth.jwtSecret
        ? 'AUTH_JWT_SECRET'
        : 'generated secret in the data dir',
    limits: config.limits,
    commandRetries: config.commandRetries,
    caseListWorker: config.caseListWorker,
    // Never the SASL password.
    bus:
      config.bus.kind === 'none'
        ? 'none'
        : {
            kind: 'kafka',
            brokers: config.bus.brokers,
            topic: config.bus.topic,
            partitions: config.bus.partitions,
            replicationFactor: config.bus.replicationFactor,
            clientId: config.bus.clientId,
            ssl: config.bus.ssl,
            ...(config.bus.sasl ? { sasl: { mechanism: config.bus.sasl.mechanism, username: config.bus.sasl.username } } : {}),
          },
    ...(config.readModelUrl ? { readModelUrl: redactUrl(config.readModelUrl) } : {}),
    // Shown only when on, so an unsafe start stands out in the start-up log line.
    ...(config.testOnly?.commandsAnyRevision || config.testOnly?.relayCheckpointFirst || config.testOnly?.leaseNoLock
      ? {
          testOnlySwitches: {
            ...(config.testOnly.commandsAnyRevision ? { COMMANDS_UNSAFE: 'any-revision' } : {}),
            ...(config.testOnly.relayCheckpointFirst ? { RELAY_UNSAFE: 'checkpoint-first' } : {}),
            ...(config.testOnly.leaseNoLock ? { LEASE_UNSAFE: 'no-lock' } : {}),
          },
        }
      : {}),
  };
}
