// The case-list integration suite, run on PostgreSQL and on PGlite (see *.int.spec.ts).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stateName } from '@complaint-ledger/complaint-domain';
import { testOnlySwitch, type EventStore } from '@complaint-ledger/event-store';
import {
  CASE_LIST_PROJECTION,
  CaseListRunner,
  InMemoryCaseListStore,
  isBreachedAt,
  type CaseListFilter,
  type CaseListKey,
  type CaseListStore,
} from '../index';
import { appendCase, appendEventAt, generateCase, HOUR, T0, type GeneratedCase } from '../testing/lifecycles';
import { openCaseListStore, openEventStore, type EngineConfig } from './engines';

export interface EngineFixture {
  config: EngineConfig;
  cleanup(): Promise<void>;
}

/** Appends cases with at most `concurrency` appends in flight; `roundRobin` interleaves their events one by one. */
async function appendAll(
  store: EventStore,
  cases: GeneratedCase[],
  options: { concurrency?: number; roundRobin?: boolean } = {},
): Promise<void> {
  const concurrency = options.concurrency ?? 16;
  const runPool = async <T>(items: T[], work: (item: T) => Promise<unknown>) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < items.length) await work(items[next++]);
      }),
    );
  };
  if (!options.roundRobin) {
    await runPool(cases, (c) => appendCase(store, c, c.events.length));
    return;
  }
  const longest = Math.max(...cases.map((c) => c.events.length));
  for (let r = 0; r < longest; r++) {
    await runPool(
      cases.filter((c) => c.events.length > r),
      (c) => appendEventAt(store, c, r),
    );
  }
}

async function allPages(list: CaseListStore, filter: CaseListFilter, nowMs: number, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let after: CaseListKey | undefined;
  for (;;) {
    const page = await list.query({ ...filter, nowMs, limit, ...(after ? { after } : {}) });
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    after = page.next;
  }
}

function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) dir = dirname(dir);
  return dir;
}

interface ChildRun {
  commits: number;
  kill(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  onCommit(listener: (commits: number) => void): void;
}

function startChild(config: EngineConfig): ChildRun {
  const root = workspaceRoot();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'runner.child.ts')], {
    cwd: root,
    // The child is plain Node (PGlite needs no vm-modules flag there).
    env: { ...process.env, NODE_OPTIONS: '', CASE_LIST_CHILD: JSON.stringify(config), SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const listeners: ((n: number) => void)[] = [];
  const run: ChildRun = {
    commits: 0,
    kill: () => child.kill('SIGKILL'),
    exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr }))),
    onCommit: (l) => listeners.push(l),
  };
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  let partial = '';
  child.stdout?.on('data', (b: Buffer) => {
    const lines = (partial + b.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('commit ')) for (const l of listeners) l(++run.commits);
  });
  return run;
}

/** `bigCases`: size of the catch-up test (10,000; PGlite's appends alone take ~100 s for that many). */
export function caseListIntegrationSuite(engine: string, fixture: () => Promise<EngineFixture>, bigCases = 10_000): void {
  let current: EngineFixture | undefined;
  const open: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(x: T): T => (open.push(x), x);
  afterEach(async () => {
    for (const x of open.splice(0).reverse()) await x.close().catch(() => undefined);
    await current?.cleanup();
    current = undefined;
  });
  const setUp = async () => (current = await fixture()).config;

  it(`${engine}: the SQL list answers exactly like the in-memory reference (filters, breached at query time, keyset pages)`, async () => {
    const config = await setUp();
    const events = track(await openEventStore(config));
    const cases = Array.from({ length: 300 }, (_, i) => generateCase(5000 + i, { customerId: `cust-${i % 7}` }));
    await appendAll(events, cases);
    const sql = track(await openCaseListStore(config));
    const reference = new InMemoryCaseListStore();
    const runners = [new CaseListRunner(events, sql, { batchSize: 64 }), new CaseListRunner(events, reference)];
    for (const r of runners) await r.start();
    await Promise.all(runners.map((r) => r.caughtUp()));
    for (const r of runners) await r.stop();

    const ids = cases.map((c) => c.id);
    expect(await sql.getRows(ids)).toEqual(await reference.getRows(ids));
    const filters: CaseListFilter[] = [
      {},
      { state: 'classified' },
      { customerId: 'cust-3' },
      { category: 'delivery' },
      { urgency: 'urgent' },
      { breached: true },
      { breached: false },
      { state: 'implementing', breached: true },
      { customerId: 'cust-1', urgency: 'normal', breached: false },
    ];
    let nonEmpty = 0;
    for (const nowMs of [T0 + 300 * HOUR, T0 + 1200 * HOUR, T0 + 5000 * HOUR]) {
      for (const filter of filters) {
        const expected = await allPages(reference, filter, nowMs, 1000);
        if (expected.length > 0) nonEmpty++;
        expect({ filter, nowMs, ids: await allPages(sql, filter, nowMs, 7) }).toEqual({ filter, nowMs, ids: expected });
        expect(await sql.count({ ...filter, nowMs })).toBe(expected.length);
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
    // The breached filter moves with the clock alone: more cases are breached later, with no new event.
    expect(await sql.count({ breached: true, nowMs: T0 + 5000 * HOUR })).toBeGreaterThan(
      await sql.count({ breached: true, nowMs: T0 + 300 * HOUR }),
    );
  });

  it(`${engine}: a version bump rebuilds the list from the start`, async () => {
    const config = await setUp();
    const events = track(await openEventStore(config));
    const cases = Array.from({ length: 20 }, (_, i) => generateCase(700 + i));
    await appendAll(events, cases);
    const sql = track(await openCaseListStore(config));
    let runner = new CaseListRunner(events, sql);
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    runner = new CaseListRunner(events, sql, { version: CASE_LIST_PROJECTION.version + 1 });
    await runner.start();
    await runner.caughtUp();
    await runner.stop();
    expect(await sql.readCheckpoint()).toMatchObject({ version: CASE_LIST_PROJECTION.version + 1 });
    const rows = await sql.getRows(cases.map((c) => c.id));
    for (const c of cases) expect(rows.get(c.id)?.eventCount).toBe(c.events.length);
  });

  it(`${engine}: the checkpoint only moves forward within a version (a late commit by a deposed projector cannot rewind it)`, async () => {
    const config = await setUp();
    const sql = track(await openCaseListStore(config));
    await sql.migrate();
    const version = CASE_LIST_PROJECTION.version;
    await sql.commit([], { position: '00000000000000000500', version });
    await sql.commit([], { position: '00000000000000000300', version });
    expect(await sql.readCheckpoint()).toEqual({ position: '00000000000000000500', version });
    await sql.commit([], { position: '00000000000000000501', version });
    expect(await sql.readCheckpoint()).toEqual({ position: '00000000000000000501', version });
    // A rebuild for a new version starts over, and then moves forward again.
    await sql.reset(version + 1);
    expect(await sql.readCheckpoint()).toEqual({ position: 'start', version: version + 1 });
    await sql.commit([], { position: '00000000000000000007', version: version + 1 });
    expect(await sql.readCheckpoint()).toEqual({ position: '00000000000000000007', version: version + 1 });
  });

  // Exactly-once under SIGKILL. To see it fail, switch the protection off:
  //   CASE_LIST_UNSAFE=split-commit npx nx run case-list-projection:integration
  // (rows and checkpoint in two transactions 300 ms apart, no revision guard): a kill inside
  // that window makes the restarted runner apply a batch twice, and rows are double-counted
  // (eventCount > revision + 1).
  it(`${engine}: SIGKILL of the runner mid-stream, twice: after restart no row is lost or double-counted`, async () => {
    const config = await setUp();
    const cases = Array.from({ length: 1000 }, (_, i) => generateCase(9000 + i, { steps: 6 + (i % 10) }));
    const totalEvents = cases.reduce((n, c) => n + c.events.length, 0);
    {
      const events = await openEventStore(config);
      // Round robin: every ComplaintReceived comes first, then the cases' later events interleave.
      await appendAll(events, cases, { roundRobin: true, concurrency: 32 });
      await events.close();
    }
    const unsafe = testOnlySwitch('CASE_LIST_UNSAFE', process.env) === 'split-commit';
    const batches = Math.ceil(totalEvents / 100);
    const kills = [Math.ceil(batches / 3), Math.ceil(batches / 3)];
    let killed = 0;
    for (const after of kills) {
      const child = startChild(config);
      child.onCommit((n) => {
        // Safe mode: right after a commit. Unsafe mode: 150 ms later, inside the next batch's 300 ms window.
        if (n === after) setTimeout(() => child.kill(), unsafe ? 150 : 0);
      });
      const exit = await child.exited;
      expect(exit.signal).toBe('SIGKILL');
      killed++;
    }
    const last = startChild(config);
    const exit = await last.exited;
    expect({ code: exit.code, stderr: exit.stderr.slice(-2000) }).toEqual({ code: 0, stderr: '' });
    expect(killed).toBe(2);

    const sql = track(await openCaseListStore(config));
    const rows = await sql.getRows(cases.map((c) => c.id));
    const lost = cases.filter((c) => !rows.has(c.id)).length;
    const doubled = [...rows.values()].filter((r) => r.eventCount !== r.revision + 1).length;
    expect({ rows: rows.size, lost, doubled }).toEqual({ rows: cases.length, lost: 0, doubled: 0 });
    for (const c of cases) {
      expect(rows.get(c.id)).toMatchObject({ revision: c.events.length - 1, eventCount: c.events.length, state: stateName(c.state) });
    }
  });

  it(`${engine}: ${bigCases.toLocaleString('en')} cases: catch-up time, filtered and paginated lists`, async () => {
    const config = await setUp();
    const events = track(await openEventStore(config));
    const t0 = performance.now();
    const cases = Array.from({ length: bigCases }, (_, i) =>
      generateCase(20_000 + i, { customerId: `cust-${i % 500}`, steps: 4 + (i % 9) }),
    );
    const tGenerated = performance.now();
    await appendAll(events, cases, { concurrency: 32 });
    const tAppended = performance.now();
    const totalEvents = cases.reduce((n, c) => n + c.events.length, 0);

    const sql = track(await openCaseListStore(config));
    const runner = new CaseListRunner(events, sql, { batchSize: 1000 });
    const tStart = performance.now();
    await runner.start();
    await runner.caughtUp();
    const catchUpMs = performance.now() - tStart;
    await runner.stop();

    const nowMs = T0 + 2000 * HOUR;
    expect(await sql.count({ nowMs })).toBe(bigCases);
    const classified = cases.filter((c) => stateName(c.state) === 'classified').map((c) => c.id);
    const pagedClassified = await allPages(sql, { state: 'classified' }, nowMs, 500);
    expect(new Set(pagedClassified)).toEqual(new Set(classified));
    expect(pagedClassified.length).toBe(classified.length);
    const rows = await sql.getRows(cases.map((c) => c.id));
    const breachedExpected = [...rows.values()].filter((r) => isBreachedAt(r, nowMs)).length;
    expect(await sql.count({ breached: true, nowMs })).toBe(breachedExpected);

    // List latency: first page (50) for typical filters, and a deep page, each run 20 times.
    const time = async (label: string, run: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < 20; i++) {
        const s = performance.now();
        await run();
        samples.push(performance.now() - s);
      }
      samples.sort((a, b) => a - b);
      return { label, p50Ms: +samples[10].toFixed(2), maxMs: +samples[19].toFixed(2) };
    };
    const page10 = (await sql.query({ nowMs, limit: 500 })).next as CaseListKey;
    const latency = [
      await time('all, limit 50', () => sql.query({ nowMs, limit: 50 })),
      await time('state=classified, limit 50', () => sql.query({ state: 'classified', nowMs, limit: 50 })),
      await time('customerId, limit 50', () => sql.query({ customerId: 'cust-42', nowMs, limit: 50 })),
      await time('breached=true&urgency=urgent, limit 50', () => sql.query({ breached: true, urgency: 'urgent', nowMs, limit: 50 })),
      await time('all, limit 500 after a cursor', () => sql.query({ nowMs, limit: 500, after: page10 })),
    ];
    const figures = {
      engine,
      cases: bigCases,
      events: totalEvents,
      generateSeconds: +((tGenerated - t0) / 1000).toFixed(2),
      appendSeconds: +((tAppended - tGenerated) / 1000).toFixed(2),
      catchUpSeconds: +(catchUpMs / 1000).toFixed(2),
      catchUpEventsPerSecond: Math.round(totalEvents / (catchUpMs / 1000)),
      latency,
    };
    process.stdout.write(`case-list figures ${JSON.stringify(figures)}\n`);
  });
}
