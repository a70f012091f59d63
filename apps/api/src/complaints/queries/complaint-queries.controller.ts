import { Controller, Get, Headers, Inject, Optional, Param, Query } from '@nestjs/common';
import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { encodeCursor, isBreachedAt, WaitForTimeoutError, type CaseListRow } from '@complaint-ledger/case-list-projection';
import { URGENCIES } from '@complaint-ledger/complaint-contract';
import { InvalidStreamNameError, type EventStore } from '@complaint-ledger/event-store';
import { complaintStreamName } from '@complaint-ledger/complaint-contract';
import { CaseListService } from './case-list.service';
import { complaintView, type ComplaintView } from './complaint-view';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, LIST_STATES, parseListQuery } from './list-query';
import { CaseListPageDto, ComplaintViewDto } from './query.dtos';
import { schemaRef } from '../../openapi/command-schemas';
import { ApiError, badRequest } from '../../errors/api-error';
import { EVENT_STORE_TOKEN } from './tokens';
import { MetricsService } from '../../metrics/metrics.service';

/** How long a list request with X-Min-Position waits for the projection to catch up. */
export const MIN_POSITION_WAIT_MS = 5_000;
const POSITION = /^[0-9]{1,40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Errors every query route can answer. */
const QueryErrors = () =>
  applyDecorators(
    ApiResponse({ status: 401, description: 'No or invalid bearer token', schema: schemaRef('ErrorBody') }),
    ApiResponse({ status: 403, description: "The token's roles may not call this route", schema: schemaRef('ErrorBody') }),
    ApiResponse({ status: 500, description: 'Internal error (nothing is said about its cause)', schema: schemaRef('ErrorBody') }),
  );

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function listItem(row: CaseListRow, nowMs: number) {
  return {
    id: row.id,
    state: row.state,
    step: row.step,
    revision: row.revision,
    customerId: row.customerId,
    channel: row.channel,
    urgency: row.urgency,
    category: row.category,
    team: row.team,
    agent: row.agent,
    remedy: row.remedy,
    receivedAt: iso(row.receivedAtMs) as string,
    acknowledgedAt: iso(row.acknowledgedAtMs),
    resolvedAt: iso(row.resolvedAtMs),
    closedAt: iso(row.closedAtMs),
    escalationLevel: row.escalationLevel,
    reopenCount: row.reopenCount,
    acknowledgeDueAt: iso(row.acknowledgeDueAtMs) as string,
    resolveDueAt: iso(row.resolveDueAtMs),
    resolvePaused: row.resolvePaused,
    breached: isBreachedAt(row, nowMs),
  };
}

/**
 * Reading cases. Roles: agent, supervisor, auditor, admin (never analyst) — enforced by the app's
 * request gate (apps/api/src/auth/roles.ts), not here.
 */
@ApiTags('complaints (queries)')
@ApiBearerAuth()
@Controller('complaints')
export class ComplaintQueriesController {
  constructor(
    @Inject(EVENT_STORE_TOKEN) private readonly events: EventStore,
    private readonly caseList: CaseListService,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  @Get(':id')
  @ApiOperation({
    operationId: 'getComplaint',
    summary:
      'One complaint: state, revision, step, deadlines (breached as of now), classification, current remedy. Folded from its events, so always at the latest revision.',
  })
  @ApiOkResponse({ type: ComplaintViewDto })
  @ApiParam({ name: 'id', description: 'The case (a UUID answered by POST /complaints)', schema: { type: 'string' } })
  @QueryErrors()
  @ApiResponse({ status: 404, description: 'Unknown case', schema: schemaRef('ErrorBody') })
  async get(@Param('id') rawId: string): Promise<ComplaintView> {
    // Case ids are UUIDs handed out by POST /complaints, stored in lower case.
    const id = UUID.test(rawId) ? rawId.toLowerCase() : rawId;
    let events;
    try {
      events = await this.events.readStream(complaintStreamName(id));
    } catch (error) {
      // An id that cannot even name a stream names no case.
      if (error instanceof InvalidStreamNameError)
        throw new ApiError(404, `complaint ${JSON.stringify(id.slice(0, 100))} not found`, { id: id.slice(0, 100) });
      this.metrics?.recordStoreError('readStream');
      throw error;
    }
    const view = complaintView(events, Date.now());
    if (!view) throw new ApiError(404, `complaint ${JSON.stringify(id)} not found`, { id });
    return view;
  }

  @Get()
  @ApiOperation({
    operationId: 'listComplaints',
    summary: 'Cases, newest first, from the case-list projection; keyset-paginated with an opaque cursor.',
  })
  @ApiQuery({ name: 'state', required: false, enum: LIST_STATES })
  @ApiQuery({ name: 'customerId', required: false, type: String })
  @ApiQuery({ name: 'category', required: false, type: String })
  @ApiQuery({ name: 'urgency', required: false, enum: URGENCIES })
  @ApiQuery({
    name: 'breached',
    required: false,
    enum: ['true', 'false'],
    description: 'Breached as of now: a running clock past due counts before any DeadlineMissed event',
  })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: `1-${LIST_LIMIT_MAX}, default ${LIST_LIMIT_DEFAULT}` })
  @ApiQuery({ name: 'cursor', required: false, type: String, description: 'nextCursor of the previous page' })
  @ApiHeader({
    name: 'X-Min-Position',
    required: false,
    description: 'Read-your-writes: wait (up to 5 s) until the list reflects this global position',
  })
  @ApiOkResponse({ type: CaseListPageDto })
  @QueryErrors()
  @ApiResponse({
    status: 400,
    description: 'A bad query parameter or X-Min-Position (details.field, details.reason)',
    schema: schemaRef('ErrorBody'),
  })
  @ApiResponse({
    status: 503,
    description: 'X-Min-Position not reached in time, or the server is shutting down',
    schema: schemaRef('ErrorBody'),
  })
  async list(@Query() raw: Record<string, unknown>, @Headers('x-min-position') minPosition: string | undefined) {
    const parsed = parseListQuery(raw ?? {});
    if (!parsed.ok) throw badRequest(parsed.field, parsed.reason);
    if (minPosition !== undefined) {
      if (!POSITION.test(minPosition)) throw badRequest('X-Min-Position', 'must be a global position (digits) returned by the API');
      try {
        await this.caseList.runner.waitFor(minPosition, MIN_POSITION_WAIT_MS);
      } catch (error) {
        if (!(error instanceof WaitForTimeoutError)) throw error;
        throw new ApiError(503, error.message, { position: minPosition, reached: error.reached }, { 'retry-after': '1' });
      }
    }
    const nowMs = Date.now();
    const position = this.caseList.runner.position;
    const page = await this.caseList.store.query({ ...parsed.query, nowMs });
    return {
      items: page.rows.map((row) => listItem(row, nowMs)),
      nextCursor: page.next ? encodeCursor(page.next) : null,
      limit: parsed.query.limit,
      asOf: new Date(nowMs).toISOString(),
      position,
    };
  }
}
