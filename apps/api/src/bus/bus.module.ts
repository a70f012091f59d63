// What the API keeps beside the event store (customer registry, checkpoints, leases) and, with
// BUS=kafka, the relay it hosts in-process: one active relay per event store among every instance
// (apps/relay included), whichever holds the lease.
import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { EventStore } from '@complaint-ledger/event-store';
import { RelayHost, registerRelayMetrics, type AppConfig, type LedgerStores } from '@complaint-ledger/runtime';
import { APP_CONFIG } from '../config/config.module';
import { EVENT_STORE } from '../event-store/event-store.module';
import type { HealthCheckResult, HealthIndicator } from '../health/health-indicator';
import { MetricsService } from '../metrics/metrics.service';

export const LEDGER_STORES = Symbol.for('complaint-ledger.ledger-stores');
export const RELAY_HOST = Symbol('RELAY_HOST');
const OWNS_LEDGER = Symbol('OWNS_LEDGER');

/** Starts the relay host once the app is up; stops it before the event store closes. */
@Injectable()
class BusLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(LEDGER_STORES) private readonly ledger: LedgerStores,
    @Inject(OWNS_LEDGER) private readonly owned: boolean,
    @Optional() @Inject(RELAY_HOST) private readonly relay?: RelayHost,
  ) {}
  async onApplicationBootstrap(): Promise<void> {
    await this.relay?.start();
  }
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
  }
  async onApplicationShutdown(): Promise<void> {
    if (this.owned) await this.ledger.close();
  }
}

/** GET /health `bus`: off, or the brokers and the relay. Not critical: the API keeps taking commands while the broker is down. */
@Injectable()
export class BusHealthIndicator implements HealthIndicator {
  readonly name = 'bus';
  readonly critical = false;
  constructor(@Optional() @Inject(RELAY_HOST) private readonly relay?: RelayHost) {}
  async check(): Promise<HealthCheckResult> {
    return this.relay ? this.relay.health(1_500) : { status: 'ok', kind: 'none', relay: 'off' };
  }
}

@Global()
@Module({})
export class BusModule {
  static forRoot(ledger: LedgerStores, owned = true): DynamicModule {
    return {
      module: BusModule,
      providers: [
        { provide: LEDGER_STORES, useValue: ledger },
        { provide: OWNS_LEDGER, useValue: owned },
        {
          provide: RELAY_HOST,
          useFactory: (config: AppConfig, store: EventStore, metrics?: MetricsService): RelayHost | undefined => {
            if (config.bus.kind !== 'kafka') return undefined;
            const logger = new Logger('relay');
            const host = new RelayHost(
              config.bus,
              store,
              ledger,
              (level, message, extra) =>
                logger[level === 'info' ? 'log' : level](
                  extra && Object.keys(extra).length > 0 ? `${message} ${JSON.stringify(extra)}` : message,
                ),
              { unsafeCheckpointFirst: config.testOnly?.relayCheckpointFirst === true },
            );
            if (metrics) registerRelayMetrics(metrics.registry, host);
            return host;
          },
          inject: [APP_CONFIG, EVENT_STORE, { token: MetricsService, optional: true }],
        },
        BusLifecycle,
        BusHealthIndicator,
      ],
      exports: [LEDGER_STORES, RELAY_HOST, BusHealthIndicator],
    };
  }
}
