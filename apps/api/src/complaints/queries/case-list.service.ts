import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, Optional, type OnApplicationShutdown, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CaseListRunner, type CaseListStore } from '@complaint-ledger/case-list-projection';
import type { EventStore } from '@complaint-ledger/event-store';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '@complaint-ledger/runtime';
import { MetricsService } from '../../metrics/metrics.service';
import { projectionsSchemaFor } from './open-case-list-store';
import { CASE_LIST_STORE, EVENT_STORE_TOKEN } from './tokens';
import { WorkerCaseList, type CaseListProjection } from './worker-case-list';

const RESTART_DELAY_MS = 1_000;
const BATCH_SIZE = 500;
/** Standby instances: read the leader's checkpoint this often, try to take over this often. */
const FOLLOW_EVERY_MS = 50;
const TAKE_OVER_EVERY_MS = 2_000;
/** Emitted by the build next to main.js (webpack entry `case-list.worker`). */
export const CASE_LIST_WORKER_SCRIPT = join(__dirname, 'case-list.worker.js');

/**
 * Owns the case list: starts its projection with the app (catch-up runs in the background; lists
 * are served meanwhile from what is committed), restarts it after a failure, stops it before the
 * store closes, and closes the list's database after the HTTP server has drained.
 *
 * On PostgreSQL the projection runs on a worker thread with its own connections, so its reads,
 * folds and writes (a sixth of the app's CPU per command under load, and all of a rebuild) do not
 * share the event loop with requests; and of several instances on one database only one projects
 * (see case-list.worker.ts). The embedded store and its projection database are PGlite
 * instances owned by this thread, so there (and under ts-jest, where no built worker exists) it
 * runs in-process.
 */
@Injectable()
export class CaseListService implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  private readonly log = new Logger('CaseList');
  readonly runner: CaseListProjection;
  readonly mode: 'worker' | 'in-process';
  private stopping = false;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(EVENT_STORE_TOKEN) events: EventStore,
    @Inject(CASE_LIST_STORE) readonly store: CaseListStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() metrics?: MetricsService,
  ) {
    const onCommit = (info: { events: number; position: string; seconds: number }) =>
      metrics?.recordProjectionCommit('case-list', info.events, info.seconds, info.position);
    const eventStore = config.eventStore;
    if (eventStore.kind === 'postgres' && config.caseListWorker && existsSync(CASE_LIST_WORKER_SCRIPT)) {
      this.mode = 'worker';
      this.runner = new WorkerCaseList(
        CASE_LIST_WORKER_SCRIPT,
        {
          url: eventStore.url,
          eventSchema: eventStore.schema,
          projectionsSchema: projectionsSchemaFor(eventStore.schema),
          batchSize: BATCH_SIZE,
          followEveryMs: FOLLOW_EVERY_MS,
          takeOverEveryMs: TAKE_OVER_EVERY_MS,
        },
        {
          onCommit,
          onRole: (role) =>
            this.log.log(
              role === 'leader'
                ? 'case-list projection: this instance projects (leader)'
                : 'case-list projection: another instance projects; following its checkpoint (standby)',
            ),
          onError: (message) => {
            metrics?.recordStoreError('case-list-projection');
            this.log.error(`case-list projection: ${message}`);
          },
        },
      );
      return;
    }
    this.mode = 'in-process';
    this.runner = new CaseListRunner(events, store, {
      batchSize: BATCH_SIZE,
      onCommit,
      onError: (error) => {
        metrics?.recordStoreError('case-list-projection');
        this.log.error(
          `case-list projection stopped: ${error instanceof Error ? error.message : String(error)}; restarting in ${RESTART_DELAY_MS} ms`,
        );
        this.scheduleRestart();
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.runner.start();
    this.log.log(`case-list projection running ${this.mode === 'worker' ? 'on a worker thread' : 'in-process'}`);
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
