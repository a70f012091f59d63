// The relay as a process part: the API hosts it in-process when BUS=kafka (one active relay per
// event store, whichever instance holds the lease) and apps/relay runs it on its own. Ensures the
// topic, holds the lease, restarts the relay after a failure, reports health and metrics.
import { Counter, Gauge, type Registry } from 'prom-client';
import { TOPIC_CONFIG } from '@complaint-ledger/complaint-contract';
import { brokersReachable, ensureTopic, kafkaClient, KafkaEventPublisher, TopicMismatchError } from '@complaint-ledger/bus-kafka';
import type { EventStore } from '@complaint-ledger/event-store';
import { Relay, type RelayStatus } from '@complaint-ledger/relay';
import { LeaderLease } from '@complaint-ledger/sql-kit';
import type { BusConfig } from './config';
import type { LedgerStores } from './ledger-stores';
import { StartupError } from './startup-error';

type KafkaBus = Extract<BusConfig, { kind: 'kafka' }>;
export type HostLog = (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;

export interface RelayHostStatus {
  role: 'leader' | 'standby' | 'stopped';
  relay: RelayStatus;
}

export interface RelayHostOptions {
  /** TEST ONLY (RELAY_UNSAFE=checkpoint-first): the checkpoint moves before the broker acknowledged. */
  unsafeCheckpointFirst?: boolean;
  /** Lease retry and check interval (default 2 s). */
  leaseEveryMs?: number;
}

export class RelayHost {
  private readonly kafka;
  private readonly publisher: KafkaEventPublisher;
  private readonly relay: Relay;
  private readonly lease: LeaderLease;
  private running: Promise<void> | undefined;
  private controller: AbortController | undefined;
  private role: RelayHostStatus['role'] = 'stopped';

  constructor(
    private readonly bus: KafkaBus,
    store: EventStore,
    ledger: LedgerStores,
    private readonly log: HostLog,
    options: RelayHostOptions = {},
  ) {
    this.kafka = kafkaClient({
      brokers: bus.brokers,
      clientId: bus.clientId,
      ssl: bus.ssl,
      ...(bus.sasl ? { sasl: bus.sasl } : {}),
      log: (level, message, extra) => log(level === 'info' ? 'info' : 'warn', message, extra),
    });
    this.publisher = new KafkaEventPublisher(this.kafka, bus.topic);
    this.relay = new Relay(
      { store, publisher: this.publisher, checkpoints: ledger.checkpoints, registry: ledger.registry },
      { source: bus.source, unsafeCheckpointFirst: options.unsafeCheckpointFirst, retryMaxMs: 5_000, log },
    );
    this.lease = new LeaderLease(ledger.leases('relay'), {
      name: 'relay',
      retryEveryMs: options.leaseEveryMs ?? 2_000,
      checkEveryMs: options.leaseEveryMs ?? 2_000,
      onRole: (role, reason) => {
        this.role = role;
        log('info', `relay: ${role}`, reason ? { reason } : {});
      },
      onLead: async (term) => {
        await this.ensureTopic();
        this.controller = new AbortController();
        term.signal.addEventListener('abort', () => this.controller?.abort(), { once: true });
        this.running = this.relay.run(this.controller.signal);
      },
      onStepDown: async () => {
        this.controller?.abort();
        await this.running;
      },
    });
  }

  /**
   * Checks the topic once (a partition count that breaks the contract refuses the start), then
   * competes for the lease. An unreachable broker does not stop the start: the leader keeps trying.
   */
  async start(): Promise<void> {
    try {
      await this.ensureTopic();
    } catch (error) {
      if (error instanceof TopicMismatchError) throw new StartupError(error.message, 'KAFKA_TOPIC_PARTITIONS');
      this.log('warn', 'relay: the broker does not answer yet; the relay will keep trying', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    await this.lease.start();
  }

  async stop(): Promise<void> {
    await this.lease.stop();
    await this.publisher.close();
    this.role = 'stopped';
  }

  status(): RelayHostStatus {
    return { role: this.role, relay: this.relay.status() };
  }

  /** /health `bus`: the brokers answer, and what this instance's relay is doing. */
  async health(timeoutMs: number): Promise<{ status: 'ok' | 'error'; [detail: string]: unknown }> {
    const broker = await brokersReachable(this.kafka, timeoutMs);
    const { role, relay } = this.status();
    const failed = relay.state === 'failed';
    return {
      status: broker.up && !failed ? 'ok' : 'error',
      kind: 'kafka',
      topic: this.bus.topic,
      broker: broker.up ? 'up' : 'down',
      ...(broker.error ? { brokerError: broker.error } : {}),
      relay: role === 'leader' ? relay.state : role,
      lagSeconds: Math.round(relay.lagSeconds * 1000) / 1000,
      pending: relay.pending,
      ...(relay.lastError && (failed || relay.state === 'retrying') ? { lastError: relay.lastError } : {}),
    };
  }

  private async ensureTopic(): Promise<void> {
    const outcome = await ensureTopic(this.kafka, {
      topic: this.bus.topic,
      partitions: this.bus.partitions,
      replicationFactor: this.bus.replicationFactor,
      configs: TOPIC_CONFIG,
    });
    if (outcome === 'created')
      this.log('info', `relay: created topic ${this.bus.topic}`, {
        partitions: this.bus.partitions,
        replicationFactor: this.bus.replicationFactor,
      });
  }
}

/** The relay's Prometheus metrics, read from its status at each scrape. */
export function registerRelayMetrics(registry: Registry, host: Pick<RelayHost, 'status'>): void {
  const status = () => host.status();
  let last: { at: number; published: number } | undefined;
  let rate = 0;
  new Gauge({
    name: 'relay_leader',
    help: '1 when this instance runs the active relay',
    registers: [registry],
    collect() {
      this.set(status().role === 'leader' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'relay_lag_seconds',
    help: 'Age of the oldest event read from the store and not yet acknowledged by the broker',
    registers: [registry],
    collect() {
      this.set(status().relay.lagSeconds);
    },
  });
  new Gauge({
    name: 'relay_pending_events',
    help: 'Events read from the store, not yet acknowledged by the broker',
    registers: [registry],
    collect() {
      this.set(status().relay.pending);
    },
  });
  new Gauge({
    name: 'relay_last_position',
    help: 'Global position of the last event the broker acknowledged',
    registers: [registry],
    collect() {
      const p = Number(status().relay.position);
      this.set(Number.isFinite(p) ? p : 0);
    },
  });
  new Gauge({
    name: 'relay_published_per_second',
    help: 'Events published per second since the previous scrape',
    registers: [registry],
    collect() {
      const now = Date.now();
      const published = status().relay.published;
      if (last && now - last.at >= 1_000) rate = (published - last.published) / ((now - last.at) / 1000);
      if (!last || now - last.at >= 1_000) last = { at: now, published };
      this.set(Math.max(0, rate));
    },
  });
  const total = (name: string, help: string, read: (s: RelayStatus) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read(status().relay));
      },
    });
  total('relay_published_total', 'Events published (and acknowledged) by this instance', (s) => s.published);
  total('relay_retries_total', 'Publish attempts the broker failed', (s) => s.retries);
  total('relay_errors_total', 'Subscription failures (the relay resumed from its checkpoint)', (s) => s.errors);
  new Gauge({
    name: 'relay_failed',
    help: '1 when the relay stopped on an event it cannot publish (see /health)',
    registers: [registry],
    collect() {
      this.set(status().relay.state === 'failed' ? 1 : 0);
    },
  });
}
