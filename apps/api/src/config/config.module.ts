import { DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from '@complaint-ledger/runtime';
import type { InstanceInfo } from '../instance/instance';

/** DI tokens for values resolved before Nest starts (config parsing and the data dir come first). */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const INSTANCE_INFO = Symbol('INSTANCE_INFO');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, instance: InstanceInfo): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: INSTANCE_INFO, useValue: instance },
      ],
      exports: [APP_CONFIG, INSTANCE_INFO],
    };
  }
}
