import { Module } from '@nestjs/common';
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
      useFactory: (dataDir: DataDirHealthIndicator): HealthIndicator[] => [dataDir],
      inject: [DataDirHealthIndicator],
    },
    HealthService,
  ],
})
export class HealthModule {}
