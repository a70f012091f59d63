import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '@complaint-ledger/runtime';
import { CaseListService } from './case-list.service';
import { ComplaintQueriesController } from './complaint-queries.controller';
import { openCaseListStore } from './open-case-list-store';
import { CASE_LIST_STORE } from './tokens';

/**
 * GET /complaints/:id and GET /complaints, and the case-list projection behind the list.
 * Needs the event store under Symbol.for('complaint-ledger.event-store') and APP_CONFIG (both global).
 */
@Module({
  controllers: [ComplaintQueriesController],
  providers: [
    { provide: CASE_LIST_STORE, useFactory: (config: AppConfig) => openCaseListStore(config), inject: [APP_CONFIG] },
    CaseListService,
  ],
  exports: [CaseListService],
})
export class ComplaintQueriesModule {}
