import { DuplicateEventIdError, WrongExpectedRevisionError, type EventStore } from '@complaint-ledger/event-store';
import type { ConformanceCapabilities } from '../capabilities';
import { captureError, makeEvent, makeEvents, uniqueStream } from '../fixtures';

/**
 * Protection: the lookup of already-stored ids before writing (and, in SQL stores, the
 * unique event-id index). Seen failing once with it off: skip the lookup and the retry
 * below writes the batch twice (in-memory) or fails with a unique violation (PostgreSQL).
 */
export function idempotencyCases(store: () => EventStore, capabilities: ConformanceCapabilities): void {
  describe('idempotent re-append (same ids, same expected revision)', () => {
    it.each(['no_stream', 'exact', 'any'] as const)('with %s: returns the original result and writes nothing', async (kind) => {
      const stream = uniqueStream('idem');
      if (kind === 'exact') await store().appendToStream(stream, makeEvents(2), 'no_stream');
      const expected = kind === 'exact' ? 1 : kind;
      const batch = makeEvents(3);
      const first = await store().appendToStream(stream, batch, expected);
      const retry = await store().appendToStream(stream, batch, expected);
      expect(retry).toEqual(first);
      expect(await store().readStream(stream)).toHaveLength(kind === 'exact' ? 5 : 3);
    });

    it('still returns the original result after the stream moved on (a late retry)', async () => {
      const stream = uniqueStream('idem-late');
      const batch = makeEvents(2);
      const first = await store().appendToStream(stream, batch, 'no_stream');
      await store().appendToStream(stream, makeEvents(2), 1);
      expect(await store().appendToStream(stream, batch, 'no_stream')).toEqual(first);
      expect(await store().readStream(stream)).toHaveLength(4);
    });

    it('a retry at a different expected revision, where the stream is not, fails with WrongExpectedRevisionError', async () => {
      const stream = uniqueStream('idem-wrong');
      const batch = makeEvents(2);
      await store().appendToStream(stream, batch, 'no_stream');
      const error = await captureError(store().appendToStream(stream, batch, 5));
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    if (capabilities.rejectsReusedEventIds) {
      it('reusing ids at a new revision (not a retry) is refused with DuplicateEventIdError, nothing written', async () => {
        const stream = uniqueStream('idem-reuse');
        const batch = makeEvents(2);
        await store().appendToStream(stream, batch, 'no_stream');
        const error = await captureError(store().appendToStream(stream, batch, 1));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect((error as DuplicateEventIdError).eventIds).toEqual(batch.map((e) => e.id));
        expect(await store().readStream(stream)).toHaveLength(2);
      });

      it('a batch that only partly repeats stored ids is refused, nothing written', async () => {
        const stream = uniqueStream('idem-partial');
        const [a, b] = makeEvents(2);
        await store().appendToStream(stream, [a], 'no_stream');
        const error = await captureError(store().appendToStream(stream, [a, b], 'any'));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(await store().readStream(stream)).toHaveLength(1);
      });

      it('reusing an id in another stream is refused', async () => {
        const event = makeEvent();
        await store().appendToStream(uniqueStream('idem-a'), [event], 'no_stream');
        const other = uniqueStream('idem-b');
        expect(await captureError(store().appendToStream(other, [event], 'no_stream'))).toBeInstanceOf(DuplicateEventIdError);
        expect(await store().readStream(other)).toEqual([]);
      });
    } else {
      it.skip('reused ids outside an exact retry [not applicable: this store deduplicates retries only]', () => undefined);
    }

    it('concurrent identical retries write the batch once', async () => {
      const stream = uniqueStream('idem-concurrent');
      const batch = makeEvents(2);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => store().appendToStream(stream, batch, 'no_stream')));
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      expect(fulfilled.length).toBeGreaterThan(0);
      for (const r of fulfilled) expect(r.value.nextExpectedRevision).toBe(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect((await store().readStream(stream)).map((e) => e.id)).toEqual(batch.map((e) => e.id));
    });
  });
}
