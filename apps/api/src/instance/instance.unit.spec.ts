import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StartupError } from '@complaint-ledger/runtime';
import { INSTANCE_FILE, prepareDataDir } from './instance';

describe('prepareDataDir', () => {
  let root: string;
  beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'api-instance-'))));
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('creates a missing directory (recursively) and a durable instance marker', async () => {
    const dir = join(root, 'a', 'b');
    const info = await prepareDataDir(dir);
    expect(info).toEqual({ instanceId: expect.any(String), createdAt: expect.any(String), dataDir: dir, created: true });
    expect(JSON.parse(await readFile(join(dir, INSTANCE_FILE), 'utf8'))).toEqual({
      instanceId: info.instanceId,
      createdAt: info.createdAt,
    });
    expect(await readdir(dir)).toEqual([INSTANCE_FILE]); // no temp files left
  });

  it('keeps the same identity on later starts', async () => {
    const first = await prepareDataDir(root);
    const second = await prepareDataDir(root);
    expect(second).toEqual({ ...first, created: false });
  });

  it('gives concurrent first starts one identity', async () => {
    const results = await Promise.all([1, 2, 3, 4].map(() => prepareDataDir(root)));
    expect(new Set(results.map((r) => r.instanceId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('refuses (and does not overwrite) a damaged marker, naming COMPLAINTS_DATA_DIR', async () => {
    await writeFile(join(root, INSTANCE_FILE), '{"half":');
    await expect(prepareDataDir(root)).rejects.toThrow(StartupError);
    await expect(prepareDataDir(root)).rejects.toThrow(/^COMPLAINTS_DATA_DIR: .*not a valid instance marker/);
    expect(await readFile(join(root, INSTANCE_FILE), 'utf8')).toBe('{"half":');
  });

  it('fails with COMPLAINTS_DATA_DIR when the path is a file', async () => {
    const file = join(root, 'file');
    await writeFile(file, '');
    await expect(prepareDataDir(file)).rejects.toThrow(/^COMPLAINTS_DATA_DIR: cannot use data directory/);
  });
});
