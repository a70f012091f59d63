import { resolve } from 'node:path';
import { CONFIG_DEFAULTS, InvalidConfigError, describeConfig, loadConfig, parseConfig, redactUrl, type ConfigProblem } from './config';

const CWD = '/srv/ledger';

function errorsFor(env: NodeJS.ProcessEnv): ConfigProblem[] {
  const result = parseConfig(env, CWD);
  if (result.ok) throw new Error(`expected errors, got config ${JSON.stringify(result.config)}`);
  return result.errors;
}

function configFor(env: NodeJS.ProcessEnv) {
  const result = parseConfig(env, CWD);
  if (!result.ok) throw new Error(`expected config, got ${JSON.stringify(result.errors)}`);
  return result;
}

describe('parseConfig', () => {
  it('uses the documented defaults for an empty environment', () => {
    const { config, warnings } = configFor({});
    expect(config).toEqual({
      port: CONFIG_DEFAULTS.PORT,
      host: '127.0.0.1',
      dataDir: resolve(CWD, 'data'),
      eventStore: { kind: 'embedded' },
      logLevel: 'info',
      auth: {},
      limits: { bodyLimitBytes: 1_048_576, rateLimitMax: 600, rateLimitWindowMs: 60_000 },
      commandRetries: 5,
      caseListWorker: true,
      bus: { kind: 'none' },
      testOnly: { commandsAnyRevision: false },
    });
    expect(warnings).toEqual([]);
  });

  it('treats empty and blank values as unset', () => {
    expect(configFor({ PORT: '', HOST: '  ', EVENT_STORE: '', COMPLAINTS_DATA_DIR: '' }).config).toEqual(configFor({}).config);
  });

  it('accepts valid values', () => {
    const { config } = configFor({
      PORT: '8080',
      HOST: '0.0.0.0',
      COMPLAINTS_DATA_DIR: '/var/lib/ledger',
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: 'postgres://ledger:secret@db:5432/ledger',
      LOG_LEVEL: 'debug',
      CASE_LIST_WORKER: 'off',
    });
    expect(config).toEqual({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/ledger',
      eventStore: { kind: 'postgres', url: 'postgres://ledger:secret@db:5432/ledger', schema: 'public' },
      logLevel: 'debug',
      auth: {},
      limits: { bodyLimitBytes: 1_048_576, rateLimitMax: 600, rateLimitWindowMs: 60_000 },
      commandRetries: 5,
      caseListWorker: false,
      bus: { kind: 'none' },
      testOnly: { commandsAnyRevision: false },
    });
  });

  it('resolves a relative data dir against the working directory', () => {
    expect(configFor({ COMPLAINTS_DATA_DIR: 'var/data' }).config.dataDir).toBe('/srv/ledger/var/data');
  });

  describe('PORT', () => {
    it.each(['1', '3000', '65535', '08080'])('accepts %j', (port) => {
      expect(configFor({ PORT: port }).config.port).toBe(Number(port));
    });

    it.each(['abc', '0', '65536', '-1', '80.5', '1e3', '0x50', ' 3000', '3000 '])('rejects %j naming PORT', (port) => {
      const errors = errorsFor({ PORT: port });
      expect(errors).toHaveLength(1);
      expect(errors[0].variable).toBe('PORT');
      expect(errors[0].message).toContain('integer from 1 to 65535');
      expect(errors[0].message).toContain(JSON.stringify(port));
    });
  });

  describe('HOST', () => {
    it.each(['127.0.0.1', '0.0.0.0', '::', '::1', 'localhost', 'api.internal.example.com'])('accepts %j', (host) => {
      expect(configFor({ HOST: host }).config.host).toBe(host);
    });

    it.each(['http://localhost', 'local host', 'bad_host!', '-leading-dash', '127.0.0.1:3000'])('rejects %j naming HOST', (host) => {
      const errors = errorsFor({ HOST: host });
      expect(errors).toEqual([{ variable: 'HOST', message: expect.stringContaining('IP address or a host name') }]);
    });
  });

  describe('COMPLAINTS_DATA_DIR', () => {
    it('rejects a path with a NUL byte', () => {
      expect(errorsFor({ COMPLAINTS_DATA_DIR: 'data\0x' })).toEqual([
        { variable: 'COMPLAINTS_DATA_DIR', message: expect.stringContaining('NUL') },
      ]);
    });
  });

  describe('EVENT_STORE and EVENT_STORE_URL', () => {
    it('rejects an unknown store naming EVENT_STORE and the allowed values', () => {
      const errors = errorsFor({ EVENT_STORE: 'mongodb' });
      expect(errors).toEqual([{ variable: 'EVENT_STORE', message: expect.stringContaining('embedded, postgres, eventstoredb') }]);
    });

    it('is case-sensitive', () => {
      expect(errorsFor({ EVENT_STORE: 'Postgres' })[0].variable).toBe('EVENT_STORE');
    });

    it.each(['postgres', 'eventstoredb'])('requires EVENT_STORE_URL when EVENT_STORE=%s', (kind) => {
      expect(errorsFor({ EVENT_STORE: kind })).toEqual([
        { variable: 'EVENT_STORE_URL', message: expect.stringContaining(`required when EVENT_STORE=${kind}`) },
      ]);
    });

    it('rejects a URL that does not parse, without echoing it', () => {
      const errors = errorsFor({ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'not a url with p4ssword' });
      expect(errors).toEqual([{ variable: 'EVENT_STORE_URL', message: 'is not a valid URL' }]);
    });

    it('rejects a URL with the wrong scheme for the store, without echoing credentials', () => {
      const errors = errorsFor({ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'esdb://admin:changeit@localhost:2113' });
      expect(errors).toHaveLength(1);
      expect(errors[0].variable).toBe('EVENT_STORE_URL');
      expect(errors[0].message).toContain('postgres://');
      expect(errors[0].message).not.toContain('changeit');
    });

    it.each([
      ['postgres', 'postgresql://db/ledger'],
      ['eventstoredb', 'esdb://localhost:2113?tls=false'],
      ['eventstoredb', 'kurrentdb+discover://a,b,c:2113'],
    ])('accepts EVENT_STORE=%s with %s', (kind, url) => {
      expect(configFor({ EVENT_STORE: kind, EVENT_STORE_URL: url }).config.eventStore).toEqual(
        kind === 'postgres' ? { kind, url, schema: 'public' } : { kind, url },
      );
    });

    it('warns (does not fail) when EVENT_STORE_URL is set for the embedded store', () => {
      const { config, warnings } = configFor({ EVENT_STORE_URL: 'postgres://db/ledger' });
      expect(config.eventStore).toEqual({ kind: 'embedded' });
      expect(warnings).toEqual([{ variable: 'EVENT_STORE_URL', message: expect.stringContaining('ignored') }]);
    });
  });

  describe('LOG_LEVEL', () => {
    it('rejects an unknown level naming LOG_LEVEL', () => {
      expect(errorsFor({ LOG_LEVEL: 'loud' })).toEqual([{ variable: 'LOG_LEVEL', message: expect.stringContaining('info') }]);
    });
  });

  it('reports every bad variable at once, in a stable order', () => {
    const errors = errorsFor({ PORT: 'abc', HOST: 'no such host!', EVENT_STORE: 'postgres', LOG_LEVEL: 'loud' });
    expect(errors.map((e) => e.variable)).toEqual(['PORT', 'HOST', 'EVENT_STORE_URL', 'LOG_LEVEL']);
  });
});

describe('loadConfig', () => {
  it('throws InvalidConfigError whose message lists every problem, one per line', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: '70000', EVENT_STORE: 'eventstoredb' }, CWD);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InvalidConfigError);
    const error = caught as InvalidConfigError;
    expect(error.problems.map((p) => p.variable)).toEqual(['PORT', 'EVENT_STORE_URL']);
    expect(error.message.split('\n')).toEqual([
      'Invalid configuration (2 problems):',
      '  - PORT must be an integer from 1 to 65535, got "70000"',
      expect.stringMatching(/^ {2}- EVENT_STORE_URL is required when EVENT_STORE=eventstoredb/),
    ]);
  });

  it('returns config and warnings when valid', () => {
    expect(loadConfig({ PORT: '4000' }, CWD).config.port).toBe(4000);
  });
});

describe('auth, limits and retries', () => {
  it('takes an HS256 secret of at least 32 bytes, or a JWKS URL, never both', () => {
    expect(configFor({ AUTH_JWT_SECRET: 's'.repeat(32) }).config.auth).toEqual({ jwtSecret: 's'.repeat(32) });
    expect(errorsFor({ AUTH_JWT_SECRET: 'short' })).toEqual([
      { variable: 'AUTH_JWT_SECRET', message: expect.stringContaining('32 bytes') },
    ]);
    expect(configFor({ AUTH_JWKS_URL: 'https://idp.example/jwks.json', AUTH_ISSUER: 'idp' }).config.auth).toEqual({
      jwksUrl: 'https://idp.example/jwks.json',
      issuer: 'idp',
    });
    expect(errorsFor({ AUTH_JWKS_URL: 'ftp://x' }).map((e) => e.variable)).toEqual(['AUTH_JWKS_URL']);
    expect(errorsFor({ AUTH_JWT_SECRET: 's'.repeat(32), AUTH_JWKS_URL: 'https://idp/jwks' })[0].message).toContain('cannot be combined');
  });

  it('reads body limit, rate limit and retry count, naming each bad one', () => {
    const { config } = configFor({ BODY_LIMIT_BYTES: '2048', RATE_LIMIT_MAX: '0', RATE_LIMIT_WINDOW_MS: '1000', COMMAND_RETRIES: '2' });
    expect(config.limits).toEqual({ bodyLimitBytes: 2048, rateLimitMax: 0, rateLimitWindowMs: 1000 });
    expect(config.commandRetries).toBe(2);
    expect(errorsFor({ BODY_LIMIT_BYTES: '1mb', RATE_LIMIT_MAX: '-1', COMMAND_RETRIES: '1000' }).map((e) => e.variable)).toEqual([
      'BODY_LIMIT_BYTES',
      'RATE_LIMIT_MAX',
      'COMMAND_RETRIES',
    ]);
  });

  it('reads CASE_LIST_WORKER as on or off', () => {
    expect(configFor({ CASE_LIST_WORKER: 'on' }).config.caseListWorker).toBe(true);
    expect(configFor({ CASE_LIST_WORKER: 'off' }).config.caseListWorker).toBe(false);
    expect(errorsFor({ CASE_LIST_WORKER: 'yes' })).toEqual([{ variable: 'CASE_LIST_WORKER', message: 'must be on or off, got "yes"' }]);
  });

  describe('COMMANDS_UNSAFE (test-only switch)', () => {
    it('is off when unset or empty', () => {
      expect(configFor({}).config.testOnly).toEqual({ commandsAnyRevision: false });
      expect(configFor({ COMMANDS_UNSAFE: '', NODE_ENV: 'production' }).config.testOnly).toEqual({ commandsAnyRevision: false });
    });

    it.each([{}, { NODE_ENV: 'production' }, { NODE_ENV: 'development' }])(
      'is refused without NODE_ENV=test (%j), with the other problems',
      (nodeEnv) => {
        expect(errorsFor({ PORT: 'abc', COMMANDS_UNSAFE: 'any-revision', ...nodeEnv })).toEqual([
          { variable: 'PORT', message: expect.any(String) },
          { variable: 'COMMANDS_UNSAFE', message: expect.stringMatching(/^is a test-only switch; it is honoured only with NODE_ENV=test/) },
        ]);
      },
    );

    it('refuses an unknown value, naming it and the allowed values', () => {
      expect(errorsFor({ COMMANDS_UNSAFE: 'any', NODE_ENV: 'test' })).toEqual([
        { variable: 'COMMANDS_UNSAFE', message: 'must be unset or one of any-revision, got "any"' },
      ]);
    });

    it('is honoured with NODE_ENV=test, and shown by describeConfig only when on', () => {
      const { config } = configFor({ COMMANDS_UNSAFE: 'any-revision', NODE_ENV: 'test' });
      expect(config.testOnly).toEqual({ commandsAnyRevision: true });
      expect(describeConfig(config)).toMatchObject({ testOnlySwitches: { COMMANDS_UNSAFE: 'any-revision' } });
      expect(describeConfig(configFor({ NODE_ENV: 'test' }).config)).not.toHaveProperty('testOnlySwitches');
    });
  });

  it('takes a PostgreSQL schema for the events table', () => {
    const env = { EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://db/x', EVENT_STORE_SCHEMA: 'ledger_e2e' };
    expect(configFor(env).config.eventStore).toEqual({ kind: 'postgres', url: 'postgres://db/x', schema: 'ledger_e2e' });
    expect(errorsFor({ ...env, EVENT_STORE_SCHEMA: 'Bad-Name' }).map((e) => e.variable)).toEqual(['EVENT_STORE_SCHEMA']);
  });

  it('never shows the secret in describeConfig', () => {
    expect(JSON.stringify(describeConfig(configFor({ AUTH_JWT_SECRET: 'x'.repeat(40) }).config))).not.toContain('x'.repeat(40));
  });
});

describe('redaction', () => {
  it('hides the password in a store URL', () => {
    expect(redactUrl('postgres://ledger:secret@db:5432/ledger')).toBe('postgres://ledger:***@db:5432/ledger');
    expect(redactUrl('nonsense')).toBe('<unparseable URL>');
  });

  it('describeConfig never contains the raw URL', () => {
    const { config } = configFor({ EVENT_STORE: 'postgres', EVENT_STORE_URL: 'postgres://u:hunter2@db/ledger' });
    expect(JSON.stringify(describeConfig(config))).not.toContain('hunter2');
  });

  it('truncates very long bad values in messages', () => {
    const [error] = errorsFor({ PORT: 'x'.repeat(500) });
    expect(error.message.length).toBeLessThan(140);
  });
});

describe('parseConfig: the bus', () => {
  it('is off by default (the embedded npm start); Kafka settings are then ignored with a warning', () => {
    const { config, warnings } = configFor({ KAFKA_BROKERS: '127.0.0.1:9092' });
    expect(config.bus).toEqual({ kind: 'none' });
    expect(warnings).toEqual([{ variable: 'KAFKA_BROKERS', message: 'is ignored because BUS=none' }]);
  });

  it('BUS=kafka takes the brokers and the documented defaults', () => {
    expect(configFor({ BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9093' }).config.bus).toEqual({
      kind: 'kafka',
      brokers: ['127.0.0.1:9092', 'kafka-2:9093'],
      topic: 'complaints.events.v1',
      partitions: 12,
      replicationFactor: 1,
      clientId: 'complaint-ledger',
      ssl: false,
      source: 'urn:complaint-ledger',
    });
  });

  it('takes SSL, SASL and the topic settings, and never shows the password', () => {
    const { config } = configFor({
      BUS: 'kafka',
      KAFKA_BROKERS: 'k:9092',
      COMPLAINTS_TOPIC: 'prod.complaints.v1',
      KAFKA_TOPIC_PARTITIONS: '3',
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'relay',
      KAFKA_SASL_PASSWORD: 'hunter2',
    });
    expect(config.bus).toMatchObject({
      topic: 'prod.complaints.v1',
      partitions: 3,
      replicationFactor: 3,
      ssl: true,
      sasl: { mechanism: 'scram-sha-512' },
    });
    expect(JSON.stringify(describeConfig(config))).not.toContain('hunter2');
  });

  it('names every bad Kafka setting at once', () => {
    const result = parseConfig(
      { BUS: 'kafka', COMPLAINTS_TOPIC: 'bad topic!', KAFKA_TOPIC_PARTITIONS: '0', KAFKA_SSL: 'yes', KAFKA_SASL_MECHANISM: 'gssapi' },
      CWD,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.variable).sort()).toEqual([
      'COMPLAINTS_TOPIC',
      'KAFKA_BROKERS',
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SSL',
      'KAFKA_TOPIC_PARTITIONS',
    ]);
    expect(parseConfig({ BUS: 'rabbit' }, CWD)).toMatchObject({ ok: false, errors: [{ variable: 'BUS' }] });
    expect(parseConfig({ BUS: 'kafka', KAFKA_BROKERS: 'k:1', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' }, CWD)).toMatchObject(
      {
        ok: false,
        errors: [{ variable: 'KAFKA_SASL_PASSWORD' }],
      },
    );
  });

  it('READ_MODEL_URL must be a PostgreSQL URL', () => {
    expect(configFor({ READ_MODEL_URL: 'postgres://u:p@h/db' }).config.readModelUrl).toBe('postgres://u:p@h/db');
    expect(parseConfig({ READ_MODEL_URL: 'mysql://x' }, CWD)).toMatchObject({ ok: false, errors: [{ variable: 'READ_MODEL_URL' }] });
  });
});
