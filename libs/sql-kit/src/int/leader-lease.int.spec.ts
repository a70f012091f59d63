// The lease on real PostgreSQL: one of several contenders leads; when the database ends the
// leader's session (as it does for a dead process or a split network), another takes over.
// Seen failing with the lock switched off: LEASE_UNSAFE=no-lock (every contender leads at once).
import { Client } from 'pg';
import { testOnlySwitch } from '@complaint-ledger/event-store';
import { describeWithPostgres, uniqueName } from '@complaint-ledger/test-engines';
import { LeaderLease } from '../lib/leader-lease';
import { leaseKey, pgAdvisoryLeaseBackend } from '../lib/pg-advisory-lease';

const unsafeNoLock = testOnlySwitch('LEASE_UNSAFE', process.env) === 'no-lock';
const until = async (what: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describeWithPostgres('leader lease on PostgreSQL', (getUrl) => {
  const leases: LeaderLease[] = [];
  afterEach(async () => {
    for (const l of leases.splice(0)) await l.stop();
  });

  it('exactly one of three contenders leads; when its session is terminated another takes over within the retry interval', async () => {
    const name = uniqueName('lease');
    const leading: string[] = [];
    for (const who of ['a', 'b', 'c']) {
      const lease = new LeaderLease(pgAdvisoryLeaseBackend(getUrl(), name, { unsafeNoLock }), {
        name,
        retryEveryMs: 100,
        checkEveryMs: 100,
        onLead: async () => void leading.push(who),
        onStepDown: async () => undefined,
      });
      leases.push(lease);
      await lease.start();
    }
    expect(leases.filter((l) => l.isLeader).length).toBe(1);
    const first = leases.findIndex((l) => l.isLeader);

    // The database ends the leader's session, as it would for a process that died.
    const admin = new Client({ connectionString: getUrl() });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(l.pid) FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND ((l.classid::bigint << 32) | l.objid::bigint) = $1::bigint`,
        [leaseKey(name)],
      );
    } finally {
      await admin.end();
    }
    await until(() => !leases[first].isLeader && leases.some((l, i) => i !== first && l.isLeader), 3_000);
    expect(leases.filter((l) => l.isLeader).length).toBe(1);
    expect(leading).toHaveLength(2);
  }, 20_000);

  it('a stopped leader frees the lease at once for the next one', async () => {
    const name = uniqueName('lease');
    const make = () =>
      new LeaderLease(pgAdvisoryLeaseBackend(getUrl(), name, { unsafeNoLock }), {
        name,
        retryEveryMs: 50,
        onLead: async () => undefined,
        onStepDown: async () => undefined,
      });
    const a = make();
    const b = make();
    leases.push(a, b);
    await a.start();
    await b.start();
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    await a.stop();
    await until(() => b.isLeader, 2_000);
  }, 10_000);
});
