export { ComplaintQueriesModule } from './complaint-queries.module';
export { CaseListService } from './case-list.service';
export { EVENT_STORE_TOKEN, CASE_LIST_STORE } from './tokens';
