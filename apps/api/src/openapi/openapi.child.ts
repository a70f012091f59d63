// Child of openapi.unit.spec.ts (plain Node): prints one JSON line of what the OpenAPI routes answer.
import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { InMemoryEventStore } from '@complaint-ledger/event-store';
import { InMemoryCaseListStore } from '@complaint-ledger/case-list-projection';
import { APP_CONFIG, INSTANCE_INFO } from '../config/config.module';
import { ComplaintQueriesModule } from '../complaints/queries/complaint-queries.module';
import { CASE_LIST_STORE, EVENT_STORE_TOKEN } from '../complaints/queries/tokens';
import { MetricsModule } from '../metrics/metrics.module';
import { setupOpenApi } from './setup-openapi';

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE_TOKEN, useValue: new InMemoryEventStore() },
    { provide: APP_CONFIG, useValue: { eventStore: { kind: 'embedded' }, dataDir: '/nonexistent' } },
    { provide: INSTANCE_INFO, useValue: {} },
  ],
  exports: [EVENT_STORE_TOKEN, APP_CONFIG, INSTANCE_INFO],
})
class Globals {}

@Module({ imports: [Globals, MetricsModule, ComplaintQueriesModule] })
class ProbeModule {}

async function main(): Promise<void> {
  // The in-memory list instead of a database (the module's factory would open PGlite).
  const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] })
    .overrideProvider(CASE_LIST_STORE)
    .useValue(new InMemoryCaseListStore())
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  setupOpenApi(app);
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();
  const answers: Record<string, unknown> = {};
  for (const url of ['/docs', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-init.js', '/openapi.json']) {
    const res = await fastify.inject({ method: 'GET', url });
    answers[url] = {
      status: res.statusCode,
      type: String(res.headers['content-type']),
      bytes: res.body.length,
      sample: res.body.slice(0, 4000),
    };
  }
  await app.close();
  process.stdout.write(`${JSON.stringify(answers)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
