import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@complaint-ledger/runtime';
import { DataDirHealthIndicator } from './data-dir.health';
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import { HEALTH_INDICATORS, type HealthIndicator } from './health-indicator';
import { HEALTH_CHECK_TIMEOUT_MS, HealthService } from './health.service';

const config = (dataDir: string): AppConfig => ({
  port: 3000,
  host: '127.0.0.1',
  dataDir,
  eventStore: { kind: 'embedded' },
  logLevel: 'info',
  auth: {},
  limits: { bodyLimitBytes: 1_048_576, rateLimitMax: 0, rateLimitWindowMs: 60_000 },
  commandRetries: 5,
  caseListWorker: true,
  bus: { kind: 'none' },
});

describe('DataDirHealthIndicator', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'api-health-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is ok for a writable directory and leaves no probe file behind', async () => {
    const result = await new DataDirHealthIndicator(config(dir)).check();
    expect(result).toEqual({ status: 'ok', path: dir });
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails with the error code when the path is not a directory', async () => {
    const file = join(dir, 'not-a-dir');
    await writeFile(file, 'x');
    const result = await new DataDirHealthIndicator(config(file)).check();
    expect(result).toEqual({ status: 'error', path: file, error: expect.stringMatching(/^ENOTDIR/) });
  });

  it('fails when the directory is gone', async () => {
    const gone = join(dir, 'gone');
    expect((await new DataDirHealthIndicator(config(gone)).check()).status).toBe('error');
  });
});

describe('HealthService (Terminus)', () => {
  const indicator = (name: string, check: HealthIndicator['check']): HealthIndicator => ({ name, check });
  const service = async (indicators: HealthIndicator[]) => {
    const moduleRef = await Test.createTestingModule({
      imports: [TerminusModule.forRoot({ logger: false })],
      providers: [HealthService, { provide: HEALTH_INDICATORS, useValue: indicators }],
    }).compile();
    return moduleRef.get(HealthService);
  };

  it('is ok when every check is ok', async () => {
    const s = await service([indicator('a', async () => ({ status: 'ok' })), indicator('b', async () => ({ status: 'ok', x: 1 }))]);
    expect(await s.check()).toEqual({
      status: 'ok',
      info: { a: { status: 'up' }, b: { status: 'up', x: 1 } },
      error: {},
      details: { a: { status: 'up' }, b: { status: 'up', x: 1 } },
    });
  });

  it('is error when any check fails, and reports a throwing check as down', async () => {
    const s = await service([
      indicator('a', async () => ({ status: 'ok' })),
      indicator('b', async () => {
        throw Object.assign(new Error('disk gone'), { code: 'EIO' });
      }),
    ]);
    expect(await s.check()).toEqual({
      status: 'error',
      info: { a: { status: 'up' } },
      error: { b: { status: 'down', error: 'EIO: disk gone' } },
      details: { a: { status: 'up' }, b: { status: 'down', error: 'EIO: disk gone' } },
    });
  });

  it('fails a check that hangs', async () => {
    const s = await service([indicator('stuck', () => new Promise(() => undefined))]);
    jest.useFakeTimers();
    try {
      const report = s.check();
      await jest.advanceTimersByTimeAsync(HEALTH_CHECK_TIMEOUT_MS);
      expect(await report).toMatchObject({
        status: 'error',
        error: { stuck: { status: 'down', error: expect.stringContaining('timed out') } },
      });
    } finally {
      jest.useRealTimers();
    }
  });
});
