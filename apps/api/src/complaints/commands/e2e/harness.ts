// Shared by the command e2e suites: runs the real build (dist/apps/api/main.js) as a child
// process, like apps/api/src/app.e2e.spec.ts, and talks HTTP to it: through the typed client of
// the contract (@complaint-ledger/api-client) for well-formed requests, through the raw `post` /
// `get` below for what the contract forbids (bad JSON, wrong types, unknown fields, bad headers,
// no token ...).
import {
  createLedgerClient,
  type CommandResult,
  type ErrorBody,
  type LedgerClient,
  type paths,
  type Schemas,
} from '@complaint-ledger/api-client';
import { SignJWT } from 'jose';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@complaint-ledger/test-engines';

export const ROOT = resolve(__dirname, '../../../../../..');
export const MAIN_JS = join(ROOT, 'dist/apps/api/main.js');
export const START_MJS = join(ROOT, 'tools/scripts/start.mjs');
export const SECRET = 'e2e-secret-e2e-secret-e2e-secret-0123456789';

export interface Api {
  child: ChildProcess;
  port: number;
  url: string;
  stderr: () => string;
  /** The JSON log lines (stdout), parsed. */
  logs: () => Record<string, unknown>[];
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Kill (SIGKILL) every app this file started and that is still running. */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

export function assertBuilt(): void {
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} is missing: run \`npx nx run api:integration\` (it builds first)`);
}

export { freePort };

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of [
    'PORT',
    'HOST',
    'COMPLAINTS_DATA_DIR',
    'EVENT_STORE',
    'EVENT_STORE_URL',
    'EVENT_STORE_SCHEMA',
    'LOG_LEVEL',
    'AUTH_JWT_SECRET',
    'AUTH_JWKS_URL',
    'BODY_LIMIT_BYTES',
    'RATE_LIMIT_MAX',
    'RATE_LIMIT_WINDOW_MS',
    'COMMAND_RETRIES',
    'COMMANDS_UNSAFE',
    'CASE_LIST_WORKER',
    'NODE_OPTIONS',
  ])
    delete env[name];
  return env;
}

/** Starts `node <script>` with the env, waits for /health 200. */
export async function startApi(env: Record<string, string>, script = MAIN_JS, timeoutMs = 30_000): Promise<Api> {
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env: {
      ...baseEnv(),
      LOG_LEVEL: 'warn',
      AUTH_JWT_SECRET: SECRET,
      // E2E_COMMANDS_UNSAFE=any-revision switches the lost-update protection off in the app
      // (to see the race test fail); never set in normal runs. COMMANDS_UNSAFE is a test-only
      // switch: the app refuses to start with it unless NODE_ENV=test, so that goes along (the
      // child otherwise inherits whatever NODE_ENV Jest runs with: `test` unless set otherwise).
      ...(process.env['E2E_COMMANDS_UNSAFE'] ? { COMMANDS_UNSAFE: process.env['E2E_COMMANDS_UNSAFE'], NODE_ENV: 'test' } : {}),
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // Kept bounded: request logs at info level would otherwise grow without limit.
  child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString('utf8')).slice(-1_000_000)));
  const logs = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      done({ code, signal });
    }),
  );
  const api: Api = { child, port, url: `http://127.0.0.1:${port}`, stderr: () => stderr, logs, exit };
  let exited = false;
  void exit.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`api exited before becoming healthy:\n${stderr}`);
    try {
      if ((await fetch(`${api.url}/health`)).status === 200) return api;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`api not healthy within ${timeoutMs} ms:\n${stderr}`);
}

export async function stopApi(api: Api, signal: NodeJS.Signals = 'SIGTERM') {
  api.child.kill(signal);
  return api.exit;
}

export async function token(roles: string[], subject = `e2e-${roles.join('-') || 'none'}`, secret = SECRET): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the wire, asserted by the tests
  body: any;
  headers: Headers;
}

export interface PostOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Raw body (string) instead of JSON.stringify(body). */
  raw?: string;
}

/** Authorization from `token`, beside any explicit headers. */
function headersWith(options: { token?: string; headers?: Record<string, string> }): Record<string, string> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  return headers;
}

/** Status, headers and the body as JSON (or as text when it is not JSON). */
export async function replyOf(res: Response): Promise<Reply> {
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function post(api: Api, path: string, body?: unknown, options: PostOptions = {}): Promise<Reply> {
  const headers = headersWith(options);
  let payload: string | undefined = options.raw;
  if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  return replyOf(await fetch(`${api.url}${path}`, { method: 'POST', headers, body: payload }));
}

export async function get(api: Api, path: string, options: { token?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return replyOf(await fetch(`${api.url}${path}`, { headers: headersWith(options) }));
}

/** A valid ReceiveComplaint body (POST /complaints), for the typed client. */
export const complaint = (over: Partial<Schemas['ReceiveComplaintBody']> = {}): Schemas['ReceiveComplaintBody'] => ({
  customerId: 'cust-1',
  channel: 'email',
  description: 'parcel arrived broken',
  ...over,
});

/** The same body as a plain object, for the raw `post` (which may add what the contract forbids). */
export const intake = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ ...complaint(), ...over });

/** The typed client (libs/api-client) for this app, sending `Authorization: Bearer <token>` (none without a token). */
export function client(api: Pick<Api, 'url'>, bearer?: string): LedgerClient {
  return createLedgerClient({ baseUrl: api.url, token: bearer });
}

/** A command route of the contract, e.g. `/complaints/{id}/classify`. */
export type CommandRoute = Extract<keyof paths, `/complaints/{id}/${string}`>;
type CommandOperation<R extends CommandRoute> = paths[R]['post'];
/** The JSON body the command route takes. */
export type CommandBodyOf<R extends CommandRoute> = NonNullable<CommandOperation<R>['requestBody']>['content']['application/json'];
/** The request headers every command route declares (Idempotency-Key, If-Match, X-Correlation-Id). */
export type CommandHeaders = NonNullable<CommandOperation<CommandRoute>['parameters']['header']>;
/** The body and headers of a command; the body may be left out only where the contract makes it optional. */
export type CommandArgs<R extends CommandRoute> = undefined extends CommandOperation<R>['requestBody']
  ? [body?: CommandBodyOf<R>, header?: CommandHeaders]
  : [body: CommandBodyOf<R>, header?: CommandHeaders];
/** What the typed client answers: `data` on success, the ErrorBody as `error` otherwise, and the Response. */
export type Answer<T> = { data: T; error?: never; response: Response } | { data?: never; error: ErrorBody; response: Response };

/**
 * `api.POST(route, { params: { path: { id }, header }, body })`: one command through the typed
 * client, its body checked by the compiler against the route's schema (by this signature: the
 * client's own overloads cannot be resolved for a generic route, hence the one cast inside).
 */
export function command<R extends CommandRoute>(
  api: LedgerClient,
  route: R,
  id: string,
  ...[body, header]: CommandArgs<R>
): Promise<Answer<CommandResult>> {
  const send = api.POST as unknown as (
    route: R,
    init: { params: { path: { id: string }; header?: CommandHeaders }; body?: CommandBodyOf<R> },
  ) => Promise<Answer<CommandResult>>;
  return send(route, { params: { path: { id }, header }, body });
}

/** Expects the status (default 201, a command accepted) with no error, and returns the answer's data. */
export function dataOf<A extends { data?: unknown; error?: unknown; response: Response }>(answer: A, status = 201): NonNullable<A['data']> {
  expect({ status: answer.response.status, error: answer.error }).toEqual({ status, error: undefined });
  return answer.data as NonNullable<A['data']>;
}

/** Status and body (the data, or the error) of a typed client's answer, to compare in one go. */
export function statusAndBody<A extends { data?: unknown; error?: unknown; response: Response }>(
  answer: A,
): { status: number; body: A['data'] | A['error'] } {
  return { status: answer.response.status, body: answer.data ?? answer.error };
}
