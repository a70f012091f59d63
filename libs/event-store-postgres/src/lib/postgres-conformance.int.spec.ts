import { join } from 'node:path';
import { Client } from 'pg';
import { eventStoreConformance } from '@complaint-ledger/event-store-conformance';
import { describeWithPostgres, freshSchema, type FreshSchema } from '@complaint-ledger/test-engines';
import { testOnlySwitch } from '@complaint-ledger/event-store';
import { openPostgresEventStore } from './postgres-event-store';

/**
 * EVENT_STORE_UNSAFE=race switches the race protections off (no advisory lock, and the
 * unique (stream, revision) constraint dropped) to show the 50-appender case failing:
 *   EVENT_STORE_UNSAFE=race npx jest -c libs/event-store-postgres/jest.int.config.cjs -t 'concurrent appenders'
 * (a test-only switch: an unknown value, or any value without NODE_ENV=test, fails the suite).
 */
const unsafeRace = testOnlySwitch('EVENT_STORE_UNSAFE', process.env) === 'race';

describeWithPostgres('PostgreSQL event store', (getUrl) => {
  let schema: FreshSchema;
  beforeAll(async () => {
    schema = await freshSchema(getUrl(), 'event_store');
  });
  afterAll(async () => {
    await schema?.drop();
  });

  const open = async () => {
    const store = await openPostgresEventStore({ connectionString: getUrl(), schema: schema.schema, unsafeAppendLock: !unsafeRace });
    if (unsafeRace) {
      const client = new Client({ connectionString: getUrl() });
      await client.connect();
      await client.query(`ALTER TABLE "${schema.schema}".events DROP CONSTRAINT IF EXISTS events_stream_revision_key`);
      await client.end();
    }
    return store;
  };

  eventStoreConformance('PostgreSQL', open, {
    rejectsReusedEventIds: true,
    durability: () => ({
      modulePath: join(__dirname, 'conformance-recipe.ts'),
      exportName: 'openForConformance',
      config: { connectionString: getUrl(), schema: schema.schema },
    }),
  });
});
