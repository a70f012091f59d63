import { STATUS_CODES } from 'node:http';

/** The one error shape of the API: `{ statusCode, error, message, details }`. */
export interface ErrorBody {
  statusCode: number;
  /** The HTTP reason phrase, e.g. `Conflict`. */
  error: string;
  message: string;
  details: Record<string, unknown>;
}

/** An error raised by the HTTP layer itself (auth, headers, DTO validation, rate limit). */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(statusCode: number, message: string, details: Record<string, unknown> = {}): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, details };
}

/** 400 for one field. */
export function badRequest(field: string, reason: string, extra: Record<string, unknown> = {}): ApiError {
  return new ApiError(400, `${field} ${reason}`, { field, reason, ...extra });
}
