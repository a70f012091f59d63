// Shared by the relay e2e suites: relay processes (the built dist/apps/relay/main.js), a command
// side writing to the same PostgreSQL store in this process, and a raw reader of the topic.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ComplaintCommandService, type CommandContext } from '@complaint-ledger/complaint-application';
import { decodeEvent, type AnyPublicEvent } from '@complaint-ledger/complaint-contract';
import type { EventStore, RecordedEvent } from '@complaint-ledger/event-store';
import { openPostgresEventStore } from '@complaint-ledger/event-store-postgres';
import { openLedgerStores, parseConfig, type LedgerStores } from '@complaint-ledger/runtime';
import { freePort, uniqueName } from '@complaint-ledger/test-engines';

export const ROOT = resolve(__dirname, '../../../..');
export const RELAY_MAIN = join(ROOT, 'dist/apps/relay/main.js');

export function assertBuilt(): void {
  if (!existsSync(RELAY_MAIN)) throw new Error(`${RELAY_MAIN} is missing: run \`npx nx run relay:integration\` (it builds first)`);
}

export { freePort };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until<T>(what: () => Promise<T | undefined> | T | undefined, timeoutMs: number, label: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
    await sleep(50);
  }
}

/** Where one suite works: its own store schema and topic on the shared engines. */
export interface Setting {
  databaseUrl: string;
  schema: string;
  brokers: string[];
  topic: string;
  partitions: number;
}

export function setting(databaseUrl: string, brokers: string[], partitions = 6): Setting {
  return { databaseUrl, schema: uniqueName('relay_e2e', 40), brokers, topic: uniqueName('complaints'), partitions };
}

const running = new Set<ChildProcess>();
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
}

export interface RelayChild {
  child: ChildProcess;
  url: string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
  health: () => Promise<{ status: number; body: { role?: string; bus?: Record<string, unknown> } }>;
}

/** Starts a relay process on the setting; resolves once /health answers (any status). */
export async function startRelay(s: Setting, env: Record<string, string> = {}): Promise<RelayChild> {
  const port = await freePort();
  const child = spawn(process.execPath, [RELAY_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: String(port),
      EVENT_STORE: 'postgres',
      EVENT_STORE_URL: s.databaseUrl,
      EVENT_STORE_SCHEMA: s.schema,
      BUS: 'kafka',
      KAFKA_BROKERS: s.brokers.join(','),
      COMPLAINTS_TOPIC: s.topic,
      KAFKA_TOPIC_PARTITIONS: String(s.partitions),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-200_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      done({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const health = async () => {
    const res = await fetch(`${url}/health`);
    return { status: res.status, body: (await res.json()) as { role?: string; bus?: Record<string, unknown> } };
  };
  let exited = false;
  void exit.then(() => (exited = true));
  await until(
    async () => {
      if (exited) throw new Error(`relay exited before answering:\n${output}`);
      return health().then(
        () => true,
        () => undefined,
      );
    },
    30_000,
    'the relay to answer /health',
  );
  return { child, url, exit, output: () => output, health };
}

/** The command side of the same store, with the registry: what the API runs, in this process. */
export interface Writer {
  store: EventStore;
  ledger: LedgerStores;
  commands: ComplaintCommandService;
  close(): Promise<void>;
}

export async function openWriter(s: Setting): Promise<Writer> {
  const store = await openPostgresEventStore({ connectionString: s.databaseUrl, schema: s.schema, maxConnections: 8 });
  const parsed = parseConfig({ EVENT_STORE: 'postgres', EVENT_STORE_URL: s.databaseUrl, EVENT_STORE_SCHEMA: s.schema });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const ledger = await openLedgerStores(parsed.config);
  const commands = new ComplaintCommandService(store, { registry: ledger.registry });
  return {
    store,
    ledger,
    commands,
    async close() {
      await ledger.close();
      await store.close();
    },
  };
}

export const ctx = (subject = 'e2e-agent'): CommandContext => ({
  subject,
  correlationId: uniqueName('corr'),
  causationId: uniqueName('cause'),
  route: 'POST /complaints',
});

/** A full lifecycle: receive to closed, 13 events (a rejected remedy, a progress note and an escalation on the way). */
export async function lifecycle(commands: ComplaintCommandService, n: number): Promise<string> {
  const { id } = await commands.create({ customerId: `customer-${n % 97}`, channel: 'web', description: `case ${n}` }, ctx());
  const steps = [
    { type: 'AcknowledgeComplaint' },
    { type: 'ClassifyComplaint', category: 'quality', urgency: 'general' },
    { type: 'AssignComplaint', team: 'care' },
    { type: 'ProposeSolution', remedy: 'repair', description: 'repair it' },
    { type: 'RejectSolution', reason: 'no' },
    { type: 'ProposeSolution', remedy: 'refund', description: 'refund it' },
    { type: 'AcceptSolution' },
    { type: 'RecordImplementationProgress', note: 'on its way' },
    { type: 'CompleteImplementation', outcome: 'refunded' },
    { type: 'RecordFeedback', method: 'email', satisfaction: 5, resolved: true },
    { type: 'EvaluateComplaint', rootCause: { code: 'design' } },
  ] as const;
  for (const step of steps)
    await commands.execute({ ...step, complaintId: id } as Parameters<ComplaintCommandService['execute']>[0], ctx());
  return id;
}

/** Runs `count` lifecycles with `concurrency` at a time. */
export async function load(commands: ComplaintCommandService, count: number, concurrency = 16, from = 0): Promise<string[]> {
  const ids: string[] = [];
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < from + count) ids.push(await lifecycle(commands, next++));
    }),
  );
  return ids;
}

export interface TopicRecord {
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer>;
  event: AnyPublicEvent;
}

/**
 * Reads the topic from the start with a plain kafkajs consumer until it has seen every id in
 * `expectedIds` and nothing new arrived for `quietMs`; returns every record in partition order.
 */
export async function readTopic(
  s: Setting,
  expectedIds: ReadonlySet<string>,
  timeoutMs = 60_000,
  quietMs = 1_500,
  stallMs = 15_000,
): Promise<TopicRecord[]> {
  const kafka = new Kafka({ clientId: 'relay-e2e-reader', brokers: s.brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: uniqueName('reader'), retry: { retries: 3 } });
  const records: TopicRecord[] = [];
  const seen = new Set<string>();
  let lastAt = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topic: s.topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.isBuffer(v) ? v : Buffer.from(String(v))]),
      );
      const event = decodeEvent({ key: message.key, value: message.value, headers });
      records.push({ partition, offset: Number(message.offset), key: message.key, value: message.value, headers, event });
      seen.add(event.id);
      lastAt = Date.now();
    },
  });
  try {
    await until(
      () => {
        const missing = [...expectedIds].filter((id) => !seen.has(id)).length;
        // Nothing new for a long while and still short: those events are not coming.
        if (missing > 0 && Date.now() - lastAt > stallMs)
          throw new Error(`${missing} of ${expectedIds.size} events never reached the topic (nothing new for ${stallMs} ms)`);
        return missing === 0 && Date.now() - lastAt >= quietMs;
      },
      timeoutMs,
      `all ${expectedIds.size} events on the topic`,
    );
  } finally {
    await consumer.disconnect();
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}

/**
 * What a subscriber must be able to rely on: every stored event is on the topic; per case, in
 * partition order, each event's first appearance follows its predecessor's (order kept); every
 * duplicate is the same event (same ce_id for the same case sequence). Returns the duplicate count.
 */
export function checkDelivery(stored: readonly RecordedEvent[], records: readonly TopicRecord[]): { duplicates: number; cases: number } {
  const idOf = new Map<string, string>();
  for (const e of stored) idOf.set(`${e.streamName.slice('complaint-'.length)}#${e.revision}`, e.id);
  const firstSeen = new Map<string, number>();
  let duplicates = 0;
  const problems: string[] = [];
  for (const r of records) {
    const key = `${r.event.caseId}#${r.event.sequence}`;
    if (idOf.get(key) !== r.event.id) problems.push(`${key}: ce_id ${r.event.id} is not the stored event ${idOf.get(key)}`);
    if (r.key?.toString('utf8') !== r.event.caseId) problems.push(`${key}: record key is not the case`);
    const last = firstSeen.get(r.event.caseId) ?? -1;
    if (r.event.sequence > last + 1) problems.push(`${key}: arrived before sequence ${last + 1} of its case`);
    if (r.event.sequence <= last) duplicates++;
    else firstSeen.set(r.event.caseId, r.event.sequence);
  }
  const onTopic = new Set(records.map((r) => r.event.id));
  const missing = stored.filter((e) => !onTopic.has(e.id));
  if (missing.length > 0)
    problems.push(`${missing.length} stored events never reached the topic, e.g. ${missing[0].streamName}#${missing[0].revision}`);
  if (problems.length > 0)
    throw new Error(
      `delivery broken:\n  ${problems.slice(0, 10).join('\n  ')}${problems.length > 10 ? `\n  ... and ${problems.length - 10} more` : ''}`,
    );
  return { duplicates, cases: firstSeen.size };
}
