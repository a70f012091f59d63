// Helpers for integration tests of every adapter: locate the real engines (env, else Docker via
// testcontainers), run / skip / fail suites accordingly (CI never skips), isolate PostgreSQL per
// test file. How to start the engines: docs/operations/engines.md.
export { type EngineDecision, engineDecision, isCi } from './lib/decision';
export {
  type Engine,
  type EngineSource,
  KAFKA,
  POSTGRES,
  dockerAvailable,
  kafkaBrokers,
  parseBrokers,
  postgresUrl,
  redactUrl,
} from './lib/engines';
export { type DescribeWithEngineOptions, describeWithEngine, describeWithKafka, describeWithPostgres } from './lib/describe-with-engine';
export { type FreshSchema, freshSchema, uniqueName, useFreshSchema, withSearchPath } from './lib/fresh-schema';
export { freePort } from './lib/free-port';
