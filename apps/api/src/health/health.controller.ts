import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import type { FastifyReply } from '../fastify-types';
import { HealthService, type HealthReport } from './health.service';

const REPORT: SchemaObject = {
  type: 'object',
  description:
    "Terminus's report: `status` (`ok` or `error`) and one entry per check (data dir, event store, ...) in `info`, `error` and `details`.",
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'error'] },
    info: { type: 'object', additionalProperties: true },
    error: { type: 'object', additionalProperties: true },
    details: { type: 'object', additionalProperties: true },
  },
};

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when every check is up, 503 otherwise; the body is Terminus's report either way. */
  @Get()
  @ApiOperation({ operationId: 'health', summary: 'Whether this instance and the engines it uses are up (no token needed).' })
  @ApiResponse({ status: 200, description: 'Every check is up', schema: REPORT })
  @ApiResponse({ status: 503, description: 'A check is down (or the server is shutting down)', schema: REPORT })
  @Header('Cache-Control', 'no-store')
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    reply.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
