/**
 * HTTP benchmark: a mixed complaint-lifecycle workload against the real, built app on PostgreSQL,
 * beside a bare Fastify route doing the same store append (bare-server.ts), in the same run.
 * Prints one JSON object on stdout (progress on stderr): commands/s, p50/p99 latency, the ratio to
 * the bare route, and GET /complaints latency over the cases the run created.
 *
 *   eval "$(bash infra/local/up.sh)"          # PostgreSQL (TEST_DATABASE_URL)
 *   npx nx run api:build                      # the bench runs dist/apps/api/main.js
 *   flock -o /tmp/complaint-ledger-engines.lock \
 *     env SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/bench/http/bench.ts
 *
 * Env: BENCH_DATABASE_URL (else TEST_DATABASE_URL), BENCH_CONNECTIONS (32), BENCH_SECONDS (10),
 * BENCH_WARMUP_SECONDS (5: JIT and pools warm), BENCH_ROUNDS (3: app and bare route alternate, medians reported). Each run uses fresh schemas and drops them at the end.
 * BENCH_BASELINE_MAIN: another build of the app (e.g. the commit before a change, built in a git
 * worktree) that runs in every round right after this one, on its own schema, so a change is
 * measured against its predecessor on the same machine in the same run (`baseline`, `ratioToBaseline`).
 * Workload per virtual user, repeated: create, acknowledge, classify, propose, (10%: reject and
 * propose again), accept, (10%: progress note), complete, feedback (satisfied), evaluate; 5% of
 * cases are escalated once. Every request carries a JWT (role supervisor) and is validated,
 * decided and appended by the app exactly as in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';

const ROOT = resolve(__dirname, '../../..');
const MAIN_JS = join(ROOT, 'dist/apps/api/main.js');
const log = (message: string) => process.stderr.write(`bench:http ${message}\n`);

const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 5);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

// ---------------------------------------------------------------------------------------------
// plumbing

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

function jwt(secret: string, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

interface Response {
  status: number;
  body: string;
}

function client(port: number, headers: Record<string, string>) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS + 4 });
  const send = (method: string, path: string, body?: unknown): Promise<Response> =>
    new Promise((done, fail) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            ...headers,
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', fail);
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

function startProcess(args: string[], env: Record<string, string>): { child: ChildProcess; stderr: () => string } {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-8000)));
  return { child, stderr: () => stderr };
}

async function waitHealthy(port: number, proc: { child: ChildProcess; stderr: () => string }, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  const c = client(port, {});
  try {
    while (Date.now() < deadline) {
      if (proc.child.exitCode !== null) throw new Error(`${what} exited (${proc.child.exitCode}):\n${proc.stderr()}`);
      try {
        if ((await c.send('GET', '/health')).status === 200) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${what} not healthy within 60 s:\n${proc.stderr()}`);
  } finally {
    c.close();
  }
}

async function stopProcess(proc: { child: ChildProcess }): Promise<void> {
  if (proc.child.exitCode !== null) return;
  const exited = new Promise((r) => proc.child.once('exit', r));
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// CPU accounting (Linux /proc): on 2 shared cores the load generator, the server and PostgreSQL
// compete, so commands/s alone hides who spent the CPU. CPU ms per command does not.

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every mainstream Linux build

function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND; // utime + stime
  } catch {
    return 0; // exited meanwhile
  }
}

function postgresCpuMs(): number {
  let sum = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') sum += processCpuMs(Number(entry));
    } catch {
      // gone
    }
  }
  return sum;
}

function machineBusyMs(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4]; // idle + iowait
  return ((ticks.reduce((a, b) => a + b, 0) - idle) * 1000) / CLOCK_TICKS_PER_SECOND;
}

interface CpuSample {
  server: number;
  loadGenerator: number;
  postgres: number;
  machine: number;
}

function cpuSample(serverPid: number | undefined): CpuSample | undefined {
  if (!existsSync('/proc/stat') || serverPid === undefined) return undefined;
  const self = process.cpuUsage();
  return {
    server: processCpuMs(serverPid),
    loadGenerator: (self.user + self.system) / 1000,
    postgres: postgresCpuMs(),
    machine: machineBusyMs(),
  };
}

/** CPU milliseconds per successful command, by process, between two samples. */
function cpuPerCommand(from: CpuSample | undefined, to: CpuSample | undefined, commands: number) {
  if (!from || !to || commands === 0) return undefined;
  const per = (key: keyof CpuSample) => +((to[key] - from[key]) / commands).toFixed(3);
  return { server: per('server'), postgres: per('postgres'), loadGenerator: per('loadGenerator'), machine: per('machine') };
}

// ---------------------------------------------------------------------------------------------
// load

interface Recorder {
  latenciesMs: number[];
  statuses: Record<string, number>;
  commands: number;
  recording: boolean;
}

async function timed(rec: Recorder, run: () => Promise<Response>, expected = 201): Promise<Response> {
  const started = performance.now();
  const res = await run();
  if (rec.recording) {
    rec.latenciesMs.push(performance.now() - started);
    rec.statuses[res.status] = (rec.statuses[res.status] ?? 0) + 1;
    if (res.status === expected) rec.commands++;
  }
  if (res.status !== expected) throw new Error(`HTTP ${res.status}: ${res.body.slice(0, 300)}`);
  return res;
}

/** One lifecycle as a list of steps; `step(i)` sends the i-th command of the case. */
type Lifecycle = { steps: (string | [string, unknown])[] };

function lifecycle(rnd: () => number): Lifecycle {
  const steps: (string | [string, unknown])[] = [
    ['acknowledge', { message: 'We are on it' }],
    ['classify', { category: 'product_quality', urgency: 'general', rootCause: { code: 'design_defect' }, team: 'repairs', agent: 'ann' }],
    ['solutions', { remedy: 'repair', description: 'Free on-site repair within 24 h', amount: { value: 0, currency: 'EUR' } }],
  ];
  if (rnd() < 0.1)
    steps.push(['solutions/reject', { reason: 'wants a replacement' }], ['solutions', { remedy: 'exchange', description: 'New unit' }]);
  if (rnd() < 0.05) steps.splice(1, 0, ['escalate', { reason: 'customer called twice' }]);
  steps.push(['solutions/accept', { note: 'ok' }]);
  if (rnd() < 0.1) steps.push(['implementation/progress', { note: 'technician booked' }]);
  steps.push(
    ['implementation/complete', { outcome: 'pump replaced' }],
    ['feedback', { method: 'phone', satisfaction: 5, resolved: true }],
    ['evaluate', { rootCause: { code: 'design_defect', whyChain: ['seal fails', 'seal spec too thin'] } }],
  );
  return { steps };
}

const CREATE = {
  customerId: 'cust-bench',
  channel: 'phone',
  description: 'Washing machine leaks again',
  urgency: 'normal',
  customer: { name: 'Bench', email: 'bench@example.com' },
};

/** The app: every step is a real command. */
async function appUser(send: ReturnType<typeof client>['send'], rec: Recorder, stopAt: number, seed: number): Promise<void> {
  let n = seed;
  const rnd = () => (n = (n * 1103515245 + 12345) % 2147483648) / 2147483648;
  while (performance.now() < stopAt) {
    const created = await timed(rec, () => send('POST', '/complaints', CREATE));
    const id = (JSON.parse(created.body) as { id: string }).id;
    for (const step of lifecycle(rnd).steps) {
      if (performance.now() >= stopAt) return;
      const [path, body] = typeof step === 'string' ? [step, {}] : step;
      await timed(rec, () => send('POST', `/complaints/${id}/${path}`, body));
    }
  }
}

/** The baseline: the same number of appends per case, same payload sizes, straight to the store. */
async function bareUser(send: ReturnType<typeof client>['send'], rec: Recorder, stopAt: number, seed: number): Promise<void> {
  let n = seed;
  const rnd = () => (n = (n * 1103515245 + 12345) % 2147483648) / 2147483648;
  while (performance.now() < stopAt) {
    const id = randomUUID();
    let revision = -1;
    const steps: [string, unknown][] = [
      [
        'ComplaintReceived',
        {
          ...CREATE,
          sla: { policyVersion: 'default-2026-11', urgency: 'normal', acknowledgeWithinMs: 86_400_000, resolveWithinMs: 604_800_000 },
        },
      ],
      ...lifecycle(rnd).steps.map((s) => (typeof s === 'string' ? [s, {}] : s) as [string, unknown]),
    ];
    for (const [type, data] of steps) {
      if (performance.now() >= stopAt) return;
      const res = await timed(rec, () => send('POST', `/bare/${id}`, { revision, type, data }));
      revision = (JSON.parse(res.body) as { revision: number }).revision;
    }
  }
}

async function drive(name: string, serverPid: number | undefined, user: (stopAt: number, seed: number, rec: Recorder) => Promise<void>) {
  const rec: Recorder = { latenciesMs: [], statuses: {}, commands: 0, recording: false };
  const start = performance.now();
  const warmEnd = start + WARMUP_SECONDS * 1000;
  const stopAt = warmEnd + SECONDS * 1000;
  let cpuFrom: CpuSample | undefined;
  setTimeout(() => {
    rec.recording = true;
    cpuFrom = cpuSample(serverPid);
  }, WARMUP_SECONDS * 1000);
  const errors: string[] = [];
  log(`${name}: ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up + ${SECONDS} s`);
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, i) => {
      while (performance.now() < stopAt) {
        try {
          await user(stopAt, 1000 + i * 7919 + errors.length, rec);
        } catch (error) {
          errors.push(error instanceof Error ? error.message : String(error));
          if (errors.length > 50) throw new Error(`${name}: too many errors, first: ${errors[0]}`);
        }
      }
    }),
  );
  const cpuTo = cpuSample(serverPid);
  const measuredSeconds = (performance.now() - warmEnd) / 1000;
  const sorted = rec.latenciesMs.sort((a, b) => a - b);
  const q = (p: number) => +(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN).toFixed(2);
  return {
    commandsPerSecond: Math.round(rec.commands / measuredSeconds),
    requests: sorted.length,
    p50Ms: q(0.5),
    p90Ms: q(0.9),
    p99Ms: q(0.99),
    maxMs: +(sorted.at(-1) ?? NaN).toFixed(2),
    statuses: rec.statuses,
    errors: errors.length,
    ...(errors.length ? { firstError: errors[0] } : {}),
    cpuMsPerCommand: cpuPerCommand(cpuFrom, cpuTo, rec.commands),
  };
}

type Figures = Awaited<ReturnType<typeof drive>>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : +((sorted[mid - 1] + sorted[mid]) / 2).toFixed(2);
}

/** Medians over rounds (the worst p99 beside them), CPU per command of the median round. */
function summarise(figures: Figures[]) {
  const byThroughput = [...figures].sort((a, b) => a.commandsPerSecond - b.commandsPerSecond);
  return {
    commandsPerSecond: median(figures.map((f) => f.commandsPerSecond)),
    p50Ms: median(figures.map((f) => f.p50Ms)),
    p99Ms: median(figures.map((f) => f.p99Ms)),
    worstP99Ms: Math.max(...figures.map((f) => f.p99Ms)),
    requests: figures.reduce((sum, f) => sum + f.requests, 0),
    statuses: figures.reduce<Record<string, number>>((sum, f) => {
      for (const [status, n] of Object.entries(f.statuses)) sum[status] = (sum[status] ?? 0) + n;
      return sum;
    }, {}),
    errors: figures.reduce((sum, f) => sum + f.errors, 0),
    cpuMsPerCommand: byThroughput[Math.floor(byThroughput.length / 2)].cpuMsPerCommand,
  };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<Record<string, unknown>> {
  const baseUrl = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
  if (!baseUrl) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL (eval "$(bash infra/local/up.sh)")');
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run \`npx nx run api:build\` first`);

  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const appSchema = `bench_http_${suffix}`;
  const bareSchema = `bench_bare_${suffix}`;
  const baselineMain = process.env['BENCH_BASELINE_MAIN'];
  if (baselineMain !== undefined && !existsSync(baselineMain)) throw new Error(`BENCH_BASELINE_MAIN ${baselineMain} does not exist`);
  const baselineSchema = `bench_base_${suffix}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-http-'));
  const procs: { child: ChildProcess }[] = [];
  try {
    for (const s of [appSchema, bareSchema, ...(baselineMain ? [baselineSchema] : [])]) await admin.query(`CREATE SCHEMA "${s}"`);

    const secret = randomBytes(48).toString('hex');
    // BENCH_APP_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the app under load.
    const appNodeArgs = (process.env['BENCH_APP_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
    let listLatency: { requests: number; p50Ms: number; p99Ms: number } | undefined;

    /** The app, built, on PostgreSQL: a fresh process per round, over the same (growing) schema. */
    const appRound = async (mainJs = MAIN_JS, schema = appSchema) => {
      const appPort = await freePort();
      const app = startProcess([...appNodeArgs, mainJs], {
        PORT: String(appPort),
        HOST: '127.0.0.1',
        COMPLAINTS_DATA_DIR: join(dataDir, schema),
        EVENT_STORE: 'postgres',
        EVENT_STORE_URL: baseUrl,
        EVENT_STORE_SCHEMA: schema,
        AUTH_JWT_SECRET: secret,
        RATE_LIMIT_MAX: '1000000000',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
      });
      procs.push(app);
      await waitHealthy(appPort, app, 'app');
      const token = jwt(secret, {
        sub: 'bench',
        roles: ['supervisor'],
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 3600,
      });
      const appClient = client(appPort, { authorization: `Bearer ${token}` });
      const figures = await drive('app', app.child.pid, (stopAt, seed, rec) => appUser(appClient.send, rec, stopAt, seed));
      // List latency over HTTP, over the cases the runs created (first page and a filtered page).
      const listRec: Recorder = { latenciesMs: [], statuses: {}, commands: 0, recording: true };
      for (let i = 0; i < 50; i++)
        await timed(
          listRec,
          () => appClient.send('GET', i % 2 ? '/complaints?limit=50' : '/complaints?state=closed&breached=false&limit=50'),
          200,
        );
      const sortedList = listRec.latenciesMs.sort((a, b) => a - b);
      listLatency = { requests: sortedList.length, p50Ms: +sortedList[25].toFixed(2), p99Ms: +(sortedList.at(-1) as number).toFixed(2) };
      appClient.close();
      await stopProcess(app);
      return figures;
    };

    /** The bare route, same workload shape and concurrency. */
    const bareRound = async () => {
      const barePort = await freePort();
      const bare = startProcess(['-r', '@swc-node/register', join(__dirname, 'bare-server.ts')], {
        BARE_PORT: String(barePort),
        BARE_DATABASE_URL: baseUrl,
        BARE_SCHEMA: bareSchema,
        SWC_NODE_PROJECT: join(ROOT, 'tsconfig.base.json'),
        NODE_ENV: 'production',
      });
      procs.push(bare);
      await waitHealthy(barePort, bare, 'bare route');
      const bareClient = client(barePort, {});
      const figures = await drive('bare', bare.child.pid, (stopAt, seed, rec) => bareUser(bareClient.send, rec, stopAt, seed));
      bareClient.close();
      await stopProcess(bare);
      return figures;
    };

    // Rounds alternate app and bare route, so a slow spell of the shared machine hits both; the
    // figures compared are the medians over rounds.
    const rounds: { app: Figures; bareRoute: Figures; ratio: number; baseline?: Figures }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round} of ${ROUNDS}`);
      // The baseline build goes first in even rounds, so neither always runs right after the other.
      const baselineFirst = baselineMain !== undefined && round % 2 === 0;
      const early = baselineFirst ? await appRound(baselineMain, baselineSchema) : undefined;
      const appFigures = await appRound();
      const baselineFigures = baselineFirst ? early : baselineMain ? await appRound(baselineMain, baselineSchema) : undefined;
      const bareFigures = await bareRound();
      rounds.push({
        app: appFigures,
        bareRoute: bareFigures,
        ratio: +(appFigures.commandsPerSecond / bareFigures.commandsPerSecond).toFixed(2),
        ...(baselineFigures ? { baseline: baselineFigures } : {}),
      });
    }
    const app = summarise(rounds.map((r) => r.app));
    const bareRoute = summarise(rounds.map((r) => r.bareRoute));
    const ratio = median(rounds.map((r) => r.ratio));
    const baselineRounds = rounds.flatMap((r) => (r.baseline ? [r.baseline] : []));
    const baseline = baselineRounds.length > 0 ? summarise(baselineRounds) : undefined;
    return {
      name: 'http',
      store: 'postgres',
      connections: CONNECTIONS,
      seconds: SECONDS,
      rounds: ROUNDS,
      app,
      bareRoute,
      ratio,
      ...(baseline
        ? {
            baseline: {
              main: baselineMain,
              ...baseline,
              ratioToBare: +(baseline.commandsPerSecond / bareRoute.commandsPerSecond).toFixed(2),
            },
            ratioToBaseline: +(app.commandsPerSecond / baseline.commandsPerSecond).toFixed(3),
            ratioToBaselinePerRound: rounds.map((r) =>
              r.baseline ? +(r.app.commandsPerSecond / r.baseline.commandsPerSecond).toFixed(3) : null,
            ),
          }
        : {}),
      perRound: rounds.map((r) => ({
        app: { commandsPerSecond: r.app.commandsPerSecond, p50Ms: r.app.p50Ms, p99Ms: r.app.p99Ms, cpuMsPerCommand: r.app.cpuMsPerCommand },
        bareRoute: {
          commandsPerSecond: r.bareRoute.commandsPerSecond,
          p50Ms: r.bareRoute.p50Ms,
          p99Ms: r.bareRoute.p99Ms,
          cpuMsPerCommand: r.bareRoute.cpuMsPerCommand,
        },
        ratio: r.ratio,
        errors: r.app.errors + r.bareRoute.errors,
        ...((r.app.firstError ?? r.bareRoute.firstError) ? { firstError: r.app.firstError ?? r.bareRoute.firstError } : {}),
      })),
      listLatency,
      targets: {
        commandsPerSecond: { target: 2000, median: app.commandsPerSecond, met: app.commandsPerSecond >= 2000 },
        p99Ms: { target: 50, median: app.p99Ms, met: app.p99Ms < 50 },
        ratioToBare: { target: 0.6, median: ratio, met: ratio >= 0.6 },
      },
    };
  } finally {
    for (const p of procs) await stopProcess(p).catch(() => undefined);
    for (const s of [appSchema, `${appSchema}_projections`, bareSchema, baselineSchema, `${baselineSchema}_projections`])
      await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench:http failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}

export { main };
