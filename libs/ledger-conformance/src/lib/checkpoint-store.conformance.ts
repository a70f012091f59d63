import type { CheckpointStore } from '@complaint-ledger/ledger-ports';

/** What every CheckpointStore must do. Positions are fixed-width text, as the stores' global positions are. */
export function checkpointStoreConformance(
  name: string,
  open: () => Promise<CheckpointStore>,
  options: { reopen?: () => Promise<CheckpointStore> } = {},
): void {
  const pos = (n: number) => String(n).padStart(20, '0');
  describe(`${name}: checkpoint store conformance`, () => {
    let store: CheckpointStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('has no checkpoint before the first, then the last advanced position, per name', async () => {
      expect(await store.read('relay')).toBeUndefined();
      await store.advance('relay', pos(5));
      await store.advance('other', pos(1));
      expect(await store.read('relay')).toBe(pos(5));
      expect(await store.read('other')).toBe(pos(1));
    });

    it('only moves forward: a late write of an older position is ignored', async () => {
      await store.advance('relay', pos(10));
      await store.advance('relay', pos(7));
      await store.advance('relay', pos(10));
      expect(await store.read('relay')).toBe(pos(10));
      await Promise.all([pos(20), pos(15), pos(30), pos(25)].map((p) => store.advance('relay', p)));
      expect(await store.read('relay')).toBe(pos(30));
    });

    if (options.reopen) {
      const reopen = options.reopen;
      it('keeps the checkpoint across a restart', async () => {
        await store.advance('relay', pos(3));
        await store.close();
        store = await reopen();
        expect(await store.read('relay')).toBe(pos(3));
      });
    }
  });
}
