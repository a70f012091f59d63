import type { CustomerRegistry } from '@complaint-ledger/ledger-ports';

/** What every CustomerRegistry must do. `open` gives a fresh, empty registry; `reopen` the same one anew (durability), when it has any. */
export function customerRegistryConformance(
  name: string,
  open: () => Promise<CustomerRegistry>,
  options: { reopen?: () => Promise<CustomerRegistry> } = {},
): void {
  describe(`${name}: customer registry conformance`, () => {
    let registry: CustomerRegistry;
    beforeEach(async () => {
      registry = await open();
    });
    afterEach(async () => {
      await registry.close();
    });

    it('gives a customer one stable ref, opaque and not derived from the id', async () => {
      const ref = await registry.refFor('cust-42');
      expect(await registry.refFor('cust-42')).toBe(ref);
      expect(await registry.lookup('cust-42')).toBe(ref);
      expect(ref).not.toContain('cust-42');
      expect(ref).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('gives different customers different refs; an unknown customer has none', async () => {
      const refs = await Promise.all(['a', 'b', 'c'].map((c) => registry.refFor(c)));
      expect(new Set(refs).size).toBe(3);
      expect(await registry.lookup('never-seen')).toBeUndefined();
    });

    it('allocates exactly one ref under concurrent first requests for the same customer', async () => {
      const refs = await Promise.all(Array.from({ length: 20 }, () => registry.refFor('racer')));
      expect(new Set(refs).size).toBe(1);
    });

    if (options.reopen) {
      const reopen = options.reopen;
      it('keeps refs across a restart', async () => {
        const ref = await registry.refFor('durable');
        await registry.close();
        registry = await reopen();
        expect(await registry.lookup('durable')).toBe(ref);
        expect(await registry.refFor('durable')).toBe(ref);
      });
    }
  });
}
