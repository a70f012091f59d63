import { EventStoreClosedError, type EventStore } from '@complaint-ledger/event-store';
import type { ConformanceCapabilities, EventStoreFactory } from './capabilities';
import { appendAndReadCases } from './cases/append-and-read.cases';
import { concurrencyCases } from './cases/concurrency.cases';
import { durabilityCases } from './cases/durability.cases';
import { idempotencyCases } from './cases/idempotency.cases';
import { payloadCases } from './cases/payload.cases';
import { readAllCases } from './cases/read-all.cases';
import { validationCases } from './cases/validation.cases';
import { makeEvent, uniqueStream } from './fixtures';

/**
 * The one suite every EventStore implementation must pass. Call it at the top level of a
 * spec file; `factory` opens a store (it may share a server with earlier runs: every case
 * uses fresh stream names and filters readAll to its own streams).
 */
export function eventStoreConformance(name: string, factory: EventStoreFactory, capabilities: ConformanceCapabilities): void {
  describe(`${name} event store conformance`, () => {
    let store: EventStore | undefined;
    const current = (): EventStore => {
      if (!store) throw new Error('store not opened');
      return store;
    };
    beforeAll(async () => {
      store = await factory();
    });
    afterAll(async () => {
      await store?.close();
    });

    appendAndReadCases(current);
    concurrencyCases(current);
    idempotencyCases(current, capabilities);
    readAllCases(current);
    payloadCases(current);
    validationCases(current);

    describe('closing', () => {
      it('a closed store refuses work with EventStoreClosedError', async () => {
        const other = await factory();
        await other.appendToStream(uniqueStream('close'), [makeEvent()], 'no_stream');
        await other.close();
        await expect(other.appendToStream(uniqueStream('close'), [makeEvent()], 'any')).rejects.toBeInstanceOf(EventStoreClosedError);
        await expect(other.readAll()).rejects.toBeInstanceOf(EventStoreClosedError);
      });
    });
  });
  // Outside the shared-store block: these open their own store in other processes.
  describe(`${name} event store conformance`, () => durabilityCases(capabilities));
}
