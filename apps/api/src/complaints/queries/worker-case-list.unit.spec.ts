import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaitForTimeoutError } from '@complaint-ledger/case-list-projection';
import type { CaseListWorkerData } from './case-list-worker-protocol';
import { WorkerCaseList } from './worker-case-list';

// Stand-in worker scripts (plain JS): they speak the protocol and nothing else, so these tests
// pin the main thread's side: position tracking, start failures, respawn, stop.
const dir = mkdtempSync(join(tmpdir(), 'worker-case-list-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const path = join(dir, `${name}.js`);
  writeFileSync(
    path,
    `const { parentPort, workerData } = require('node:worker_threads');\nconst post = (m) => parentPort.postMessage(m);\n${body}`,
  );
  return path;
}

const DATA: CaseListWorkerData = {
  url: 'postgres://unused',
  projectionsSchema: 'p',
  batchSize: 10,
  followEveryMs: 50,
  takeOverEveryMs: 2000,
};
const P = (n: number) => String(n).padStart(20, '0');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts each message of `workerData.script` in order, then waits for stop. */
const SCRIPTED = script(
  'scripted',
  `(async () => {
     for (const m of workerData.script) { post(m); await new Promise((r) => setTimeout(r, 20)); }
   })();
   parentPort.on('message', (m) => { if (m.type === 'stop') { post({ type: 'stopped', position: 'start' }); parentPort.close(); } });`,
);

describe('WorkerCaseList (main-thread side of the case-list worker)', () => {
  it('moves its position forward only; a reset (rebuild) starts it over', async () => {
    const messages = [
      { type: 'started', position: P(10), role: 'standby' },
      { type: 'position', position: P(50) },
      { type: 'role', role: 'standby', position: P(20) }, // a stale report after a step-down
      { type: 'reset' },
      { type: 'commit', events: 1, rows: 1, position: P(3), seconds: 0 },
    ];
    const list = new WorkerCaseList(SCRIPTED, { ...DATA, script: messages } as CaseListWorkerData);
    const seen: string[] = [];
    try {
      await list.start();
      const deadline = Date.now() + 2_000;
      while (Date.now() < deadline && list.position !== P(3)) {
        if (seen.at(-1) !== list.position) seen.push(list.position);
        await sleep(2);
      }
      if (seen.at(-1) !== list.position) seen.push(list.position);
      // 10, then 50; the stale 20 never shows; the reset (maybe seen as 'start') and the commit give 3.
      expect(seen.filter((p) => p !== 'start')).toEqual([P(10), P(50), P(3)]);
    } finally {
      await list.stop();
    }
  });

  it('waitFor times out with WaitForTimeoutError naming where the list is', async () => {
    const list = new WorkerCaseList(SCRIPTED, {
      ...DATA,
      script: [{ type: 'started', position: P(5), role: 'leader' }],
    } as CaseListWorkerData);
    try {
      await list.start();
      await expect(list.waitFor(P(6), 100)).rejects.toEqual(new WaitForTimeoutError(P(6), P(5)));
    } finally {
      await list.stop();
    }
  });

  it('a worker that cannot start rejects start() and is not left running', async () => {
    const failing = script('failing', `post({ type: 'failed', message: 'database unreachable' }); setInterval(() => {}, 1000);`);
    const list = new WorkerCaseList(failing, DATA);
    try {
      await expect(list.start()).rejects.toThrow('case-list worker could not start: database unreachable');
    } finally {
      await list.stop();
    }
  });

  it('a worker that dies is started again, and resumes reporting', async () => {
    const counter = join(dir, 'starts.txt');
    writeFileSync(counter, '0');
    const dying = script(
      'dying',
      `const fs = require('node:fs');
       const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
       fs.writeFileSync(${JSON.stringify(counter)}, String(n));
       post({ type: 'started', position: '${P(1)}'.slice(0, -1) + n, role: 'leader' });
       if (n === 1) setTimeout(() => process.exit(3), 30);
       parentPort.on('message', (m) => { if (m.type === 'stop') parentPort.close(); });`,
    );
    const errors: string[] = [];
    const list = new WorkerCaseList(dying, DATA, { onError: (m) => errors.push(m) });
    try {
      await list.start();
      await list.waitFor(P(2), 3_000); // the second thread's report
      expect(errors).toContain('case-list worker exited (3); starting it again in 1000 ms');
    } finally {
      await list.stop();
    }
  });
});
