import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreConformance } from '@complaint-ledger/event-store-conformance';
import { openPgliteEventStore } from './pglite-event-store';

const root = mkdtempSync(join(tmpdir(), 'pglite-conformance-'));
let opened = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

eventStoreConformance('PGlite (file-backed)', () => openPgliteEventStore({ dataDir: join(root, `store-${opened++}`) }), {
  rejectsReusedEventIds: true,
  // EVENT_STORE_UNSAFE=volatile: keep the data in memory, to see the durability case fail.
  durability: (workDir) => ({
    modulePath: join(__dirname, 'conformance-recipe.ts'),
    exportName: 'openForConformance',
    config: { dataDir: process.env['EVENT_STORE_UNSAFE'] === 'volatile' ? 'memory://' : join(workDir, 'pglite') },
  }),
});
