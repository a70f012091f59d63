import { InvalidArgumentError, type EventStore, type RecordedEvent } from '@complaint-ledger/event-store';
import { captureError, makeEvent, markPosition, readAllAfter, uniqueStream } from '../fixtures';

export function readAllCases(store: () => EventStore): void {
  describe('readAll', () => {
    it('returns events of all streams in global commit order, positions strictly increasing', async () => {
      const start = await markPosition(store());
      const prefix = uniqueStream('all');
      const streams = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
      const appended: string[] = [];
      for (let i = 0; i < 12; i++) {
        const event = makeEvent({ i });
        await store().appendToStream(streams[i % 3], [event], 'any');
        appended.push(event.id);
      }
      const read = await readAllAfter(store(), start, prefix);
      expect(read.map((e) => e.id)).toEqual(appended);
      const positions = read.map((e) => e.globalPosition);
      expect(positions.every((p, i) => i === 0 || positions[i - 1] < p)).toBe(true);
      expect(read.map((e) => e.revision)).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    });

    it('fromPosition is inclusive, afterPosition exclusive, maxCount pages', async () => {
      const start = await markPosition(store());
      const stream = uniqueStream('page');
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const event = makeEvent({ i });
        await store().appendToStream(stream, [event], 'any');
        ids.push(event.id);
      }
      const ours = await readAllAfter(store(), start, stream);
      const third = ours[2];
      const from = (await store().readAll({ fromPosition: third.globalPosition, maxCount: 2 })).filter((e) => e.streamName === stream);
      expect(from.map((e) => e.id)).toEqual([ids[2], ids[3]]);
      const after = (await store().readAll({ afterPosition: third.globalPosition, maxCount: 2 })).filter((e) => e.streamName === stream);
      expect(after.map((e) => e.id)).toEqual([ids[3], ids[4]]);
      expect(await store().readAll({ afterPosition: third.globalPosition, maxCount: 0 })).toEqual([]);
    });

    it('refuses a position that is not one of this store', async () => {
      expect(await captureError(store().readAll({ fromPosition: 'not-a-position' }))).toBeInstanceOf(InvalidArgumentError);
    });
  });

  describe('catch-up subscription (in process)', () => {
    it('delivers history after the checkpoint, then live events, in order, without gap or duplicate', async () => {
      const start = await markPosition(store());
      const stream = uniqueStream('sub');
      const history = Array.from({ length: 30 }, (_, i) => makeEvent({ i }));
      for (const event of history) await store().appendToStream(stream, [event], 'any');
      const checkpoint = (await readAllAfter(store(), start, stream))[9].globalPosition; // resume after the 10th

      const seen: RecordedEvent[] = [];
      let caughtUp = false;
      const subscription = store().subscribeToAll({
        fromPosition: checkpoint,
        onEvent: (event) => {
          if (event.streamName === stream) seen.push(event);
        },
        onCaughtUp: () => {
          caughtUp = true;
        },
      });
      const live = Array.from({ length: 30 }, (_, i) => makeEvent({ live: i }));
      try {
        // Live appends race the catch-up phase.
        for (const event of live) await store().appendToStream(stream, [event], 'any');
        const expected = [...history.slice(10), ...live].map((e) => e.id);
        const deadline = Date.now() + 20_000;
        while ((seen.length < expected.length || !caughtUp) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 200)); // would expose a duplicate delivered late
        expect(seen.map((e) => e.id)).toEqual(expected);
      } finally {
        await subscription.stop();
      }
    });

    it('stop() ends delivery', async () => {
      const stream = uniqueStream('sub-stop');
      const start = await markPosition(store());
      let count = 0;
      const subscription = store().subscribeToAll({ fromPosition: start, onEvent: (e) => void (e.streamName === stream && count++) });
      await subscription.stop();
      await store().appendToStream(stream, [makeEvent()], 'any');
      await new Promise((r) => setTimeout(r, 300));
      expect(count).toBe(0);
    });
  });
}
