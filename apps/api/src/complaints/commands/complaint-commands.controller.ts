import { Body, Controller, HttpCode, Inject, Optional, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
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
import {
  AcceptSolutionDto,
  AcknowledgeDto,
  AssignDto,
  ClassifyDto,
  CommandResponseDto,
  CompleteImplementationDto,
  CreateComplaintDto,
  EscalateDto,
  EvaluateDto,
  FeedbackDto,
  ImplementationProgressDto,
  ProposeSolutionDto,
  RejectSolutionDto,
  ReopenDto,
  WithdrawDto,
} from './command.dtos';
import { validateBody } from './validate-body';
import { MetricsService } from '../../metrics/metrics.service';

export const COMMAND_SERVICE = Symbol('COMMAND_SERVICE');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Idempotency keys: 1-255 visible ASCII characters (a UUID is typical). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

type Dto = new () => object;
type CaseCommandType = CaseCommand['type'];

/** Idempotency-Key and If-Match are accepted on every command route. */
const CommonHeaders = () => (target: object, key: string | symbol, descriptor: PropertyDescriptor) => {
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe key, scoped to (token subject, route); honoured forever' })(target, key, descriptor);
  ApiHeader({ name: 'If-Match', required: false, description: 'Current revision of the case (e.g. "3"); 412 if it moved' })(target, key, descriptor);
  ApiHeader({ name: 'X-Correlation-Id', required: false })(target, key, descriptor);
  ApiCreatedResponse({
    type: CommandResponseDto,
    headers: {
      ETag: { description: 'The new revision of the case, quoted (use it as If-Match)', schema: { type: 'string' } },
      'X-Position': { description: 'Global position of the command\'s last event: send it as X-Min-Position to GET /complaints to read your own write', schema: { type: 'string' } },
    },
  })(target, key, descriptor);
};

@ApiTags('complaints (commands)')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintCommandsController {
  constructor(
    @Inject(COMMAND_SERVICE) private readonly commands: ComplaintCommandService,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Receive a complaint (step 1)' })
  @ApiBody({ type: CreateComplaintDto })
  @CommonHeaders()
  async create(@Body() body: CreateComplaintDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.measured('ReceiveComplaint', reply, async () => {
      const payload = validateBody(CreateComplaintDto, body) as unknown as CreateComplaint;
      return this.commands.create(payload, this.context(req));
    });
  }

  @Post(':id/acknowledge') @HttpCode(201) @ApiBody({ type: AcknowledgeDto, required: false }) @CommonHeaders()
  acknowledge(@Param('id') id: string, @Body() body: AcknowledgeDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('AcknowledgeComplaint', AcknowledgeDto, id, body, req, reply);
  }

  @Post(':id/classify') @HttpCode(201) @ApiBody({ type: ClassifyDto }) @CommonHeaders()
  classify(@Param('id') id: string, @Body() body: ClassifyDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('ClassifyComplaint', ClassifyDto, id, body, req, reply);
  }

  @Post(':id/assign') @HttpCode(201) @ApiBody({ type: AssignDto }) @CommonHeaders()
  assign(@Param('id') id: string, @Body() body: AssignDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('AssignComplaint', AssignDto, id, body, req, reply);
  }

  @Post(':id/solutions') @HttpCode(201) @ApiBody({ type: ProposeSolutionDto }) @CommonHeaders()
  proposeSolution(@Param('id') id: string, @Body() body: ProposeSolutionDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('ProposeSolution', ProposeSolutionDto, id, body, req, reply);
  }

  @Post(':id/solutions/accept') @HttpCode(201) @ApiBody({ type: AcceptSolutionDto, required: false }) @CommonHeaders()
  acceptSolution(@Param('id') id: string, @Body() body: AcceptSolutionDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('AcceptSolution', AcceptSolutionDto, id, body, req, reply);
  }

  @Post(':id/solutions/reject') @HttpCode(201) @ApiBody({ type: RejectSolutionDto }) @CommonHeaders()
  rejectSolution(@Param('id') id: string, @Body() body: RejectSolutionDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RejectSolution', RejectSolutionDto, id, body, req, reply);
  }

  @Post(':id/implementation/progress') @HttpCode(201) @ApiBody({ type: ImplementationProgressDto }) @CommonHeaders()
  progress(@Param('id') id: string, @Body() body: ImplementationProgressDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RecordImplementationProgress', ImplementationProgressDto, id, body, req, reply);
  }

  @Post(':id/implementation/complete') @HttpCode(201) @ApiBody({ type: CompleteImplementationDto }) @CommonHeaders()
  complete(@Param('id') id: string, @Body() body: CompleteImplementationDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('CompleteImplementation', CompleteImplementationDto, id, body, req, reply);
  }

  @Post(':id/feedback') @HttpCode(201) @ApiBody({ type: FeedbackDto }) @CommonHeaders()
  feedback(@Param('id') id: string, @Body() body: FeedbackDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('RecordFeedback', FeedbackDto, id, body, req, reply);
  }

  @Post(':id/evaluate') @HttpCode(201) @ApiOperation({ summary: 'Evaluate and close the case' }) @ApiBody({ type: EvaluateDto }) @CommonHeaders()
  evaluate(@Param('id') id: string, @Body() body: EvaluateDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('EvaluateComplaint', EvaluateDto, id, body, req, reply);
  }

  @Post(':id/escalate') @HttpCode(201) @ApiBody({ type: EscalateDto }) @CommonHeaders()
  escalate(@Param('id') id: string, @Body() body: EscalateDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('EscalateComplaint', EscalateDto, id, body, req, reply);
  }

  @Post(':id/reopen') @HttpCode(201) @ApiBody({ type: ReopenDto }) @CommonHeaders()
  reopen(@Param('id') id: string, @Body() body: ReopenDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('ReopenComplaint', ReopenDto, id, body, req, reply);
  }

  @Post(':id/withdraw') @HttpCode(201) @ApiBody({ type: WithdrawDto, required: false }) @CommonHeaders()
  withdraw(@Param('id') id: string, @Body() body: WithdrawDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.run('WithdrawComplaint', WithdrawDto, id, body, req, reply);
  }

  private run(type: CaseCommandType, dto: Dto, id: string, body: unknown, req: FastifyRequest, reply: FastifyReply) {
    return this.measured(type, reply, async () => {
      const payload = validateBody(dto, body);
      const ctx = this.context(req);
      // Ids are UUIDs we handed out: anything else names no case.
      if (!UUID.test(id)) throw new ApiError(404, `complaint ${id} does not exist`, { id });
      const command = { ...payload, type, complaintId: id.toLowerCase() } as CaseCommand;
      return this.commands.execute(command, ctx);
    });
  }

  /** Runs a command and records it in /metrics by type and outcome. */
  private async measured(type: string, reply: FastifyReply, work: () => Promise<CommandResult>): Promise<CommandResponseDto> {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await work();
      this.metrics?.recordCommand(type, result.replayed ? 'idempotent_replay' : 'accepted', seconds());
      return this.answer(reply, result);
    } catch (error) {
      this.metrics?.recordCommand(type, outcomeOf(error), seconds());
      if (outcomeOf(error) === 'error') this.metrics?.recordStoreError('command');
      throw error;
    }
  }

  private context(req: FastifyRequest): CommandContext {
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
      admit: () => {
        if (caller.rateLimit.limited) {
          throw new ApiError(429, 'rate limit exceeded for this token; retry later', { retryAfterSeconds: caller.rateLimit.retryAfterSeconds }, {
            'retry-after': String(caller.rateLimit.retryAfterSeconds),
          });
        }
      },
    };
  }

  private answer(reply: FastifyReply, result: CommandResult): CommandResponseDto {
    reply.header('etag', `"${result.revision}"`);
    reply.header('x-position', result.position);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return { id: result.id, revision: result.revision, state: result.state };
  }
}

function outcomeOf(error: unknown): string {
  if (error instanceof CommandError) return error.code === 'not_allowed' ? 'rejected' : error.code;
  if (error instanceof ApiError) return error.statusCode === 429 ? 'rate_limited' : error.statusCode === 404 ? 'not_found' : 'invalid';
  return 'error';
}

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
