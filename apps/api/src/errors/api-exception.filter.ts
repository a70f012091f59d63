import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from '../fastify-types';
import { toErrorBody } from './to-error-body';

/** Global filter: every error leaves as `{ statusCode, error, message, details }`. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { body, headers, unexpected } = toErrorBody(exception);
    if (unexpected) request.log.error({ err: exception }, 'request failed');
    if (reply.sent) return;
    reply
      .code(body.statusCode)
      .headers({ ...headers, 'content-type': 'application/json; charset=utf-8' })
      .send(body);
  }
}
