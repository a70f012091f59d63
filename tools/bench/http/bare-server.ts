/**
 * The baseline of the HTTP bench: a bare Fastify route doing the same store append as a command
 * (one event of the same size into the same PostgreSQL event store, exact expected revision),
 * with nothing else: no Nest, no auth, no validation, no decide, no idempotency.
 * Run by bench.ts: node -r @swc-node/register bare-server.ts  (BARE_PORT, BARE_DATABASE_URL, BARE_SCHEMA)
 */
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { openPostgresEventStore } from '@complaint-ledger/event-store-postgres';
import { type JsonObject } from '@complaint-ledger/event-store';
import { complaintStreamName } from '@complaint-ledger/complaint-contract';

async function main(): Promise<void> {
  const store = await openPostgresEventStore({
    connectionString: process.env['BARE_DATABASE_URL'] as string,
    schema: process.env['BARE_SCHEMA'] as string,
  });
  const app = Fastify({ logger: false });
  app.post<{ Params: { id: string }; Body: { revision: number; type: string; data: JsonObject } }>('/bare/:id', async (request, reply) => {
    const { revision, type, data } = request.body;
    const result = await store.appendToStream(
      complaintStreamName(request.params.id),
      [
        {
          id: randomUUID(),
          type,
          data,
          metadata: {
            correlationId: request.id,
            causationId: randomUUID(),
            actor: 'bench',
            occurredAt: new Date().toISOString(),
            complaintId: request.params.id,
            schemaVersion: 1,
          },
        },
      ],
      revision < 0 ? 'no_stream' : revision,
    );
    reply.code(201);
    return { id: request.params.id, revision: result.nextExpectedRevision };
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env['BARE_PORT']), host: '127.0.0.1' });
  const stop = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
