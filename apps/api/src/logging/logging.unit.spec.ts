import type { FastifyBaseLogger } from '../fastify-types';
import { NestPinoLogger, fastifyLoggingOptions } from './logging';

function fakePino() {
  const calls: { level: string; args: unknown[] }[] = [];
  const logger = Object.fromEntries(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace'].map((level) => [level, (...args: unknown[]) => calls.push({ level, args })]),
  ) as unknown as FastifyBaseLogger;
  return { logger, calls };
}

describe('NestPinoLogger', () => {
  it('maps Nest levels to pino levels and keeps the context', () => {
    const { logger, calls } = fakePino();
    const nest = new NestPinoLogger(logger);
    nest.log('started', 'NestApplication');
    nest.warn('careful');
    nest.verbose('details', 'Ctx');
    expect(calls).toEqual([
      { level: 'info', args: [{ context: 'NestApplication' }, 'started'] },
      { level: 'warn', args: [{}, 'careful'] },
      { level: 'trace', args: [{ context: 'Ctx' }, 'details'] },
    ]);
  });

  it('keeps the stack Nest passes with errors', () => {
    const { logger, calls } = fakePino();
    new NestPinoLogger(logger).error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    expect(calls).toEqual([{ level: 'error', args: [{ context: 'ExceptionsHandler', stack: 'Error: boom\n    at x' }, 'boom'] }]);
  });

  it('logs Error objects under err and objects as fields', () => {
    const { logger, calls } = fakePino();
    const nest = new NestPinoLogger(logger);
    const err = new Error('bad');
    nest.error(err, 'Ctx');
    nest.log({ event: 'x', n: 1 }, 'Ctx');
    expect(calls).toEqual([
      { level: 'error', args: [{ context: 'Ctx', err }, 'bad'] },
      { level: 'info', args: [{ context: 'Ctx', event: 'x', n: 1 }] },
    ]);
  });
});

describe('fastifyLoggingOptions', () => {
  it('binds the request id as correlationId', () => {
    const child = jest.fn((bindings: unknown) => bindings);
    const options = fastifyLoggingOptions('info');
    const result = options.childLoggerFactory({ child } as unknown as FastifyBaseLogger, { reqId: 'abc' }, {});
    expect(result).toEqual({ correlationId: 'abc' });
  });

  it('takes the correlation id from X-Correlation-Id', () => {
    const options = fastifyLoggingOptions('info');
    expect(options.genReqId({ headers: { 'x-correlation-id': 'from-caller' } } as never)).toBe('from-caller');
  });
});
