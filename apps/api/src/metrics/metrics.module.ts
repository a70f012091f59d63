import { Global, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

interface FastifyLike {
  addHook(name: 'onResponse', hook: (request: RequestLike, reply: ReplyLike, done: () => void) => void): unknown;
}
interface RequestLike {
  method: string;
  routeOptions?: { url?: string };
}
interface ReplyLike {
  statusCode: number;
  elapsedTime: number;
}

/** Counts every HTTP response (401/403/404 included) in a Fastify onResponse hook. */
@Injectable()
class HttpMetricsHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyLike>();
    if (!fastify || typeof fastify.addHook !== 'function') return;
    fastify.addHook('onResponse', (request, reply, done) => {
      // The route pattern keeps label cardinality bounded; unmatched URLs share one label.
      const route = request.routeOptions?.url ?? 'unmatched';
      this.metrics.recordRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }
}

/**
 * GET /metrics (Prometheus) and the `MetricsService` (global: inject it anywhere to call
 * `recordCommand(type, outcome, seconds)` and `recordStoreError(operation)`).
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, HttpMetricsHook],
  exports: [MetricsService],
})
export class MetricsModule {}
