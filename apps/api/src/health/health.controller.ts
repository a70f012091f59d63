import { Controller, Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from '../fastify-types';
import { HealthService, type HealthReport } from './health.service';

@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when every check is up, 503 otherwise; the body is Terminus's report either way. */
  @Get()
  @Header('Cache-Control', 'no-store')
  async get(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    reply.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
