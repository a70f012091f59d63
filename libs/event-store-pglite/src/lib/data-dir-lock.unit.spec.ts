import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';

describe('PGlite data directory lock', () => {
  it('refuses a directory held by a live process and takes over a stale lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lock-'));
    writeFileSync(join(dir, 'complaint-ledger.lock'), String(process.ppid)); // alive: our parent
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
    writeFileSync(join(dir, 'complaint-ledger.lock'), '999999999'); // no such process
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'complaint-ledger.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(() => readFileSync(join(dir, 'complaint-ledger.lock'))).toThrow();
  });
});
