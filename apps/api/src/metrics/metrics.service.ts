import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds; from 1 ms to 10 s (the latency targets are p99 < 50 ms). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type CommandOutcome =
  'accepted' | 'rejected' | 'invalid' | 'not_found' | 'precondition_failed' | 'contention' | 'idempotent_replay' | 'error' | (string & {});

/**
 * Prometheus metrics of one app instance (its own registry, so several apps in one process — tests —
 * do not collide). The command side calls `recordCommand` and `recordStoreError`; HTTP requests are
 * counted by a Fastify hook (see MetricsModule).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route pattern, method and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency (request received to response sent) by route pattern, method and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly commands = new Counter({
    name: 'complaint_commands_total',
    help: 'Complaint commands by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly commandDuration = new Histogram({
    name: 'complaint_command_duration_seconds',
    help: 'Complaint command latency (load, decide, append) by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly storeErrors = new Counter({
    name: 'event_store_errors_total',
    help: 'Unexpected event-store (and projection-store) errors by operation',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  private readonly projectionEvents = new Counter({
    name: 'projection_events_total',
    help: 'Events applied by a projection',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  private readonly projectionBatch = new Histogram({
    name: 'projection_commit_duration_seconds',
    help: 'Time to apply and commit one projection batch',
    labelNames: ['projection'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly projectionPosition = new Gauge({
    name: 'projection_position',
    help: 'Last global position committed by a projection',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** One HTTP request; `route` is the route pattern (`/complaints/:id`), never the raw URL. */
  recordRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  /** One command handled by the command side: its type (e.g. `ClassifyComplaint`), outcome and duration. */
  recordCommand(type: string, outcome: CommandOutcome, seconds: number): void {
    this.commands.inc({ type, outcome });
    this.commandDuration.observe({ type, outcome }, seconds);
  }

  /** An unexpected store failure (`append`, `readStream`, ...). */
  recordStoreError(operation: string): void {
    this.storeErrors.inc({ operation });
  }

  recordProjectionCommit(projection: string, events: number, seconds: number, position: string): void {
    this.projectionEvents.inc({ projection }, events);
    this.projectionBatch.observe({ projection }, seconds);
    const n = Number(position);
    if (Number.isFinite(n)) this.projectionPosition.set({ projection }, n);
  }

  contentType(): string {
    return this.registry.contentType;
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
