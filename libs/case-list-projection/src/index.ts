// The case-list projection: a pure, versioned fold of complaint events into list rows, a
// storage port with an in-memory and a SQL (PostgreSQL / PGlite) implementation, and the
// runner that keeps it fed from the event store's subscription, exactly once.
export { CASE_LIST_PROJECTION, isBreachedAt, type CaseListRow, type CaseListState } from './lib/case-list-row';
export { project, ProjectionError, type EventPlace } from './lib/project';
export {
  compareKeysDesc,
  type CaseListCheckpoint,
  type CaseListFilter,
  type CaseListKey,
  type CaseListPage,
  type CaseListQuery,
  type CaseListStore,
} from './lib/case-list-store';
export { encodeCursor, decodeCursor } from './lib/cursor';
export { InMemoryCaseListStore } from './lib/in-memory-case-list-store';
export { SqlCaseListStore, type SqlCaseListStoreOptions } from './lib/sql/sql-case-list-store';
export { CaseListRunner, WaitForTimeoutError, type CaseListRunnerOptions } from './lib/runner';
