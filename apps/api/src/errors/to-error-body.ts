import { HttpException } from '@nestjs/common';
import {
  CommandError,
  CommandNotAllowedError,
  ComplaintNotFoundError,
  ContentionError,
  IdempotencyMismatchError,
  InvalidCommandError,
  PreconditionFailedError,
  RateLimitedError,
} from '@complaint-ledger/complaint-application';
import { AppendTooLargeError, EventTooLargeError } from '@complaint-ledger/event-store';
import { ApiError, errorBody, type ErrorBody } from './api-error';

export interface MappedError {
  body: ErrorBody;
  headers: Record<string, string>;
  /** Unexpected: log it with its stack (5xx). */
  unexpected: boolean;
}

const known = (body: ErrorBody, headers: Record<string, string> = {}): MappedError => ({ body, headers, unexpected: false });

/** Every error a request can end in, as the API's JSON error. Anything unknown is a 500 without internals. */
export function toErrorBody(error: unknown): MappedError {
  if (error instanceof ApiError) return known(errorBody(error.statusCode, error.message, error.details), error.headers);
  if (error instanceof CommandError) return fromCommandError(error);
  if (error instanceof EventTooLargeError || error instanceof AppendTooLargeError) {
    return known(errorBody(413, 'the events this request would record are too large', { limitBytes: error.limitBytes }));
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : typeof response === 'object' && response !== null && 'message' in response
          ? String((response as { message: unknown }).message)
          : error.message;
    if (status === 404) return known(errorBody(404, message.startsWith('Cannot ') ? `no route ${message.slice(7)}` : message));
    return {
      body: errorBody(
        status,
        status === 400 ? `malformed request body: ${message}` : message,
        status === 400 ? { field: 'body', reason: message } : {},
      ),
      headers: {},
      unexpected: status >= 500,
    };
  }
  return { body: errorBody(500, 'internal error'), headers: {}, unexpected: true };
}

function fromCommandError(error: CommandError): MappedError {
  if (error instanceof InvalidCommandError) return known(errorBody(400, error.message, { field: error.field, reason: error.reason }));
  if (error instanceof ComplaintNotFoundError) return known(errorBody(404, error.message, { id: error.complaintId }));
  if (error instanceof PreconditionFailedError) {
    return known(errorBody(412, error.message, { expectedRevision: error.expectedRevision, currentRevision: error.currentRevision }), {
      etag: `"${error.currentRevision}"`,
    });
  }
  if (error instanceof CommandNotAllowedError) {
    return known(
      errorBody(409, error.message, {
        reason: 'not_allowed',
        command: error.command,
        currentState: error.currentState,
        allowedCommands: error.allowedCommands,
      }),
    );
  }
  if (error instanceof ContentionError) return known(errorBody(409, error.message, { reason: 'contention', attempts: error.attempts }));
  if (error instanceof RateLimitedError) {
    return known(errorBody(429, error.message, { retryAfterSeconds: error.retryAfterSeconds }), {
      'retry-after': String(error.retryAfterSeconds),
    });
  }
  if (error instanceof IdempotencyMismatchError)
    return known(errorBody(422, error.message, { reason: 'idempotency_key_reused', idempotencyKey: error.idempotencyKey }));
  return { body: errorBody(500, 'internal error'), headers: {}, unexpected: true };
}
