import { ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

/** An error answer of the query routes, in the API's error shape `{ statusCode, error, message, details }`. */
export class QueryError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'QueryError';
  }

  static badRequest(field: string, reason: string): QueryError {
    return new QueryError(400, `${field} ${reason}`, { field, reason });
  }
}

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

/** Bound to the query controller; everything else falls through to the app's global filter. */
@Catch(QueryError)
export class QueryErrorFilter implements ExceptionFilter {
  catch(error: QueryError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
    reply.status(error.statusCode).send({ statusCode: error.statusCode, error: STATUS_CODES[error.statusCode] ?? 'Error', message: error.message, details: error.details });
  }
}
