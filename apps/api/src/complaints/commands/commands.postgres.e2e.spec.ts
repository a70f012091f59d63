// Command API e2e on PostgreSQL (TEST_DATABASE_URL), each app instance group in a fresh schema.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithPostgres, freshSchema, type FreshSchema } from '@complaint-ledger/test-engines';
import { commandSuite, limitsSuite, type StoreUnderTest } from './e2e/command-suite';
import { assertBuilt } from './e2e/harness';

describeWithPostgres('command API e2e — PostgreSQL', (getUrl) => {
  const schemas: FreshSchema[] = [];
  let dataDir: string;
  const postgres: StoreUnderTest = {
  interleaves: true,
    async env(fresh) {
      if (fresh || schemas.length === 0) schemas.push(await freshSchema(getUrl(), 'api_e2e'));
      return {
        COMPLAINTS_DATA_DIR: dataDir,
        EVENT_STORE: 'postgres',
        EVENT_STORE_URL: getUrl(),
        EVENT_STORE_SCHEMA: schemas[schemas.length - 1].schema,
      };
    },
  };
  beforeAll(async () => {
    assertBuilt();
    dataDir = await mkdtemp(join(tmpdir(), 'api-commands-pg-e2e-'));
  });
  afterAll(async () => {
    for (const s of schemas) await s.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  commandSuite(postgres);
  describe('limits', () => limitsSuite(postgres));
});
