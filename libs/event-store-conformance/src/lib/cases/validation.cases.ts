import {
  InvalidArgumentError,
  InvalidEventError,
  InvalidStreamNameError,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
} from '@complaint-ledger/event-store';
import { captureError, makeEvent, uniqueStream } from '../fixtures';

/** Deliberately ill-typed input, as JavaScript callers or casts could send it. */
function loose(value: unknown): EventToAppend {
  return value as EventToAppend;
}

export function validationCases(store: () => EventStore): void {
  describe('bad stream names', () => {
    it.each([
      ['empty', ''],
      ['system ($-prefixed)', '$all'],
      ['padded with whitespace', ' complaint-1'],
      ['containing NUL', 'complaint-\u00001'],
      ['containing a newline', 'complaint-\n1'],
      ['longer than 200 characters', `complaint-${'x'.repeat(200)}`],
      ['not a string', 42],
    ])('%s: InvalidStreamNameError with the reason, nothing written', async (_label, name) => {
      const error = await captureError(store().appendToStream(name as string, [makeEvent()], 'any'));
      expect(error).toBeInstanceOf(InvalidStreamNameError);
      expect((error as Error).message).toMatch(/^Invalid stream name .*: .+\.$/);
    });
  });

  describe('bad events: typed error, and nothing of the batch is written', () => {
    const good = () => makeEvent();
    const cases: Array<[string, () => EventToAppend]> = [
      ['id not a UUID', () => ({ ...good(), id: 'not-a-uuid' })],
      ['empty type', () => ({ ...good(), type: '' })],
      ['data not an object', () => loose({ ...good(), data: [1, 2] })],
      ['NaN in data', () => ({ ...good(), data: { amount: NaN } })],
      ['undefined in data', () => loose({ ...good(), data: { note: undefined } })],
      ['a Date in data', () => loose({ ...good(), data: { at: new Date() } })],
      ['a bigint in data', () => loose({ ...good(), data: { big: 1n } })],
      ['missing correlationId', () => loose({ ...good(), metadata: { ...good().metadata, correlationId: undefined } })],
      ['occurredAt not ISO-8601', () => ({ ...good(), metadata: { ...good().metadata, occurredAt: 'yesterday' } })],
    ];
    it.each(cases)('%s', async (_label, bad) => {
      const stream = uniqueStream('bad-event');
      const error = await captureError(store().appendToStream(stream, [good(), bad()], 'no_stream'));
      expect(error).toBeInstanceOf(InvalidEventError);
      expect((error as InvalidEventError).index).toBe(1);
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('the same id twice in one batch', async () => {
      const event = good();
      expect(await captureError(store().appendToStream(uniqueStream('dup'), [event, event], 'no_stream'))).toBeInstanceOf(
        InvalidEventError,
      );
    });

    it.each([[-1], [1.5], ['latest'], [null]])('expected revision %p: InvalidArgumentError', async (expected) => {
      const error = await captureError(store().appendToStream(uniqueStream('bad-rev'), [good()], expected as ExpectedRevision));
      expect(error).toBeInstanceOf(InvalidArgumentError);
    });

    it('an empty batch: InvalidArgumentError', async () => {
      expect(await captureError(store().appendToStream(uniqueStream('empty'), [], 'any'))).toBeInstanceOf(InvalidArgumentError);
    });
  });
}
