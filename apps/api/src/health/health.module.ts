import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { BusHealthIndicator } from '../bus/bus.module';
import { EventStoreHealthIndicator } from '../event-store/event-store.module';
import { DataDirHealthIndicator } from './data-dir.health';
import { HEALTH_INDICATORS, type HealthIndicator } from './health-indicator';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  // Terminus logs failed checks itself; our JSON logger already records the 503.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [
    DataDirHealthIndicator,
    {
      provide: HEALTH_INDICATORS,
      useFactory: (dataDir: DataDirHealthIndicator, eventStore: EventStoreHealthIndicator, bus?: BusHealthIndicator): HealthIndicator[] => [
        dataDir,
        eventStore,
        ...(bus ? [bus] : []),
      ],
      inject: [DataDirHealthIndicator, EventStoreHealthIndicator, { token: BusHealthIndicator, optional: true }],
    },
    HealthService,
  ],
})
export class HealthModule {}
