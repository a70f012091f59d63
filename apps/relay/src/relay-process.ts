// apps/relay on its own: the relay of one event store (PostgreSQL or EventStoreDB), with /health
// and /metrics on its own PORT. Several may run: one relays, the others stand by (the lease).
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { EventStore } from '@complaint-ledger/event-store';
import {
  describeConfig,
  openEventStore,
  openLedgerStores,
  registerRelayMetrics,
  RelayHost,
  StartupError,
  type AppConfig,
  type HostLog,
  type LedgerStores,
} from '@complaint-ledger/runtime';

export interface RelayProcess {
  server: Server;
  stop(): Promise<void>;
}

/** One JSON line per entry on stdout, like the API's logs. */
export const jsonLog: HostLog = (level, message, extra = {}) =>
  process.stdout.write(`${JSON.stringify({ level, time: new Date().toISOString(), name: 'relay', msg: message, ...extra })}\n`);

export async function startRelayProcess(config: AppConfig, log: HostLog = jsonLog): Promise<RelayProcess> {
  if (config.bus.kind !== 'kafka') throw new StartupError('the relay publishes to Kafka: set BUS=kafka and KAFKA_BROKERS', 'BUS');
  if (config.eventStore.kind === 'embedded') {
    throw new StartupError(
      'the embedded store belongs to the one process that opened it: `npm start` hosts the relay in-process (BUS=kafka); run apps/relay on PostgreSQL or EventStoreDB',
      'EVENT_STORE',
    );
  }
  const store: EventStore = await openEventStore(config.eventStore, config.dataDir);
  let ledger: LedgerStores | undefined;
  let host: RelayHost | undefined;
  try {
    ledger = await openLedgerStores(config, { unsafeLeaseNoLock: config.testOnly?.leaseNoLock === true });
    host = new RelayHost(config.bus, store, ledger, log, { unsafeCheckpointFirst: config.testOnly?.relayCheckpointFirst === true });
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    registerRelayMetrics(registry, host);
    const relay = host;
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method === 'GET' && path === '/health') {
        // For this process the bus is the point: broker down or relay failed is a 503.
        void relay.health(1_500).then((bus) => {
          res.writeHead(bus.status === 'ok' ? 200 : 503, {
            'content-type': 'application/json; charset=utf-8',
            'cache-control': 'no-store',
          });
          res.end(JSON.stringify({ status: bus.status, role: relay.status().role, bus }));
        });
        return;
      }
      if (req.method === 'GET' && path === '/metrics') {
        void registry.metrics().then((text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        });
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${path}`, details: {} }));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new StartupError(`port ${config.port} is already in use on ${config.host}`, 'PORT') : error),
      );
      server.listen(config.port, config.host, resolve);
    });
    await host.start();
    log('info', 'complaint-ledger relay listening', {
      url: `http://${config.host}:${config.port}`,
      config: describeConfig(config),
      ledger: ledger.where,
    });
    const opened = { ledger, host };
    return {
      server,
      async stop() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await opened.host.stop();
        await opened.ledger.close();
        await store.close();
      },
    };
  } catch (error) {
    await host?.stop().catch(() => undefined);
    await ledger?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
}
