import { WrongExpectedRevisionError, type EventStore } from '@complaint-ledger/event-store';
import { makeEvent, uniqueStream } from '../fixtures';

const APPENDERS = 50;

/**
 * Protection: the store's atomic check-and-write of the stream head.
 * Seen failing once with it off — PostgreSQL: `appendLock: false` plus dropping the
 * `events_stream_revision_key` constraint (see postgres int spec, EVENT_STORE_UNSAFE=race)
 * gives several winners for revision 0 and duplicate revisions; in-memory: an `await`
 * between the head check and the write in appendToStream does the same.
 */
export function concurrencyCases(store: () => EventStore): void {
  describe(`${APPENDERS} concurrent appenders racing on one stream`, () => {
    it('exactly one wins each revision; every event lands once; nothing is lost or duplicated', async () => {
      const stream = uniqueStream('race');
      const events = Array.from({ length: APPENDERS }, (_, i) => makeEvent({ appender: i }));
      const wins: number[] = [];
      let firstRoundWinners = 0;

      const appendUntilWritten = async (index: number): Promise<void> => {
        let expected: 'no_stream' | number = 'no_stream';
        for (let attempt = 0; ; attempt++) {
          try {
            const result = await store().appendToStream(stream, [events[index]], expected);
            wins.push(result.nextExpectedRevision);
            if (attempt === 0) firstRoundWinners++;
            return;
          } catch (error) {
            if (!(error instanceof WrongExpectedRevisionError)) throw error;
            // Retry from what the store says is there now (as a command handler would).
            expected = error.actual === 'no_stream' ? 'no_stream' : error.actual;
          }
        }
      };
      await Promise.all(events.map((_, i) => appendUntilWritten(i)));

      expect(firstRoundWinners).toBe(1);
      expect([...wins].sort((a, b) => a - b)).toEqual(Array.from({ length: APPENDERS }, (_, i) => i));
      const stored = await store().readStream(stream);
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: APPENDERS }, (_, i) => i));
      expect(new Set(stored.map((e) => e.id))).toEqual(new Set(events.map((e) => e.id)));
      const positions = stored.map((e) => e.globalPosition);
      expect([...positions].sort()).toEqual(positions); // revision order = global order
      expect(new Set(positions).size).toBe(APPENDERS);
    });

    it("with expected 'any', every append lands exactly once at a distinct revision", async () => {
      const stream = uniqueStream('race-any');
      const events = Array.from({ length: APPENDERS }, (_, i) => makeEvent({ appender: i }));
      const results = await Promise.all(events.map((event) => store().appendToStream(stream, [event], 'any')));
      expect(new Set(results.map((r) => r.nextExpectedRevision)).size).toBe(APPENDERS);
      const stored = await store().readStream(stream);
      expect(stored).toHaveLength(APPENDERS);
      expect(new Set(stored.map((e) => e.id))).toEqual(new Set(events.map((e) => e.id)));
    });
  });
}
