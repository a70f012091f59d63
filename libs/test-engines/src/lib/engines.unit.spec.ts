import { describeWithEngine } from './describe-with-engine';
import { type Engine, KAFKA, POSTGRES, dockerAvailable, parseBrokers, redactUrl } from './engines';
import { uniqueName, withSearchPath } from './fresh-schema';

const noDocker = { TEST_ENGINES_DOCKER: 'false' };

describe('locating engines from the environment', () => {
  it('PostgreSQL: TEST_DATABASE_URL wins over DATABASE_URL', async () => {
    const source = POSTGRES.locate({ ...noDocker, TEST_DATABASE_URL: 'postgres://a@h/t', DATABASE_URL: 'postgres://a@h/d' });
    expect(source?.origin).toBe('TEST_DATABASE_URL');
    await expect(source?.resolve()).resolves.toBe('postgres://a@h/t');
    expect(POSTGRES.locate({ ...noDocker, DATABASE_URL: 'postgres://a@h/d' })?.origin).toBe('DATABASE_URL');
  });

  it('Kafka: KAFKA_BROKERS is a comma-separated list', async () => {
    await expect(KAFKA.locate({ ...noDocker, KAFKA_BROKERS: '127.0.0.1:9092, h2:9093,' })?.resolve()).resolves.toEqual([
      '127.0.0.1:9092',
      'h2:9093',
    ]);
    expect(parseBrokers(' , ')).toEqual([]);
  });

  it('nothing configured and no Docker: undefined', () => {
    expect(dockerAvailable(noDocker)).toBe(false);
    expect(POSTGRES.locate(noDocker)).toBeUndefined();
    expect(KAFKA.locate({ ...noDocker, KAFKA_BROKERS: '' })).toBeUndefined();
  });

  it('DOCKER_HOST over TCP counts as Docker', () => {
    expect(dockerAvailable({ DOCKER_HOST: 'tcp://127.0.0.1:2375' })).toBe(true);
    expect(dockerAvailable({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })).toBe(false);
  });
});

describe('small helpers', () => {
  it('redactUrl hides the password', () => {
    expect(redactUrl('postgres://ledger:secret@127.0.0.1:5432/ledger_test')).toBe('postgres://ledger:***@127.0.0.1:5432/ledger_test');
  });

  it('withSearchPath sets the search_path startup option', () => {
    const url = new URL(withSearchPath('postgres://u:p@h:5432/db?sslmode=disable', 'my_schema'));
    expect(url.searchParams.get('options')).toBe('-c search_path=my_schema');
    expect(url.searchParams.get('sslmode')).toBe('disable');
  });

  it('uniqueName is a valid lower-case identifier of at most 63 characters', () => {
    const name = uniqueName('Event-Store Postgres '.repeat(5));
    expect(name).toMatch(/^[a-z0-9_]{1,63}$/);
    expect(uniqueName('x')).not.toBe(uniqueName('x'));
  });
});

// The run path of describeWithEngine with a fake engine: get() yields the checked value.
const fake: Engine<string> = {
  name: 'Fake',
  howToProvide: 'nothing to do',
  locate: () => ({ origin: 'test', resolve: async () => 'fake://engine' }),
  check: async (value) => {
    if (value !== 'fake://engine') throw new Error('unexpected value');
  },
};

describeWithEngine(fake, 'describeWithEngine with an available engine', (get) => {
  it('resolves and checks the engine before the tests', () => {
    expect(get()).toBe('fake://engine');
  });
});
