import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { MetricsService } from './metrics.service';

interface ReplyLike {
  header(name: string, value: string): unknown;
}

/** GET /metrics: Prometheus text format (public, like /health). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res({ passthrough: true }) reply: ReplyLike): Promise<string> {
    reply.header('content-type', this.metrics.contentType());
    return this.metrics.metrics();
  }
}
