import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import type { AppConfig } from './config/config';
import type { InstanceInfo } from './instance/instance';
import type { FastifyInstance } from './fastify-types';
import { CORRELATION_ID_HEADER } from './logging/correlation-id';
import { NestPinoLogger, fastifyLoggingOptions } from './logging/logging';

/** Builds the Nest application (not listening yet). main.ts owns the process; tests can call this. */
export async function createApp(config: AppConfig, instance: InstanceInfo): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    ...fastifyLoggingOptions(config.logLevel),
    // While closing, new requests get 503 + Connection: close; in-flight ones finish.
    return503OnClosing: true,
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header(CORRELATION_ID_HEADER, request.id);
    done();
  });
  drainOnClose(fastify);
  return NestFactory.create<NestFastifyApplication>(AppModule.register(config, instance), adapter, {
    logger: new NestPinoLogger(fastify.log),
    abortOnError: false,
  });
}

/**
 * Graceful close (app.close(), which SIGTERM triggers): Fastify stops listening, answers requests
 * arriving on open connections with 503 and closes idle keep-alive sockets, but a socket that was
 * busy would stay open after its response until the keep-alive timeout (72 s). So once closing
 * has begun, every response carries `Connection: close` and the socket ends with it.
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
