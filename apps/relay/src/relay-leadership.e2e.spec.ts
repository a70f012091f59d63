// Exactly one active relay per event store: two relay processes, one publishes, the other stands
// by; SIGKILL the active one and the other takes over; nothing is lost.
// Seen failing with the protection off: E2E_LEASE_UNSAFE=no-lock (both relays lead and publish).
import { testOnlySwitch } from '@complaint-ledger/event-store';
import { describeWithKafka, describeWithPostgres } from '@complaint-ledger/test-engines';
import {
  assertBuilt,
  checkDelivery,
  killAll,
  load,
  openWriter,
  readTopic,
  setting,
  startRelay,
  until,
  type RelayChild,
} from './e2e/relay-harness';

const unsafe = testOnlySwitch('LEASE_UNSAFE', { NODE_ENV: 'test', LEASE_UNSAFE: process.env['E2E_LEASE_UNSAFE'] });
const relayEnv: Record<string, string> = unsafe ? { NODE_ENV: 'test', LEASE_UNSAFE: unsafe } : {};

async function publishedBy(relay: RelayChild): Promise<number> {
  const text = await (await fetch(`${relay.url}/metrics`)).text();
  return Number(/^relay_published_total (\d+)/m.exec(text)?.[1] ?? NaN);
}

describeWithPostgres('relay leadership', (getUrl) => {
  describeWithKafka('two relay processes on one store', (getBrokers) => {
    beforeAll(() => assertBuilt());
    afterAll(() => killAll());

    it('only one publishes; SIGKILL it and the other takes over; every event arrives', async () => {
      const s = setting(getUrl(), getBrokers());
      const writer = await openWriter(s);
      const relays = [await startRelay(s, relayEnv), await startRelay(s, relayEnv)];
      try {
        const roles = async () => Promise.all(relays.map(async (r) => (await r.health()).body.role));
        expect((await roles()).sort()).toEqual(['leader', 'standby']);
        const first = await load(writer.commands, 40, 8);
        const leader = (await roles()).indexOf('leader');
        const standby = 1 - leader;
        await until(async () => (await publishedBy(relays[leader])) >= first.length * 13, 20_000, 'the leader to publish the first load');
        expect(await publishedBy(relays[standby])).toBe(0);

        relays[leader].child.kill('SIGKILL');
        await relays[leader].exit;
        await until(
          async () => ((await relays[standby].health()).body.role === 'leader' ? true : undefined),
          15_000,
          'the standby to take over',
        );
        await load(writer.commands, 40, 8, 40);

        const stored = await writer.store.readAll({ maxCount: 10_000 });
        const records = await readTopic(s, new Set(stored.map((e) => e.id)));
        checkDelivery(stored, records);
      } finally {
        for (const r of relays) r.child.kill('SIGTERM');
        await Promise.all(relays.map((r) => r.exit));
        await writer.close();
      }
    }, 120_000);
  });
});
