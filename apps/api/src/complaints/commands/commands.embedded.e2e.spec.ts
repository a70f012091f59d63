// Command API e2e on the embedded store (PGlite in a temporary COMPLAINTS_DATA_DIR).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandSuite, limitsSuite, type StoreUnderTest } from './e2e/command-suite';
import { assertBuilt } from './e2e/harness';

const dirs: string[] = [];
const embedded: StoreUnderTest = {
  interleaves: false,
  async env(fresh) {
    if (fresh || dirs.length === 0) dirs.push(await mkdtemp(join(tmpdir(), 'api-commands-e2e-')));
    return { COMPLAINTS_DATA_DIR: dirs[dirs.length - 1] };
  },
};

beforeAll(assertBuilt);
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('command API e2e — embedded store', () => {
  commandSuite(embedded);
  describe('limits', () => limitsSuite(embedded));
});
