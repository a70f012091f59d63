// JSON logs on stdout, one object per line. Fastify's built-in pino writes them (request logs
// carry `correlationId`); NestPinoLogger routes Nest's own logs through the same pino instance so
// every line has the same shape.
import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from '../fastify-types';
import type { LogLevel } from '@complaint-ledger/runtime';
import { CORRELATION_ID_HEADER, correlationIdFrom } from './correlation-id';

type ChildLoggerOptions = Parameters<FastifyBaseLogger['child']>[1];

/** Logging-related options for `new FastifyAdapter({...})`. */
export function fastifyLoggingOptions(level: LogLevel) {
  return {
    logger: {
      level,
      name: 'complaint-ledger-api',
      // pino's timestamp hook returns a JSON fragment; ISO time reads better than epoch ms.
      timestamp: () => `,"time":"${new Date().toISOString()}"`,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    requestIdHeader: false as const,
    genReqId: (req: IncomingMessage): string => correlationIdFrom(req.headers[CORRELATION_ID_HEADER]),
    // Fastify binds the request id as `reqId`; log it as `correlationId` instead (the top-level
    // `requestIdLogLabel` option is deprecated in Fastify 5).
    childLoggerFactory: (logger: FastifyBaseLogger, bindings: Record<string, unknown>, opts: ChildLoggerOptions): FastifyBaseLogger => {
      const { reqId, ...rest } = bindings;
      return logger.child({ ...rest, correlationId: reqId }, opts);
    },
  };
}

type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

export class NestPinoLogger implements LoggerService {
  constructor(private readonly pino: FastifyBaseLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes `(message, context)` or, for errors, `(message, stack, context)`. */
  private write(level: PinoLevel, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const bindings: Record<string, unknown> = {};
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') bindings['context'] = rest.pop();
    if (level === 'error' || level === 'fatal') {
      const stack = rest.find((p): p is string => typeof p === 'string');
      if (stack) bindings['stack'] = stack;
    }
    if (message instanceof Error) {
      this.pino[level]({ ...bindings, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...bindings, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](bindings, String(message));
    }
  }
}
