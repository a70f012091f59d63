import { Module } from '@nestjs/common';
import { ComplaintCommandService } from '@complaint-ledger/complaint-application';
import type { EventStore } from '@complaint-ledger/event-store';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig, LedgerStores } from '@complaint-ledger/runtime';
import { LEDGER_STORES } from '../../bus/bus.module';
import { EVENT_STORE } from '../../event-store/event-store.module';
import { COMMAND_SERVICE, ComplaintCommandsController } from './complaint-commands.controller';

@Module({
  controllers: [ComplaintCommandsController],
  providers: [
    {
      provide: COMMAND_SERVICE,
      useFactory: (store: EventStore, config: AppConfig, ledger: LedgerStores) =>
        new ComplaintCommandService(store, {
          maxRetries: config.commandRetries,
          registry: ledger.registry,
          // COMMANDS_UNSAFE=any-revision (see the race e2e test), validated by the configuration:
          // appends without the exact expected revision. Refused at start-up unless NODE_ENV=test.
          unsafeAppendAnyRevision: config.testOnly?.commandsAnyRevision === true,
        }),
      inject: [EVENT_STORE, APP_CONFIG, LEDGER_STORES],
    },
  ],
  exports: [COMMAND_SERVICE],
})
export class ComplaintCommandsModule {}
