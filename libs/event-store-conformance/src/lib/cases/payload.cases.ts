import {
  AppendTooLargeError,
  EventTooLargeError,
  InvalidEventError,
  InvalidStreamNameError,
  type EventStore,
  type JsonObject,
} from '@complaint-ledger/event-store';
import { captureError, makeEvent, uniqueStream } from '../fixtures';

/** JSON text of exactly `bytes` UTF-8 bytes: {"blob":"xxx…"}. */
function dataOfBytes(bytes: number): JsonObject {
  return { blob: 'x'.repeat(bytes - '{"blob":""}'.length) };
}

export function payloadCases(store: () => EventStore): void {
  describe('large events', () => {
    it('stores and reads back an event with 900,000 bytes of data (under the 1 MiB append cap)', async () => {
      const stream = uniqueStream('large');
      const event = makeEvent(dataOfBytes(900_000));
      expect(Buffer.byteLength(JSON.stringify(event.data))).toBe(900_000);
      await store().appendToStream(stream, [event], 'no_stream');
      const [read] = await store().readStream(stream);
      expect(read.data).toEqual(event.data);
    });

    it('refuses an event above 1,000,000 bytes with EventTooLargeError, nothing written', async () => {
      const stream = uniqueStream('too-large');
      const error = await captureError(store().appendToStream(stream, [makeEvent(dataOfBytes(1_000_001))], 'no_stream'));
      expect(error).toBeInstanceOf(EventTooLargeError);
      expect((error as Error).message).toMatch(/limit is 1000000/);
      expect(await store().readStream(stream)).toEqual([]);
    });

    it('refuses an append whose events total above 1,000,000 bytes with AppendTooLargeError', async () => {
      const stream = uniqueStream('append-too-large');
      const events = [makeEvent(dataOfBytes(600_000)), makeEvent(dataOfBytes(600_000))];
      expect(await captureError(store().appendToStream(stream, events, 'no_stream'))).toBeInstanceOf(AppendTooLargeError);
      expect(await store().readStream(stream)).toEqual([]);
    });
  });

  describe('Unicode', () => {
    const unicodeData: JsonObject = {
      emoji: '😀👩‍👩‍👧‍👦🇫🇷',
      rtl: 'شكوى العميل עברית',
      mixed: 'abc\u202eRTL-override\u202c',
      cjk: '投诉处理',
      combining: 'e\u0301 vs \u00e9',
      nul: 'before\u0000after',
      controls: '\t\n\r\u0001\u001f',
      escapes: 'quote " backslash \\ slash /',
      literalEscape: '\\u0000 is six characters here',
      astral: '\u{10FFFF}\u{1F600}',
      ['clé 🔑']: ['ключ', { ز: 1.5, '\u0000key': true }],
      zOrder: 1,
      aOrder: 2,
    };

    it('round-trips emoji, RTL, combining marks, NUL and control characters in data exactly (key order too)', async () => {
      const stream = uniqueStream('unicode');
      const event = makeEvent(unicodeData, 'ÉvénementNoté📝');
      await store().appendToStream(stream, [event], 'no_stream');
      const [read] = await store().readStream(stream);
      expect(read.data).toEqual(unicodeData);
      expect(JSON.stringify(read.data)).toBe(JSON.stringify(unicodeData));
      expect(read.type).toBe('ÉvénementNoté📝');
      expect(read.data['nul']).toHaveLength('before\u0000after'.length);
    });

    it.each(['complaint-😀', 'complaint-شكوى', 'complaint-עברית-123', 'complaint-投诉', 'complaint-e\u0301'])(
      'accepts the stream name %s and reads it back unchanged',
      async (base) => {
        const stream = `${base}-${uniqueStream('u')}`;
        await store().appendToStream(stream, [makeEvent()], 'no_stream');
        const [read] = await store().readStream(stream);
        expect(read.streamName).toBe(stream);
      },
    );

    it('refuses unpaired surrogates (UTF-8 cannot carry them) with a clear error', async () => {
      const stream = uniqueStream('surrogate');
      const error = await captureError(store().appendToStream(stream, [makeEvent({ text: 'broken \ud83d here' })], 'no_stream'));
      expect(error).toBeInstanceOf(InvalidEventError);
      expect((error as Error).message).toMatch(/unpaired surrogate/);
      expect(await captureError(store().appendToStream(`${stream}-\udc00`, [makeEvent()], 'no_stream'))).toBeInstanceOf(
        InvalidStreamNameError,
      );
    });
  });
}
