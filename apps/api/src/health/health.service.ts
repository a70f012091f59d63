import { Inject, Injectable } from '@nestjs/common';
import { describeError } from '../startup-error';
import { HEALTH_INDICATORS, type HealthCheckResult, type HealthIndicator } from './health-indicator';

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, HealthCheckResult>;
}

/** A check that hangs (e.g. fsync on a stuck volume) counts as failed after this long. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

@Injectable()
export class HealthService {
  constructor(@Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[]) {}

  async check(): Promise<HealthReport> {
    const results = await Promise.all(this.indicators.map((i) => this.run(i)));
    const checks: Record<string, HealthCheckResult> = {};
    this.indicators.forEach((indicator, n) => (checks[indicator.name] = results[n]));
    const status = results.every((r) => r.status === 'ok') ? 'ok' : 'error';
    return { status, checks };
  }

  private async run(indicator: HealthIndicator): Promise<HealthCheckResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<HealthCheckResult>((resolve) => {
      timer = setTimeout(
        () => resolve({ status: 'error', error: `timed out after ${HEALTH_CHECK_TIMEOUT_MS} ms` }),
        HEALTH_CHECK_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([
        indicator.check().catch((err: unknown) => ({ status: 'error' as const, error: describeError(err) })),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
