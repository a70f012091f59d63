import { Module } from '@nestjs/common';
import { EventStoreHealthIndicator } from '../event-store/event-store.module';
import { DataDirHealthIndicator } from './data-dir.health';
import { HEALTH_INDICATORS, type HealthIndicator } from './health-indicator';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  controllers: [HealthController],
  providers: [
    DataDirHealthIndicator,
    {
      provide: HEALTH_INDICATORS,
      useFactory: (dataDir: DataDirHealthIndicator, eventStore: EventStoreHealthIndicator): HealthIndicator[] => [dataDir, eventStore],
      inject: [DataDirHealthIndicator, EventStoreHealthIndicator],
    },
    HealthService,
  ],
})
export class HealthModule {}
