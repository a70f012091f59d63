import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testOnlySwitch } from '@complaint-ledger/event-store';
import { eventStoreConformance } from '@complaint-ledger/event-store-conformance';
import { openPgliteEventStore } from './pglite-event-store';

const root = mkdtempSync(join(tmpdir(), 'pglite-conformance-'));
let opened = 0;
const volatile = testOnlySwitch('EVENT_STORE_UNSAFE', process.env) === 'volatile';
afterAll(() => rmSync(root, { recursive: true, force: true }));

eventStoreConformance('PGlite (file-backed)', () => openPgliteEventStore({ dataDir: join(root, `store-${opened++}`) }), {
  rejectsReusedEventIds: true,
  // EVENT_STORE_UNSAFE=volatile: keep the data in memory, to see the durability case fail.
  durability: (workDir) => ({
    modulePath: join(__dirname, 'conformance-recipe.ts'),
    exportName: 'openForConformance',
    config: { dataDir: volatile ? 'memory://' : join(workDir, 'pglite') },
  }),
});
