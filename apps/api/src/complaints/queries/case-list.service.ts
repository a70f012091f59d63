import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CaseListRunner, type CaseListStore } from '@complaint-ledger/case-list-projection';
import type { EventStore } from '@complaint-ledger/event-store';
import { MetricsService } from '../../metrics/metrics.service';
import { CASE_LIST_STORE, EVENT_STORE_TOKEN } from './tokens';

const RESTART_DELAY_MS = 1_000;

/**
 * Owns the case list: starts its runner with the app (catch-up runs in the background; lists are
 * served meanwhile from what is committed), restarts it after a failure, stops it before the
 * store closes, and closes the list's database after the HTTP server has drained.
 */
@Injectable()
export class CaseListService implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly log = new Logger('CaseList');
  readonly runner: CaseListRunner;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE_TOKEN) events: EventStore,
    @Inject(CASE_LIST_STORE) readonly store: CaseListStore,
    @Optional() metrics?: MetricsService,
  ) {
    this.runner = new CaseListRunner(events, store, {
      batchSize: 500,
      onCommit: (info) => metrics?.recordProjectionCommit('case-list', info.events, info.seconds, info.position),
      onError: (error) => {
        metrics?.recordStoreError('case-list-projection');
        this.log.error(`case-list projection stopped: ${error instanceof Error ? error.message : String(error)}; restarting in ${RESTART_DELAY_MS} ms`);
        this.scheduleRestart();
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
  }

  private scheduleRestart(): void {
    if (this.stopping) return;
    this.restartTimer = setTimeout(() => {
      this.runner.start().catch((error: unknown) => {
        this.log.error(`case-list projection restart failed: ${error instanceof Error ? error.message : String(error)}`);
        this.scheduleRestart();
      });
    }, RESTART_DELAY_MS);
    this.restartTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    await this.runner.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
