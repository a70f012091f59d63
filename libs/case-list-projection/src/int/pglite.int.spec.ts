import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caseListIntegrationSuite } from './case-list.suite';

describe('case-list projection on PGlite (files)', () => {
  caseListIntegrationSuite(
    'pglite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'case-list-'));
      return {
        config: { kind: 'pglite', eventsDir: join(dir, 'events'), listDir: join(dir, 'projections') },
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
      // 2,000 cases by default: the PGlite event store appends ~100 whole cases/s under Jest, so
      // 10,000 cost ~110 s of setup. CASE_LIST_BIG_PGLITE=1 runs the full 10,000.
    },
    process.env['CASE_LIST_BIG_PGLITE'] === '1' ? 10_000 : 2_000,
  );
});
