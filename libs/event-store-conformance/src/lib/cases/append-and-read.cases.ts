import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision } from '@complaint-ledger/event-store';
import { captureError, makeEvent, makeEvents, uniqueStream } from '../fixtures';

export function appendAndReadCases(store: () => EventStore): void {
  describe('appending', () => {
    it('returns the 0-based revision of the last event written and a position; reads back exactly what was appended', async () => {
      const stream = uniqueStream('append');
      const events = makeEvents(3);
      const result = await store().appendToStream(stream, events, 'no_stream');
      expect(result.nextExpectedRevision).toBe(2);
      expect(typeof result.position).toBe('string');

      const read = await store().readStream(stream);
      expect(read.map((e) => [e.id, e.type, e.data, e.metadata, e.streamName, e.revision])).toEqual(
        events.map((e, i) => [e.id, e.type, e.data, e.metadata, stream, i]),
      );
      expect(read[2].globalPosition).toBe(result.position);
      expect(read[0].recordedAt).toBeInstanceOf(Date);
      expect(Number.isNaN(read[0].recordedAt.getTime())).toBe(false);
    });

    it('keeps appending: a second append continues the revisions', async () => {
      const stream = uniqueStream('continue');
      await store().appendToStream(stream, makeEvents(2), 'no_stream');
      const second = await store().appendToStream(stream, makeEvents(3), 1);
      expect(second.nextExpectedRevision).toBe(4);
      expect((await store().readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });
  });

  describe('expected-revision rules (as EventStoreDB)', () => {
    const cases: Array<{ name: string; existing: number; expected: ExpectedRevision; ok: boolean; actual?: number | 'no_stream' }> = [
      { name: 'no_stream on a missing stream', existing: 0, expected: 'no_stream', ok: true },
      { name: 'no_stream on an existing stream', existing: 2, expected: 'no_stream', ok: false, actual: 1 },
      { name: 'stream_exists on a missing stream', existing: 0, expected: 'stream_exists', ok: false, actual: 'no_stream' },
      { name: 'stream_exists on an existing stream', existing: 1, expected: 'stream_exists', ok: true },
      { name: 'any on a missing stream', existing: 0, expected: 'any', ok: true },
      { name: 'any on an existing stream', existing: 3, expected: 'any', ok: true },
      { name: 'the exact last revision', existing: 3, expected: 2, ok: true },
      { name: 'a stale revision', existing: 3, expected: 1, ok: false, actual: 2 },
      { name: 'a revision from the future', existing: 3, expected: 7, ok: false, actual: 2 },
      { name: 'revision 0 on a missing stream', existing: 0, expected: 0, ok: false, actual: 'no_stream' },
    ];
    it.each(cases)('$name: accepted = $ok', async ({ existing, expected, ok, actual }) => {
      const stream = uniqueStream('rules');
      if (existing > 0) await store().appendToStream(stream, makeEvents(existing), 'no_stream');
      const attempt = store().appendToStream(stream, [makeEvent()], expected);
      if (ok) {
        await expect(attempt).resolves.toEqual(expect.objectContaining({ nextExpectedRevision: existing }));
        return;
      }
      const error = await captureError(attempt);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamName: stream, expected, actual });
      // Nothing was written.
      expect(await store().readStream(stream)).toHaveLength(existing);
    });

    it('says clearly what was expected and what was found', async () => {
      const stream = uniqueStream('message');
      await store().appendToStream(stream, makeEvents(3), 'no_stream');
      const error = await captureError(store().appendToStream(stream, [makeEvent()], 0));
      expect(String((error as Error).message)).toBe(
        `Wrong expected revision for stream "${stream}": expected revision 0, but the stream is at revision 2. Nothing was written.`,
      );
    });
  });

  describe('reading a stream', () => {
    let stream: string;
    beforeAll(async () => {
      stream = uniqueStream('read');
      await store().appendToStream(stream, makeEvents(10), 'no_stream');
    });
    const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
      (await store().readStream(stream, options)).map((e) => e.revision);

    it('forwards from the start', async () => expect(await revisions({})).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    it('forwards from a revision (inclusive) with maxCount', async () =>
      expect(await revisions({ fromRevision: 4, maxCount: 3 })).toEqual([4, 5, 6]));
    it('backwards from the end', async () => expect(await revisions({ direction: 'backwards', maxCount: 4 })).toEqual([9, 8, 7, 6]));
    it('backwards from a revision (inclusive)', async () =>
      expect(await revisions({ direction: 'backwards', fromRevision: 2 })).toEqual([2, 1, 0]));
    it('past the end reads nothing', async () => expect(await revisions({ fromRevision: 10 })).toEqual([]));
    it('maxCount 0 reads nothing', async () => expect(await revisions({ maxCount: 0 })).toEqual([]));
    it('an unknown stream reads as empty', async () => expect(await store().readStream(uniqueStream('unknown'))).toEqual([]));
  });
}
