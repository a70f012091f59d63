import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import type { InstanceInfo } from './instance/instance';

@Module({})
export class AppModule {
  static register(config: AppConfig, instance: InstanceInfo): DynamicModule {
    return { module: AppModule, imports: [ConfigModule.forRoot(config, instance), HealthModule] };
  }
}
