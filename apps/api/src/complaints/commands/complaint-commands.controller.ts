import { Controller, HttpCode, Inject, Optional, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { COMMAND_SHAPES } from '@complaint-ledger/complaint-domain';
import {
  CommandError,
  ComplaintCommandService,
  type CaseCommand,
  type CommandContext,
  type CommandResult,
  type CreateComplaint,
} from '@complaint-ledger/complaint-application';
import { ApiError, badRequest } from '../../errors/api-error';
import { callerOf } from '../../auth/request-gate';
import type { FastifyReply, FastifyRequest } from '../../fastify-types';
import { schemaRef } from '../../openapi/command-schemas';
import { COMMAND_BODY_CLASSES } from './command-dto-classes';
import { bodyName, bodyRequired, COMMAND_ROUTES, HTTP_COMMAND_TYPES, type HttpCommandType } from './command-routes';
import { validateBody } from './validate-body';
import { MetricsService } from '../../metrics/metrics.service';

export const COMMAND_SERVICE = Symbol('COMMAND_SERVICE');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Idempotency keys: 1-255 visible ASCII characters (a UUID is typical). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** What a command answers; the handler returns it as the 201 body. */
export interface CommandAnswer {
  id: string;
  revision: number;
  state: CommandResult['state'];
}

/**
 * Every command route: one handler, installed once per entry of COMMAND_ROUTES (see
 * installCommandRoutes below), so routes, bodies and their documentation cannot drift apart.
 */
@ApiTags('complaints (commands)')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintCommandsController {
  constructor(
    @Inject(COMMAND_SERVICE) private readonly commands: ComplaintCommandService,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  /** Validates the body, runs the command and answers 201 (or throws the error the filter maps). */
  async handle(type: HttpCommandType, req: FastifyRequest, reply: FastifyReply): Promise<CommandAnswer> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await this.run(type, req);
      this.metrics?.recordCommand(type, result.replayed ? 'idempotent_replay' : 'accepted', seconds());
      return answer(reply, result);
    } catch (error) {
      const outcome = outcomeOf(error);
      this.metrics?.recordCommand(type, outcome, seconds());
      if (outcome === 'error') this.metrics?.recordStoreError('command');
      throw error;
    }
  }

  private run(type: HttpCommandType, req: FastifyRequest): Promise<CommandResult> {
    const payload = validateBody(COMMAND_BODY_CLASSES[type], req.body);
    const ctx = context(req);
    if (type === 'ReceiveComplaint') {
      // A new complaint has no revision to match.
      if (ctx.expectedRevision !== undefined)
        throw badRequest('If-Match', 'applies to an existing case; POST /complaints creates a new one');
      return this.commands.create(payload as unknown as CreateComplaint, ctx);
    }
    const id = (req.params as { id?: string }).id ?? '';
    // Ids are UUIDs we handed out: anything else names no case.
    if (!UUID.test(id)) throw new ApiError(404, `complaint ${JSON.stringify(id.slice(0, 100))} does not exist`, { id: id.slice(0, 100) });
    return this.commands.execute({ ...payload, type, complaintId: id.toLowerCase() } as CaseCommand, ctx);
  }
}

/** Statuses a command route can answer besides 201, and when. */
const ERROR_RESPONSES: readonly [status: number, description: string, onCaseOnly?: boolean][] = [
  [
    400,
    'Malformed: a body field, a header (Idempotency-Key, If-Match), the JSON itself or the path; details.field, details.reason, details.problems',
  ],
  [401, 'No or invalid bearer token'],
  [403, "The token's roles may not call this route"],
  [404, 'No case with this id', true],
  [
    409,
    "Refused: the machine does not allow the command in the case's state (details.reason `not_allowed`), or the case kept changing (`contention`)",
  ],
  [412, 'If-Match names a revision the case is no longer at', true],
  [413, 'The body, or the events it would record, is too large'],
  [415, 'The body is not application/json'],
  [422, 'The Idempotency-Key was used before on this route with another body'],
  [429, 'Over the rate limit for this token (Retry-After says when to retry)'],
  [500, 'Internal error (nothing is said about its cause)'],
  [503, 'The server is shutting down'],
];

const methodName = (type: HttpCommandType) => type[0].toLowerCase() + type.slice(1);

function installCommandRoutes(): void {
  const proto = ComplaintCommandsController.prototype as unknown as Record<string, unknown>;
  for (const type of HTTP_COMMAND_TYPES) {
    const name = methodName(type);
    const onCase = COMMAND_ROUTES[type].path !== '';
    proto[name] = function (this: ComplaintCommandsController, req: FastifyRequest, reply: FastifyReply) {
      return this.handle(type, req, reply);
    };
    const descriptor = Object.getOwnPropertyDescriptor(proto, name) as PropertyDescriptor;
    const method: MethodDecorator[] = [
      Post(COMMAND_ROUTES[type].path),
      HttpCode(201),
      ApiOperation({ operationId: name, summary: COMMAND_SHAPES[type].summary }),
      ApiBody({ schema: schemaRef(bodyName(type)), required: bodyRequired(type) }),
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description: 'Retry-safe key, scoped to (token subject, route); honoured forever',
      }),
      ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Ties the events this request records to your own trace' }),
      ApiCreatedResponse({
        description: 'Accepted and recorded',
        schema: schemaRef('CommandResult'),
        headers: {
          ETag: { description: 'The new revision of the case, quoted (use it as If-Match)', schema: { type: 'string' } },
          'X-Position': {
            description: "Global position of the command's last event: send it as X-Min-Position to GET /complaints to read your own write",
            schema: { type: 'string' },
          },
          'Idempotent-Replayed': {
            description: '`true` when an Idempotency-Key retry answered the first result',
            schema: { type: 'string' },
          },
        },
      }),
      ...ERROR_RESPONSES.filter(([, , caseOnly]) => onCase || !caseOnly).map(([status, description]) =>
        ApiResponse({ status, description, schema: schemaRef('ErrorBody') }),
      ),
    ];
    if (onCase) {
      method.push(
        ApiParam({ name: 'id', description: 'The case (a UUID answered by POST /complaints)', schema: { type: 'string', format: 'uuid' } }),
        ApiHeader({ name: 'If-Match', required: false, description: 'Current revision of the case (e.g. "3"); 412 if it moved' }),
      );
    }
    for (const decorate of method) decorate(proto, name, descriptor);
    Req()(proto, name, 0);
    Res({ passthrough: true })(proto, name, 1);
  }
}
installCommandRoutes();

function context(req: FastifyRequest): CommandContext {
  const caller = callerOf(req);
  const key = header(req, 'idempotency-key');
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw badRequest('Idempotency-Key', 'must be 1-255 visible ASCII characters');
  const ifMatch = header(req, 'if-match');
  let expectedRevision: number | undefined;
  if (ifMatch !== undefined) {
    const m = /^(?:W\/)?"?(\d{1,15})"?$/.exec(ifMatch.trim());
    if (!m) throw badRequest('If-Match', 'must be the revision of the case, e.g. "3"');
    expectedRevision = Number(m[1]);
  }
  return {
    subject: caller.subject,
    correlationId: req.id,
    causationId: randomUUID(),
    route: `POST ${req.url.split('?')[0]}`,
    idempotencyKey: key,
    expectedRevision,
    mayBackdate: caller.roles.includes('admin'),
    rateLimit: caller.rateLimit,
  };
}

function answer(reply: FastifyReply, result: CommandResult): CommandAnswer {
  reply.header('etag', `"${result.revision}"`);
  reply.header('x-position', result.position);
  if (result.replayed) reply.header('idempotent-replayed', 'true');
  return { id: result.id, revision: result.revision, state: result.state };
}

function outcomeOf(error: unknown): string {
  if (error instanceof CommandError) return error.code === 'not_allowed' ? 'rejected' : error.code;
  if (error instanceof ApiError) return error.statusCode === 404 ? 'not_found' : 'invalid';
  return 'error';
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
