import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
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
      useFactory: (dataDir: DataDirHealthIndicator, eventStore: EventStoreHealthIndicator): HealthIndicator[] => [dataDir, eventStore],
      inject: [DataDirHealthIndicator, EventStoreHealthIndicator],
    },
    HealthService,
  ],
})
export class HealthModule {}
