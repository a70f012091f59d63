import { LeaderLease, type LeaseBackend, type LeaseSession, type LeaseTerm } from './leader-lease';

/** A lease that one holder at a time gets; `cut()` ends the holder's session as a dead connection would. */
function fakeBackend() {
  let holder: { lost?: (reason: string) => void; alive: boolean } | undefined;
  const backend: LeaseBackend = {
    async tryAcquire(): Promise<LeaseSession | undefined> {
      if (holder?.alive) return undefined;
      const me: { lost?: (reason: string) => void; alive: boolean } = { alive: true };
      holder = me;
      return {
        check: async () => {
          if (!me.alive) throw new Error('session gone');
        },
        onLost: (listener) => (me.lost = listener),
        release: async () => void (me.alive = false),
      };
    },
  };
  return { backend, cut: () => holder && ((holder.alive = false), holder.lost?.('connection ended')) };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LeaderLease', () => {
  it('one leads, the other stands by and takes over when the leader loses its session; the old term is told and its signal aborts', async () => {
    const { backend, cut } = fakeBackend();
    const log: string[] = [];
    const terms: LeaseTerm[] = [];
    const make = (name: string) =>
      new LeaderLease(backend, {
        name,
        retryEveryMs: 20,
        checkEveryMs: 10,
        onLead: async (term) => void (log.push(`${name} leads ${term.number}`), terms.push(term)),
        onStepDown: async (term, reason) => void log.push(`${name} steps down ${term.number}: ${reason}`),
      });
    const a = make('a');
    const b = make('b');
    await a.start();
    await b.start();
    expect([a.isLeader, b.isLeader]).toEqual([true, false]);
    cut();
    await tick(80);
    expect([a.isLeader, b.isLeader]).toEqual([false, true]);
    expect(log).toEqual(['a leads 1', 'a steps down 1: connection ended', 'b leads 1']);
    expect(terms[0].signal.aborted).toBe(true);
    expect(terms[0].isCurrent()).toBe(false);
    expect(terms[1].isCurrent()).toBe(true);
    await a.stop();
    await b.stop();
    expect(log.at(-1)).toBe('b steps down 1: stopping');
  });

  it('steps down when a check hangs past its timeout (a split network), and leads again once the lease is free', async () => {
    let hang = false;
    let released = 0;
    const backend: LeaseBackend = {
      async tryAcquire() {
        return {
          check: () => (hang ? new Promise<void>(() => undefined) : Promise.resolve()),
          onLost: () => undefined,
          release: async () => void released++,
        };
      },
    };
    const reasons: string[] = [];
    const lease = new LeaderLease(backend, {
      name: 'x',
      retryEveryMs: 20,
      checkEveryMs: 10,
      checkTimeoutMs: 30,
      onLead: async () => undefined,
      onStepDown: async (_term, reason) => void reasons.push(reason),
    });
    await lease.start();
    hang = true;
    await tick(70);
    hang = false;
    await tick(60);
    expect(reasons[0]).toMatch(/lease check failed: no answer within 30 ms/);
    expect(released).toBeGreaterThanOrEqual(1);
    expect(lease.isLeader).toBe(true);
    await lease.stop();
  });

  it('a leader whose start fails steps down and tries again later', async () => {
    const { backend } = fakeBackend();
    let attempts = 0;
    const lease = new LeaderLease(backend, {
      name: 'x',
      retryEveryMs: 10,
      onLead: async () => {
        if (++attempts === 1) throw new Error('broker unreachable');
      },
      onStepDown: async () => undefined,
    });
    await lease.start();
    await tick(60);
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(lease.isLeader).toBe(true);
    await lease.stop();
  });
});
