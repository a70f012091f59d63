import { Inject, Injectable } from '@nestjs/common';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '@complaint-ledger/runtime';
import { APP_CONFIG } from '../config/config.module';
import { describeError } from '@complaint-ledger/runtime';
import type { HealthCheckResult, HealthIndicator } from './health-indicator';

/**
 * Proves the data directory is usable right now: creates a probe file, writes to it, fsyncs it
 * (so a read-only remount or a full disk shows up) and removes it.
 */
@Injectable()
export class DataDirHealthIndicator implements HealthIndicator {
  readonly name = 'dataDir';
  private probeSeq = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async check(): Promise<HealthCheckResult> {
    const path = this.config.dataDir;
    const probe = join(path, `.health-probe-${process.pid}-${++this.probeSeq}`);
    try {
      const fh = await open(probe, 'wx');
      try {
        await fh.writeFile(new Date().toISOString(), 'utf8');
        await fh.sync();
      } finally {
        await fh.close();
      }
      await unlink(probe);
      return { status: 'ok', path };
    } catch (err) {
      await unlink(probe).catch(() => undefined);
      return { status: 'error', path, error: describeError(err) };
    }
  }
}
