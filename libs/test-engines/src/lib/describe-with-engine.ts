import { engineDecision } from './decision';
import { type Engine, KAFKA, POSTGRES } from './engines';

export interface DescribeWithEngineOptions {
  /** Time allowed to resolve the engine in beforeAll (a container start can take a while). */
  readonly timeoutMs?: number;
  /** Environment to read (tests of this helper); defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `describe` for a suite that needs a real engine. The decision is synchronous (Jest's describe is):
 * - engine configured by env (TEST_DATABASE_URL, KAFKA_BROKERS, ...) or Docker usable: the suite runs;
 *   `beforeAll` resolves the value (starting a testcontainer if needed) and checks that the engine
 *   answers, failing the suite with a clear message otherwise;
 * - engine missing and CI=true: the suite FAILS (every test in it, with a message saying how to
 *   provide the engine); CI never skips engine-backed tests;
 * - engine missing elsewhere: `describe.skip('[skipped: <Engine> not reachable] <title>')`.
 *
 * `get()` returns the resolved value (URL, broker list). Call it inside hooks and tests only, never
 * while the suite is being defined.
 *
 * @example
 * describeWithEngine(POSTGRES, 'PostgresEventStore', (getUrl) => {
 *   const schema = useFreshSchema(getUrl);
 *   it('appends', async () => { const pool = new Pool({ connectionString: schema().url }); ... });
 * });
 */
export function describeWithEngine<T>(
  engine: Engine<T>,
  title: string,
  body: (get: () => T) => void,
  options: DescribeWithEngineOptions = {},
): void {
  const env = options.env ?? process.env;
  const source = engine.locate(env);
  const decision = engineDecision(engine.name, source !== undefined, title, engine.howToProvide, env);
  let value: T | undefined;
  let unavailable: Error | undefined;
  const get = (): T => {
    if (decision.kind === 'fail') throw new Error(decision.message);
    if (unavailable) throw unavailable;
    if (value === undefined) {
      throw new Error(`${engine.name} is not resolved yet: call get() inside beforeAll/beforeEach/it, not while defining the suite`);
    }
    return value;
  };

  switch (decision.kind) {
    case 'skip':
      describe.skip(decision.title, () => {
        body(get);
      });
      return;
    case 'fail':
      describe(title, () => {
        // Fails every test of the suite with this message; the explicit test makes sure a suite
        // whose body defines no test still fails.
        beforeAll(() => {
          throw new Error(decision.message);
        });
        it(`needs ${engine.name}`, () => {
          throw new Error(decision.message);
        });
        body(get);
      });
      return;
    case 'run':
      describe(title, () => {
        beforeAll(async () => {
          // `source` is defined whenever the decision is 'run'.
          const located = source as NonNullable<typeof source>;
          try {
            const resolved = await located.resolve();
            await engine.check(resolved, located.origin);
            value = resolved;
          } catch (err) {
            // Later hooks calling get() report this cause instead of "not resolved yet".
            unavailable = new Error(`${engine.name} unavailable: ${(err as { message?: string }).message ?? String(err)}`);
            throw unavailable;
          }
        }, options.timeoutMs ?? 180_000);
        body(get);
      });
      return;
  }
}

/** describeWithEngine(POSTGRES, ...): `getUrl()` is a postgres:// URL. */
export function describeWithPostgres(title: string, body: (getUrl: () => string) => void, options?: DescribeWithEngineOptions): void {
  describeWithEngine(POSTGRES, title, body, options);
}

/** describeWithEngine(KAFKA, ...): `getBrokers()` is a list of host:port. */
export function describeWithKafka(title: string, body: (getBrokers: () => string[]) => void, options?: DescribeWithEngineOptions): void {
  describeWithEngine(KAFKA, title, body, options);
}
