// Prints the app's OpenAPI document (exactly what GET /openapi.json serves) without a server or a
// database: `node -r @swc-node/register apps/api/src/openapi/print-openapi.ts`. Used by
// `npm run api:client` (which regenerates libs/api-client) and by its staleness test.
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { InMemoryEventStore } from '@complaint-ledger/event-store';
import { InMemoryCaseListStore } from '@complaint-ledger/case-list-projection';
import { AppModule } from '../app.module';
import { inMemoryLedgerStores, parseConfig } from '@complaint-ledger/runtime';
import { CASE_LIST_STORE } from '../complaints/queries/tokens';
import { buildOpenApiDocument } from './setup-openapi';

async function main(): Promise<void> {
  const parsed = parseConfig({ COMPLAINTS_DATA_DIR: '/nonexistent' });
  if (!parsed.ok) throw new Error('default configuration is invalid');
  const store = new InMemoryEventStore();
  // The in-memory list instead of a database; the app is never initialised, so nothing starts.
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppModule.register(
        parsed.config,
        { instanceId: 'openapi', createdAt: new Date(0).toISOString(), dataDir: '/nonexistent', created: false },
        { eventStore: store, ownsEventStore: false, ledger: inMemoryLedgerStores(), ownsLedger: false },
      ),
    ],
  })
    .overrideProvider(CASE_LIST_STORE)
    .useValue(new InMemoryCaseListStore())
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  process.stdout.write(`${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await store.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
