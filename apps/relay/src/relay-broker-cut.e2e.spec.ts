// The broker cut off during a load and brought back: commands are accepted throughout, /health
// reports the bus down meanwhile, and the relay recovers by itself with nothing lost. The test
// owns its broker (infra/local/kafka-up.sh on ports of its own) and freezes it with SIGSTOP, which
// looks to every client like a network that stopped answering, then thaws it with SIGCONT.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWithKafka, describeWithPostgres } from '@complaint-ledger/test-engines';
import {
  assertBuilt,
  checkDelivery,
  freePort,
  killAll,
  load,
  openWriter,
  readTopic,
  ROOT,
  setting,
  sleep,
  startRelay,
  until,
} from './e2e/relay-harness';

interface OwnBroker {
  brokers: string[];
  pid: number;
  stop(): void;
}

async function startOwnBroker(): Promise<OwnBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-own-kafka-'));
  const [port, controller] = [await freePort(), await freePort()];
  const up = spawnSync('bash', [join(ROOT, 'infra/local/kafka-up.sh')], {
    cwd: ROOT,
    env: {
      ...process.env,
      KAFKA_PORT: String(port),
      KAFKA_CONTROLLER_PORT: String(controller),
      KAFKA_DATA_DIR: join(dir, 'data'),
      INFRA_STATE_DIR: dir,
      KAFKA_HEAP_OPTS: '-Xms64m -Xmx384m',
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (up.status !== 0) throw new Error(`could not start a broker of our own:\n${up.stderr}`);
  const pid = Number(readFileSync(join(dir, 'kafka.pid'), 'utf8').trim());
  return {
    brokers: [`127.0.0.1:${port}`],
    pid,
    stop() {
      try {
        process.kill(pid, 'SIGCONT');
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeWithPostgres('relay and a broker cut off', (getUrl) => {
  // The shared broker only proves Kafka is installed here; the test runs one of its own.
  describeWithKafka('a broker the test owns', () => {
    beforeAll(() => assertBuilt());
    afterAll(() => killAll());

    it('commands are accepted throughout, /health says the bus is down, and the relay catches up by itself: nothing lost', async () => {
      const broker = await startOwnBroker();
      const s = setting(getUrl(), broker.brokers, 3);
      const writer = await openWriter(s);
      const relay = await startRelay(s);
      try {
        await until(
          async () => ((await relay.health()).body.bus?.['broker'] === 'up' ? true : undefined),
          20_000,
          'the relay to see the broker',
        );
        const loading = load(writer.commands, 120, 4);
        await sleep(500);
        process.kill(broker.pid, 'SIGSTOP');
        const down = await until(
          async () => {
            const h = await relay.health();
            return h.body.bus?.['broker'] === 'down' ? h : undefined;
          },
          15_000,
          '/health to report the bus down',
        );
        expect(down.status).toBe(503);
        // Longer than a request may take (10 s): the publish in flight times out and is retried.
        await sleep(12_000);
        // Meanwhile the store moved on and the topic did not: the relay reports the lag.
        const during = (await relay.health()).body.bus ?? {};
        expect(Number(during['pending']) + Number(during['lagSeconds'])).toBeGreaterThan(0);
        process.kill(broker.pid, 'SIGCONT');
        // Every command was accepted while the broker was away.
        const ids = await loading;
        expect(ids).toHaveLength(120);
        const stored = await writer.store.readAll({ maxCount: 10_000 });
        const records = await readTopic(s, new Set(stored.map((e) => e.id)), 120_000, 1_500, 45_000);
        const { duplicates } = checkDelivery(stored, records);
        await until(async () => ((await relay.health()).status === 200 ? true : undefined), 30_000, '/health to be healthy again');
        process.stdout.write(`broker cut: ${stored.length} events, ${duplicates} re-sent duplicates\n`);
      } finally {
        relay.child.kill('SIGTERM');
        await relay.exit;
        await writer.close();
        broker.stop();
      }
    }, 240_000);
  });
});
