/** One named dependency check behind GET /health. Later slices add the event store, projections, ... */
export interface HealthCheckResult {
  status: 'ok' | 'error';
  [detail: string]: unknown;
}

export interface HealthIndicator {
  readonly name: string;
  /** false: reported, but not failing the whole report (the bus: commands go on while it is down). */
  readonly critical?: boolean;
  check(): Promise<HealthCheckResult>;
}

/** DI token: the list of indicators the health endpoint runs (a factory provider assembles it). */
export const HEALTH_INDICATORS = Symbol('HEALTH_INDICATORS');
