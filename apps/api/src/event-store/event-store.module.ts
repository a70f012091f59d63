import { DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@complaint-ledger/event-store';
import type { HealthCheckResult, HealthIndicator } from '../health/health-indicator';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '@complaint-ledger/runtime';

/**
 * DI token of the event-store port (`EventStore` from @complaint-ledger/event-store). A registered
 * symbol: the query side asks for the same one (EVENT_STORE_TOKEN in complaints/queries/tokens.ts).
 */
export const EVENT_STORE = Symbol.for('complaint-ledger.event-store');
const OWNS_STORE = Symbol('OWNS_STORE');

/** Closes the store after the HTTP server has drained (Nest runs shutdown hooks after closing it). */
@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(OWNS_STORE) private readonly owned: boolean,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.owned) await this.store.close();
  }
}

/** GET /health `eventStore`: a real read round trip to the store. */
@Injectable()
export class EventStoreHealthIndicator implements HealthIndicator {
  readonly name = 'eventStore';
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}
  async check(): Promise<HealthCheckResult> {
    await this.store.readStream('health-probe', { maxCount: 1 });
    return { status: 'ok', kind: this.config.eventStore.kind };
  }
}

@Global()
@Module({})
export class EventStoreModule {
  /** `owned`: close the store when the app shuts down (false when a test passes its own). */
  static forRoot(store: EventStore, owned = true): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        { provide: EVENT_STORE, useValue: store },
        { provide: OWNS_STORE, useValue: owned },
        EventStoreCloser,
        EventStoreHealthIndicator,
      ],
      exports: [EVENT_STORE, EventStoreHealthIndicator],
    };
  }
}
