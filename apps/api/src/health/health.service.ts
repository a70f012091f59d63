import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult as TerminusReport,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { describeError } from '@complaint-ledger/runtime';
import { HEALTH_INDICATORS, type HealthCheckResult, type HealthIndicator } from './health-indicator';

/** What GET /health answers: Terminus's report (`status`, `info`, `error`, `details` per check). */
export type HealthReport = TerminusReport;

/** A check that hangs (e.g. fsync on a stuck volume) counts as failed after this long. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;

/**
 * Runs every engine's check through Terminus, each bounded by a timeout, and returns Terminus's
 * report whether healthy or not (the controller turns `status: 'error'` into a 503).
 */
@Injectable()
export class HealthService {
  constructor(
    @Inject(HEALTH_INDICATORS) private readonly indicators: HealthIndicator[],
    private readonly terminus: HealthCheckService,
    private readonly indicatorService: HealthIndicatorService,
  ) {}

  async check(): Promise<HealthReport> {
    const critical = this.indicators.filter((i) => i.critical !== false);
    const informative = this.indicators.filter((i) => i.critical === false);
    const [report, extra] = await Promise.all([
      this.checkAll(critical),
      Promise.all(informative.map((i) => this.run(i).then((r) => [i.name, r[i.name]] as const))),
    ]);
    // Non-critical checks are reported (under info or error, and in details) without changing the status.
    for (const [name, result] of extra) {
      report.details[name] = result;
      const bucket = result.status === 'up' ? 'info' : 'error';
      report[bucket] = { ...(report[bucket] ?? {}), [name]: result };
    }
    return report;
  }

  private async checkAll(indicators: HealthIndicator[]): Promise<HealthReport> {
    try {
      return await this.terminus.check(indicators.map((indicator) => () => this.run(indicator)));
    } catch (error) {
      // Terminus throws a 503 carrying the very same report when any check is down.
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthReport;
      throw error;
    }
  }

  private async run(indicator: HealthIndicator): Promise<HealthIndicatorResult> {
    const { status, ...details } = await this.withTimeout(indicator);
    const session = this.indicatorService.check(indicator.name);
    return status === 'ok' ? session.up(details) : session.down(details);
  }

  private async withTimeout(indicator: HealthIndicator): Promise<HealthCheckResult> {
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
