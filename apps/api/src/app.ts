import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import type { EventStore } from '@complaint-ledger/event-store';
import { AppModule } from './app.module';
import { frameworkErrorBody } from './errors/framework-errors';
import { loadOrCreateDevSecret } from './auth/dev-tokens';
import { RateLimiter } from './auth/rate-limiter';
import { installJsonParser, installRequestGate } from './auth/request-gate';
import { TokenVerifier } from './auth/token-verifier';
import { openEventStore, openLedgerStores, type AppConfig, type LedgerStores } from '@complaint-ledger/runtime';
import { setupOpenApi } from './openapi/setup-openapi';
import type { InstanceInfo } from './instance/instance';
import type { FastifyInstance, FastifyReply } from './fastify-types';
import { CORRELATION_ID_HEADER } from './logging/correlation-id';
import { NestPinoLogger, fastifyLoggingOptions } from './logging/logging';

export interface CreateAppOptions {
  /** A store to use instead of opening the configured one (tests); the caller closes it. */
  eventStore?: EventStore;
  /** Registry and checkpoints to use instead of opening the configured ones (tests); the caller closes them. */
  ledger?: LedgerStores;
  /** Serve Swagger UI at /docs (default true; /openapi.json is always served). */
  swaggerUi?: boolean;
}

/** Builds the Nest application (not listening yet). main.ts owns the process; tests can call this. */
export async function createApp(
  config: AppConfig,
  instance: InstanceInfo,
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const verifier = await tokenVerifier(config);
  const eventStore = options.eventStore ?? (await openEventStore(config.eventStore, config.dataDir));
  let ledger: LedgerStores | undefined;
  try {
    ledger = options.ledger ?? (await openLedgerStores(config, { unsafeLeaseNoLock: config.testOnly?.leaseNoLock === true }));
    const adapter = new FastifyAdapter({
      ...fastifyLoggingOptions(config.logLevel),
      bodyLimit: config.limits.bodyLimitBytes,
      // While closing, new requests get 503 + Connection: close; in-flight ones finish.
      return503OnClosing: true,
      // Errors Fastify raises before any route runs answer in the API's one error shape too.
      frameworkErrors: (error: { code: string }, request: { url: string }, reply: FastifyReply) => {
        const { status, body } = frameworkErrorBody(error.code, request.url);
        void reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
      },
    });
    const fastify = adapter.getInstance();
    fastify.addHook('onRequest', (request, reply, done) => {
      reply.header(CORRELATION_ID_HEADER, request.id);
      done();
    });
    installRequestGate(fastify, {
      verifier,
      limiter: new RateLimiter(config.limits.rateLimitMax, config.limits.rateLimitWindowMs),
      bodyLimitBytes: config.limits.bodyLimitBytes,
    });
    installJsonParser(fastify, config.limits.bodyLimitBytes);
    drainOnClose(fastify);
    const app = await NestFactory.create<NestFastifyApplication>(
      AppModule.register(config, instance, {
        eventStore,
        ownsEventStore: options.eventStore === undefined,
        ledger,
        ownsLedger: options.ledger === undefined,
      }),
      adapter,
      // bodyParser: false — installJsonParser above is the one JSON parser (empty body = none; proto keys refused).
      { logger: new NestPinoLogger(fastify.log), abortOnError: false, bodyParser: false },
    );
    setupOpenApi(app, { ui: options.swaggerUi ?? true });
    return app;
  } catch (error) {
    if (options.ledger === undefined) await ledger?.close().catch(() => undefined);
    if (options.eventStore === undefined) await eventStore.close().catch(() => undefined);
    throw error;
  }
}

/** HS256 with AUTH_JWT_SECRET, a JWKS, or (neither configured) the data dir's generated secret. */
async function tokenVerifier(config: AppConfig): Promise<TokenVerifier> {
  const { auth } = config;
  if (auth.jwksUrl) return new TokenVerifier({ ...auth, jwksUrl: auth.jwksUrl });
  const jwtSecret = auth.jwtSecret ?? (await loadOrCreateDevSecret(config.dataDir)).secret;
  return new TokenVerifier({ ...auth, jwtSecret });
}

/**
 * Graceful close (app.close(), which SIGTERM triggers): Fastify stops listening, answers requests
 * arriving on open connections with 503 and closes idle keep-alive sockets, but a socket that was
 * busy would stay open after its response until the keep-alive timeout (72 s). So once closing
 * has begun, every response carries `Connection: close` and the socket ends with it.
 * The event store is closed only after that (EventStoreModule's shutdown hook), so a command
 * that was accepted finishes its append.
 */
function drainOnClose(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
