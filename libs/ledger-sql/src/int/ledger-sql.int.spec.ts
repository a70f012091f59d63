// The SQL registry and checkpoint store run the shared conformance suites on both engines.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { checkpointStoreConformance, customerRegistryConformance } from '@complaint-ledger/ledger-conformance';
import { pgliteDatabase, pgPoolDatabase, type SqlDatabase } from '@complaint-ledger/sql-kit';
import { describeWithPostgres, freshSchema, type FreshSchema } from '@complaint-ledger/test-engines';
import { migrateLedger, SqlCheckpointStore, SqlCustomerRegistry } from '../index';

describeWithPostgres('ledger tables on PostgreSQL', (getUrl) => {
  const schemas: FreshSchema[] = [];
  let current: FreshSchema;
  afterAll(async () => {
    for (const s of schemas) await s.drop();
  });
  const openIn = async (schema: FreshSchema): Promise<SqlDatabase> => {
    const db = pgPoolDatabase(new Pool({ connectionString: getUrl(), max: 4 }), true);
    await migrateLedger(db, schema.schema);
    return db;
  };
  // Each test gets a schema of its own; `reopen` opens the same one on new connections.
  const fresh = async () => {
    current = await freshSchema(getUrl(), 'ledger');
    schemas.push(current);
    return openIn(current);
  };
  customerRegistryConformance('PostgreSQL', async () => new SqlCustomerRegistry(await fresh(), current.schema), {
    reopen: async () => new SqlCustomerRegistry(await openIn(current), current.schema),
  });
  checkpointStoreConformance('PostgreSQL', async () => new SqlCheckpointStore(await fresh(), current.schema), {
    reopen: async () => new SqlCheckpointStore(await openIn(current), current.schema),
  });
});

describe('ledger tables on PGlite (files)', () => {
  let dir = '';
  let n = 0;
  let current = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-sql-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const openAt = async (path: string): Promise<SqlDatabase> => {
    const db = pgliteDatabase(await PGlite.create(path), true);
    await migrateLedger(db, 'ledger');
    return db;
  };
  // Each test gets a database of its own; `reopen` opens the same files again.
  const fresh = async () => openAt((current = join(dir, `db-${++n}`)));
  customerRegistryConformance('PGlite', async () => new SqlCustomerRegistry(await fresh(), 'ledger'), {
    reopen: async () => new SqlCustomerRegistry(await openAt(current), 'ledger'),
  });
  checkpointStoreConformance('PGlite', async () => new SqlCheckpointStore(await fresh(), 'ledger'), {
    reopen: async () => new SqlCheckpointStore(await openAt(current), 'ledger'),
  });
});
