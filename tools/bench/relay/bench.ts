/**
 * Relay benchmark on the real engines (PostgreSQL event store, Kafka), printed as one JSON object
 * on stdout (progress on stderr).
 *
 * 1. Catch-up: RELAY_BENCH_EVENTS (200,000) committed complaint events, real domain events of
 *    generated lifecycles (libs/case-list-projection/src/testing/lifecycles.ts) appended straight
 *    to a fresh event-store schema, published by the real `Relay` (PostgreSQL store, PostgreSQL
 *    checkpoints and customer registry, `KafkaEventPublisher`) to a fresh 12-partition topic:
 *    events/s from `run()` to the checkpoint at the last position. Baseline in the same run: a raw
 *    kafkajs producer with the publisher's settings (idempotent, 1 in flight, acks -1, 500 records
 *    per send) sending the same records, encoded once by `PublicEncoder` before timing (byte-identical),
 *    to another fresh topic. RELAY_BENCH_ROUNDS (3) rounds, the order alternating; medians reported.
 * 2. Live latency: the relay following the store at its end, a writer appending single events
 *    (exact expected revision) on a few hundred cases at RELAY_BENCH_LIVE_RATE (1,000) events/s for
 *    RELAY_BENCH_LIVE_SECONDS (20) after a 2 s warm-up, a kafkajs consumer on the topic: latency from
 *    the append call (and from the append's acknowledgement) to the consumer seeing the ce_id.
 *
 *   . .infra/env && flock /tmp/complaint-ledger-engines.lock npm run bench -- relay
 *
 * Env: TEST_DATABASE_URL (or BENCH_DATABASE_URL), KAFKA_BROKERS. Everything runs in one Node
 * process (writer, relay, consumer) beside PostgreSQL and the broker on the same machine. Schemas
 * are dropped and topics deleted at the end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import type { Producer } from 'kafkajs';
import { ensureTopic, kafkaClient, KafkaEventPublisher } from '@complaint-ledger/bus-kafka';
import { toStoreEvent } from '@complaint-ledger/complaint-application';
import {
  CE_HEADERS,
  complaintStreamName,
  DEFAULT_TOPIC_PARTITIONS,
  TOPIC_CONFIG,
  type ComplaintEvent,
} from '@complaint-ledger/complaint-contract';
import type { EventToAppend, GlobalPosition, RecordedEvent } from '@complaint-ledger/event-store';
import { openPostgresEventStore } from '@complaint-ledger/event-store-postgres';
import type { BusRecord, CheckpointStore, EventPublisher } from '@complaint-ledger/ledger-ports';
import { PublicEncoder, Relay } from '@complaint-ledger/relay';
import { ledgerSchemaFor, openLedgerStores, parseConfig } from '@complaint-ledger/runtime';
import { Client } from 'pg';
import { generateCase, type GeneratedCase } from '../../../libs/case-list-projection/src/testing/lifecycles';

const log = (message: string) => process.stderr.write(`bench:relay ${message}\n`);

const EVENTS = Number(process.env['RELAY_BENCH_EVENTS'] ?? 200_000);
const ROUNDS = Number(process.env['RELAY_BENCH_ROUNDS'] ?? 3);
const LIVE_SECONDS = Number(process.env['RELAY_BENCH_LIVE_SECONDS'] ?? 20);
const LIVE_WARMUP_SECONDS = 2;
const LIVE_RATE = Number(process.env['RELAY_BENCH_LIVE_RATE'] ?? 1000);
const LIVE_CASES = 300; // cases written at the same time, one append in flight each
const BATCH = 500; // the relay's default records per publish; the raw producer sends the same
const PARTITIONS = DEFAULT_TOPIC_PARTITIONS; // 12
const SOURCE = 'urn:complaint-ledger:bench';
const CUSTOMERS = 50; // generateCase's customers: cust-0 .. cust-49
const TARGET_RATIO = 0.7;
const TARGET_P99_MS = 250;

// ---------------------------------------------------------------------------------------------
// small helpers

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function quantiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => +(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN).toFixed(1);
  return { count: sorted.length, p50Ms: q(0.5), p90Ms: q(0.9), p99Ms: q(0.99), maxMs: +(sorted.at(-1) ?? NaN).toFixed(1) };
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ

function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU ms of this process, and per pid of PostgreSQL's processes and the broker's JVM (Linux /proc;
 * empty elsewhere). Per pid, so a backend that exits between two samples cannot make a sum go back.
 */
function cpuSample() {
  const self = process.cpuUsage();
  const postgres = new Map<number, number>();
  const broker = new Map<number, number>();
  if (existsSync('/proc/stat')) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
        if (comm === 'postgres') postgres.set(Number(entry), processCpuMs(Number(entry)));
        else if (comm === 'java') broker.set(Number(entry), processCpuMs(Number(entry)));
      } catch {
        // gone
      }
    }
  }
  return { bench: (self.user + self.system) / 1000, postgres, broker };
}
type CpuSample = ReturnType<typeof cpuSample>;

/** CPU microseconds per event between two samples (processes that exited in between are not counted). */
function cpuPerEvent(from: CpuSample, to: CpuSample, events: number) {
  const delta = (a: Map<number, number>, b: Map<number, number>) => [...b].reduce((sum, [pid, ms]) => sum + ms - (a.get(pid) ?? 0), 0);
  const per = (ms: number) => Math.round((ms * 1000) / events);
  return {
    benchProcess: per(to.bench - from.bench),
    postgres: per(delta(from.postgres, to.postgres)),
    broker: per(delta(from.broker, to.broker)),
  };
}

/** A generated case with the customer's registry ref, as the command side records intakes today. */
function withRef(c: GeneratedCase, refs: Map<string, string>): GeneratedCase {
  const [received, ...rest] = c.events;
  const data = received.data as unknown as Record<string, unknown>;
  const ref = refs.get(String(data['customerId']));
  if (!ref) throw new Error(`no registry ref for ${String(data['customerId'])}`);
  return { ...c, events: [{ ...received, data: { ...data, customerRef: ref } } as unknown as ComplaintEvent, ...rest] };
}

const storeEvent = (e: ComplaintEvent): EventToAppend =>
  toStoreEvent(e, randomUUID(), { actor: 'bench', correlationId: randomUUID(), causationId: randomUUID() });

// ---------------------------------------------------------------------------------------------
// instrumented ports: time spent inside each, to say what dominates a relay run

interface PortTimes {
  publishMs: number;
  readMs: number;
  checkpointMs: number;
}

class TimedPublisher implements EventPublisher {
  constructor(
    private readonly inner: EventPublisher,
    private readonly times: PortTimes,
  ) {}
  async publish(records: readonly BusRecord[]): Promise<void> {
    const t = performance.now();
    try {
      await this.inner.publish(records);
    } finally {
      this.times.publishMs += performance.now() - t;
    }
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

class TimedCheckpoints implements CheckpointStore {
  constructor(
    private readonly inner: CheckpointStore,
    private readonly times: PortTimes,
  ) {}
  read(name: string): Promise<string | undefined> {
    return this.inner.read(name);
  }
  async advance(name: string, position: string): Promise<void> {
    const t = performance.now();
    try {
      await this.inner.advance(name, position);
    } finally {
      this.times.checkpointMs += performance.now() - t;
    }
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<Record<string, unknown>> {
  const databaseUrl = process.env['BENCH_DATABASE_URL'] ?? process.env['TEST_DATABASE_URL'];
  const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',').filter(Boolean);
  if (!databaseUrl) throw new Error('set TEST_DATABASE_URL (. .infra/env, or eval "$(bash infra/local/up.sh)")');
  if (brokers.length === 0) throw new Error('set KAFKA_BROKERS (. .infra/env, or eval "$(bash infra/local/up.sh)")');

  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const schema = `bench_relay_${suffix}`;
  const schemas = [schema, ledgerSchemaFor(schema)];
  const topicName = (what: string) => `bench.relay.${suffix}.${what}`;
  const topics: string[] = [];

  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  const kafka = kafkaClient({ brokers, clientId: 'bench-relay', log: (level, message) => level === 'error' && log(message) });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const deleteTopics = async (names: string[]) => {
    await kafkaAdmin
      .deleteTopics({ topics: names })
      .catch((error: unknown) => log(`could not delete ${names.join(', ')}: ${String(error)}`));
    for (const name of names) topics.splice(topics.indexOf(name), 1);
  };
  const newTopic = async (what: string) => {
    const topic = topicName(what);
    topics.push(topic);
    await ensureTopic(kafka, { topic, partitions: PARTITIONS, replicationFactor: 1, configs: TOPIC_CONFIG });
    return topic;
  };

  const parsed = parseConfig({ EVENT_STORE: 'postgres', EVENT_STORE_URL: databaseUrl, EVENT_STORE_SCHEMA: schema });
  if (!parsed.ok) throw new Error(`config: ${JSON.stringify(parsed.errors)}`);
  // The writer and the relay have their own store objects (and pools), as the API and the relay
  // process do: the relay learns of live appends through LISTEN/NOTIFY.
  const writer = await openPostgresEventStore({ connectionString: databaseUrl, schema, maxConnections: 8 });
  const relayStore = await openPostgresEventStore({ connectionString: databaseUrl, schema });
  const ledger = await openLedgerStores(parsed.config);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    // -------------------------------------------------------------------------------------------
    // fill the store

    const refs = new Map<string, string>();
    for (let i = 0; i < CUSTOMERS; i++) refs.set(`cust-${i}`, await ledger.registry.refFor(`cust-${i}`));

    let t = performance.now();
    const cases: GeneratedCase[] = [];
    let generated = 0;
    for (let seed = 1; generated < EVENTS; seed++) {
      const c = withRef(generateCase(seed), refs);
      // The last case may stop early: a prefix of a legal history is a legal history.
      if (generated + c.events.length > EVENTS) c.events = c.events.slice(0, EVENTS - generated);
      cases.push(c);
      generated += c.events.length;
    }
    const generateSeconds = (performance.now() - t) / 1000;
    log(`generated ${generated} events in ${cases.length} cases (${generateSeconds.toFixed(1)} s); appending to ${schema}`);

    t = performance.now();
    let lastPosition: GlobalPosition = '';
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < cases.length) {
          const c = cases[next++];
          const result = await writer.appendToStream(complaintStreamName(c.id), c.events.map(storeEvent), 'no_stream');
          if (result.position > lastPosition) lastPosition = result.position; // positions compare as text
        }
      }),
    );
    const fillSeconds = (performance.now() - t) / 1000;
    log(
      `appended ${generated} events in ${fillSeconds.toFixed(1)} s (${Math.round(generated / fillSeconds)}/s); last position ${lastPosition}`,
    );

    // -------------------------------------------------------------------------------------------
    // the raw records: the same events encoded once, before any timing

    t = performance.now();
    const encoder = new PublicEncoder(relayStore, ledger.registry, { source: SOURCE });
    const rawRecords: { key: string; value: string; headers: Record<string, string> }[] = [];
    for (let after: GlobalPosition | undefined; ;) {
      const page: RecordedEvent[] = await relayStore.readAll(
        after === undefined ? { maxCount: 1000 } : { afterPosition: after, maxCount: 1000 },
      );
      if (page.length === 0) break;
      for (const recorded of page) {
        const record = await encoder.encode(recorded);
        if (record) rawRecords.push({ key: record.key, value: record.value, headers: record.headers });
      }
      after = page[page.length - 1].globalPosition;
    }
    const encodeSeconds = (performance.now() - t) / 1000;
    if (rawRecords.length !== generated) throw new Error(`encoded ${rawRecords.length} records, expected ${generated}`);
    const recordBytes = rawRecords.reduce(
      (sum, r) =>
        sum +
        Buffer.byteLength(r.key) +
        Buffer.byteLength(r.value) +
        Object.entries(r.headers).reduce((s, [k, v]) => s + Buffer.byteLength(k) + Buffer.byteLength(v), 0),
      0,
    );
    log(
      `encoded ${rawRecords.length} records once (read + fold + encode, no Kafka): ${Math.round(rawRecords.length / encodeSeconds)}/s, ` +
        `${Math.round(recordBytes / rawRecords.length)} bytes per record`,
    );

    // -------------------------------------------------------------------------------------------
    // catch-up rounds

    const rawRound = async (round: number) => {
      const topic = await newTopic(`raw${round}`);
      const producer: Producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      const cpuFrom = cpuSample();
      const start = performance.now();
      await producer.connect();
      try {
        for (let i = 0; i < rawRecords.length; i += BATCH)
          await producer.send({ topic, acks: -1, messages: rawRecords.slice(i, i + BATCH) });
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
      const seconds = (performance.now() - start) / 1000;
      const eventsPerSecond = Math.round(rawRecords.length / seconds);
      log(`round ${round} raw producer: ${eventsPerSecond} events/s (${seconds.toFixed(1)} s)`);
      return { eventsPerSecond, seconds: +seconds.toFixed(2), cpuMicrosPerEvent: cpuPerEvent(cpuFrom, cpuSample(), rawRecords.length) };
    };

    const relayRound = async (round: number) => {
      const topic = await newTopic(`relay${round}`);
      const times: PortTimes = { publishMs: 0, readMs: 0, checkpointMs: 0 };
      // The store's reads, timed on this store object (the subscription pages through readAll).
      const readAll = relayStore.readAll.bind(relayStore);
      relayStore.readAll = async (options) => {
        const t0 = performance.now();
        try {
          return await readAll(options);
        } finally {
          times.readMs += performance.now() - t0;
        }
      };
      const publisher = new KafkaEventPublisher(kafka, topic);
      const relay = new Relay(
        {
          store: relayStore,
          publisher: new TimedPublisher(publisher, times),
          checkpoints: new TimedCheckpoints(ledger.checkpoints, times),
          registry: ledger.registry,
        },
        { source: SOURCE, name: `bench-${round}`, log: (level, message) => level !== 'info' && log(`relay ${level}: ${message}`) },
      );
      const controller = new AbortController();
      const cpuFrom = cpuSample();
      const start = performance.now();
      const running = relay.run(controller.signal);
      try {
        for (;;) {
          const status = relay.status();
          if (status.position === lastPosition) break;
          if (status.state === 'failed') throw new Error(`relay failed: ${status.lastError}`);
          if (performance.now() - start > 240_000) throw new Error(`relay still at ${status.position} after 240 s`);
          await sleep(2);
        }
      } finally {
        controller.abort();
        await running;
        relayStore.readAll = readAll;
        await publisher.close();
      }
      const seconds = (performance.now() - start) / 1000;
      const cpuTo = cpuSample();
      const status = relay.status();
      if (status.published !== generated) throw new Error(`relay published ${status.published}, expected ${generated}`);
      const eventsPerSecond = Math.round(generated / seconds);
      const ms = seconds * 1000;
      const share = (x: number) => +(x / ms).toFixed(3);
      log(`round ${round} relay: ${eventsPerSecond} events/s (${seconds.toFixed(1)} s)`);
      return {
        eventsPerSecond,
        seconds: +seconds.toFixed(2),
        // Shares of the wall time spent awaiting each port (sequential in the relay's catch-up loop);
        // the rest is the relay's own work: folding each case through the domain and encoding.
        timeShare: {
          kafkaPublish: share(times.publishMs),
          storeRead: share(times.readMs),
          checkpoint: share(times.checkpointMs),
          foldEncodeAndRest: share(ms - times.publishMs - times.readMs - times.checkpointMs),
        },
        cpuMicrosPerEvent: cpuPerEvent(cpuFrom, cpuTo, generated),
      };
    };

    type RawFigures = Awaited<ReturnType<typeof rawRound>>;
    type RelayFigures = Awaited<ReturnType<typeof relayRound>>;
    const rounds: { raw: RawFigures; relay: RelayFigures; ratio: number }[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Odd rounds: raw first; even rounds: relay first (neither always runs on a warmer broker).
      let raw: RawFigures;
      let relay: RelayFigures;
      if (round % 2) {
        raw = await rawRound(round);
        relay = await relayRound(round);
      } else {
        relay = await relayRound(round);
        raw = await rawRound(round);
      }
      rounds.push({ raw, relay, ratio: +(relay.eventsPerSecond / raw.eventsPerSecond).toFixed(3) });
      // The catch-up topics are done with: free the broker's disk and page cache early.
      await deleteTopics([topicName(`raw${round}`), topicName(`relay${round}`)]);
    }
    rawRecords.length = 0;
    const relayRate = Math.round(median(rounds.map((r) => r.relay.eventsPerSecond)));
    const rawRate = Math.round(median(rounds.map((r) => r.raw.eventsPerSecond)));
    const ratio = +median(rounds.map((r) => r.ratio)).toFixed(3);

    // -------------------------------------------------------------------------------------------
    // live latency

    log(`live: ${LIVE_RATE} events/s for ${LIVE_WARMUP_SECONDS} s warm-up + ${LIVE_SECONDS} s, relay at the end of the store`);
    const liveTopic = await newTopic('live');
    const needed = Math.ceil(LIVE_RATE * (LIVE_WARMUP_SECONDS + LIVE_SECONDS) * 1.3) + LIVE_CASES * 16;
    const liveCases: { stream: string; events: EventToAppend[]; next: number }[] = [];
    for (let seed = 1_000_000, n = 0; n < needed; seed++) {
      const c = withRef(generateCase(seed), refs);
      if (c.events.length < 2) continue;
      liveCases.push({ stream: complaintStreamName(c.id), events: c.events.map(storeEvent), next: 0 });
      n += c.events.length;
    }

    const calledAt = new Map<string, number>();
    const ackedAt = new Map<string, number>();
    const fromCall: number[] = [];
    const fromAck: number[] = [];
    let consumed = 0;
    const consumer = kafka.consumer({ groupId: `bench-relay-${suffix}`, maxWaitTimeInMs: 100 });
    closers.push(() => consumer.disconnect());
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topic: liveTopic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const now = performance.now();
        consumed++;
        const id = message.headers?.[CE_HEADERS.id]?.toString();
        if (id === undefined) return;
        const called = calledAt.get(id);
        if (called === undefined) return; // a warm-up event
        calledAt.delete(id);
        fromCall.push(now - called);
        const acked = ackedAt.get(id);
        ackedAt.delete(id);
        if (acked !== undefined) fromAck.push(Math.max(0, now - acked));
      },
    });
    await joined;

    // The relay starts at the end of the history (its checkpoint there) and follows live appends.
    await ledger.checkpoints.advance('bench-live', lastPosition);
    const livePublisher = new KafkaEventPublisher(kafka, liveTopic);
    closers.push(() => livePublisher.close());
    const liveRelay = new Relay(
      { store: relayStore, publisher: livePublisher, checkpoints: ledger.checkpoints, registry: ledger.registry },
      { source: SOURCE, name: 'bench-live', log: (level, message) => level !== 'info' && log(`relay ${level}: ${message}`) },
    );
    const liveController = new AbortController();
    closers.push(async () => liveController.abort());
    const liveRunning = liveRelay.run(liveController.signal);
    for (let waited = 0; liveRelay.status().state !== 'live'; waited++) {
      if (waited > 5000) throw new Error(`the live relay is ${liveRelay.status().state}`);
      await sleep(2);
    }

    // The writer: LIVE_CASES cases in flight, one append (one event, exact revision) at a time
    // each; a tick every 2 ms issues what the schedule says is due.
    const ready: number[] = [];
    let nextCase = 0;
    const takeCase = () => (nextCase < liveCases.length ? nextCase++ : undefined);
    for (let i = 0; i < LIVE_CASES; i++) {
      const c = takeCase();
      if (c !== undefined) ready.push(c);
    }
    let issued = 0;
    let issuedMeasured = 0;
    let appendErrors = 0;
    let firstAppendError: string | undefined;
    let starved = 0;
    const appendLatencies: number[] = [];
    const inFlight = new Set<Promise<void>>();
    const liveStart = performance.now();
    const measureFrom = liveStart + LIVE_WARMUP_SECONDS * 1000;
    const liveEnd = measureFrom + LIVE_SECONDS * 1000;
    let measuredCpuFrom: CpuSample | undefined;
    while (performance.now() < liveEnd) {
      const now = performance.now();
      if (now >= measureFrom && !measuredCpuFrom) measuredCpuFrom = cpuSample();
      let due = Math.floor(((now - liveStart) * LIVE_RATE) / 1000) - issued;
      while (due > 0) {
        const index = ready.shift();
        if (index === undefined) {
          starved += due;
          issued += due; // not caught up later: the achieved rate shows the shortfall
          break;
        }
        due--;
        issued++;
        const c = liveCases[index];
        const revision = c.next++;
        const event = c.events[revision];
        const measured = now >= measureFrom;
        const called = performance.now();
        if (measured) {
          issuedMeasured++;
          calledAt.set(event.id, called);
        }
        const p = writer.appendToStream(c.stream, [event], revision === 0 ? 'no_stream' : revision - 1).then(
          () => {
            const acked = performance.now();
            if (measured) {
              appendLatencies.push(acked - called);
              ackedAt.set(event.id, acked);
            }
          },
          (error: unknown) => {
            appendErrors++;
            firstAppendError ??= error instanceof Error ? error.message : String(error);
            calledAt.delete(event.id);
          },
        );
        const tracked: Promise<void> = p.finally(() => {
          inFlight.delete(tracked);
          if (c.next < c.events.length) ready.push(index);
          else {
            const fresh = takeCase();
            if (fresh !== undefined) ready.push(fresh);
          }
        });
        inFlight.add(tracked);
      }
      await sleep(2);
    }
    await Promise.all(inFlight);
    const measuredSeconds = (performance.now() - measureFrom) / 1000;
    const appended = issuedMeasured - appendErrors;
    // Wait for the stragglers (at most 30 s), then count what never arrived.
    const waitFrom = performance.now();
    while (calledAt.size > 0 && performance.now() - waitFrom < 30_000) await sleep(10);
    const liveCpu = measuredCpuFrom ? cpuPerEvent(measuredCpuFrom, cpuSample(), Math.max(1, appended)) : undefined;
    const missing = calledAt.size;
    liveController.abort();
    await liveRunning;
    await consumer.disconnect();
    const latency = quantiles(fromCall);
    const latencyFromAck = quantiles(fromAck);
    const append = quantiles(appendLatencies);
    const achieved = Math.round(appended / measuredSeconds);
    log(
      `live: ${achieved} events/s appended, p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms, ${missing} missing`,
    );

    return {
      name: 'relay',
      store: 'postgres',
      ports: 'PostgreSQL event store; PostgreSQL checkpoints and customer registry (openLedgerStores); KafkaEventPublisher',
      machine: 'writer, relay and consumer in one Node process beside PostgreSQL and a single Kafka broker (replication 1)',
      catchUp: {
        events: generated,
        cases: cases.length,
        partitions: PARTITIONS,
        batchSize: BATCH,
        bytesPerRecord: Math.round(recordBytes / generated),
        rounds: ROUNDS,
        relay: { eventsPerSecond: relayRate },
        rawProducer: {
          eventsPerSecond: rawRate,
          settings: 'idempotent, maxInFlightRequests 1, acks -1, 500 records per send, same records',
        },
        ratio,
        perRound: rounds,
        encodeOnlyEventsPerSecond: Math.round(generated / encodeSeconds),
        setup: {
          generateSeconds: +generateSeconds.toFixed(1),
          fillSeconds: +fillSeconds.toFixed(1),
          fillEventsPerSecond: Math.round(generated / fillSeconds),
        },
      },
      live: {
        targetRate: LIVE_RATE,
        seconds: LIVE_SECONDS,
        warmupSeconds: LIVE_WARMUP_SECONDS,
        achievedEventsPerSecond: achieved,
        appended,
        appendErrors,
        ...(firstAppendError ? { firstAppendError } : {}),
        starved,
        consumedIncludingWarmup: consumed,
        missing,
        latencyFromAppendCall: latency,
        latencyFromAppendAck: latencyFromAck,
        appendLatency: append,
        cpuMicrosPerEvent: liveCpu,
      },
      targets: {
        catchUpRatioToRaw: { target: TARGET_RATIO, median: ratio, met: ratio >= TARGET_RATIO },
        liveP99Ms: { target: TARGET_P99_MS, p99Ms: latency.p99Ms, met: latency.p99Ms < TARGET_P99_MS },
        // The latency figure only counts at the load asked for, with every event delivered.
        liveRate: { target: LIVE_RATE, achieved, met: achieved >= LIVE_RATE * 0.95 },
        liveDelivered: { missing, met: missing === 0 },
      },
    };
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await ledger.close().catch(() => undefined);
    await writer.close().catch(() => undefined);
    await relayStore.close().catch(() => undefined);
    if (topics.length) await deleteTopics([...topics]);
    await kafkaAdmin.disconnect().catch(() => undefined);
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`).catch(() => undefined);
    await admin.end();
    log('schemas dropped, topics deleted');
  }
}

if (require.main === module) {
  main().then(
    (result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`),
    (error: unknown) => {
      process.stderr.write(`bench:relay failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

export { main };
