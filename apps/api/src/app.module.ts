import { DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { EventStore } from '@complaint-ledger/event-store';
import { ComplaintCommandsModule } from './complaints/commands/complaint-commands.module';
import { ComplaintQueriesModule } from './complaints/queries/complaint-queries.module';
import { MetricsModule } from './metrics/metrics.module';
import type { AppConfig, LedgerStores } from '@complaint-ledger/runtime';
import { ConfigModule } from './config/config.module';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { EventStoreModule } from './event-store/event-store.module';
import { EventsContractModule } from './events-contract/events-contract.module';
import { HealthModule } from './health/health.module';
import { BusModule } from './bus/bus.module';
import type { InstanceInfo } from './instance/instance';

// ---- query side, metrics, OpenAPI (owned by the query-side work) -------------------------------
// `ComplaintQueriesModule` (apps/api/src/complaints/queries) and `MetricsModule` (apps/api/src/metrics).
// They inject EVENT_STORE (global, from EventStoreModule) and APP_CONFIG. OpenAPI is set up in
// app.ts (setupOpenApi). Route roles live in apps/api/src/auth/roles.ts.
const QUERY_SIDE_MODULES: Type[] = [MetricsModule, ComplaintQueriesModule];
// ---- end of query side -------------------------------------------------------------------------

export interface AppDependencies {
  eventStore: EventStore;
  /** Close the store on shutdown (false when a test passed a store it closes itself). */
  ownsEventStore: boolean;
  /** The customer registry, checkpoints and leases beside the store. */
  ledger: LedgerStores;
  ownsLedger: boolean;
}

@Module({})
export class AppModule {
  static register(config: AppConfig, instance: InstanceInfo, deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, instance),
        EventStoreModule.forRoot(deps.eventStore, deps.ownsEventStore),
        BusModule.forRoot(deps.ledger, deps.ownsLedger),
        HealthModule,
        EventsContractModule,
        ComplaintCommandsModule,
        ...QUERY_SIDE_MODULES,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
