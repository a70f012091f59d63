import { frameworkErrorBody } from './framework-errors';
import { HttpException } from '@nestjs/common';
import {
  CommandNotAllowedError,
  ComplaintNotFoundError,
  ContentionError,
  IdempotencyMismatchError,
  InvalidCommandError,
  PreconditionFailedError,
} from '@complaint-ledger/complaint-application';
import { EventTooLargeError } from '@complaint-ledger/event-store';
import { ApiError } from './api-error';
import { toErrorBody } from './to-error-body';

describe('toErrorBody', () => {
  it.each([
    [new InvalidCommandError('reason', 'is required'), 400, { field: 'reason', reason: 'is required' }],
    [new ComplaintNotFoundError('c1'), 404, { id: 'c1' }],
    [new PreconditionFailedError('c1', 1, 3), 412, { expectedRevision: 1, currentRevision: 3 }],
    [
      new CommandNotAllowedError('AcceptSolution', 'received', ['ClassifyComplaint'], 'no'),
      409,
      { reason: 'not_allowed', command: 'AcceptSolution', currentState: 'received', allowedCommands: ['ClassifyComplaint'] },
    ],
    [new ContentionError('c1', 6), 409, { reason: 'contention', attempts: 6 }],
    [new IdempotencyMismatchError('k'), 422, { reason: 'idempotency_key_reused', idempotencyKey: 'k' }],
    [new ApiError(429, 'slow down', { retryAfterSeconds: 3 }), 429, { retryAfterSeconds: 3 }],
    [new EventTooLargeError('e', 2_000_000, 1_000_000), 413, { limitBytes: 1_000_000 }],
  ])('%s -> %i', (error, status, details) => {
    const { body, unexpected } = toErrorBody(error);
    expect(body).toEqual({ statusCode: status, error: expect.any(String), message: expect.any(String), details });
    expect(unexpected).toBe(false);
  });

  it('maps Fastify/Nest HTTP errors and hides unknown ones as 500', () => {
    expect(toErrorBody(new HttpException('Unsupported Media Type: text/plain', 415)).body.statusCode).toBe(415);
    expect(toErrorBody(new HttpException('Cannot POST /x', 404)).body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'no route POST /x',
      details: {},
    });
    const crash = toErrorBody(new Error('db password is hunter2'));
    expect(crash).toEqual({
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error', details: {} },
      headers: {},
      unexpected: true,
    });
  });
});

describe('frameworkErrorBody (what Fastify refuses while routing)', () => {
  it('answers a malformed path with a 400 naming the path, an over-long id with a 404, in the API error shape', () => {
    expect(frameworkErrorBody('FST_ERR_BAD_URL', '/complaints/%ED%A0%80/classify?x=1')).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: 'the request path is not a valid URL',
        details: { field: 'path', reason: 'holds malformed percent-encoding', path: '/complaints/%ED%A0%80/classify' },
      },
    });
    expect(frameworkErrorBody('FST_ERR_MAX_PARAM_LENGTH', `/complaints/${'a'.repeat(300)}`)).toMatchObject({
      status: 404,
      body: { statusCode: 404, error: 'Not Found' },
    });
    expect(frameworkErrorBody('FST_ERR_ASYNC_CONSTRAINT', '/x')).toEqual({
      status: 500,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'internal error', details: {} },
    });
  });
});
