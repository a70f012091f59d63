/**
 * The customer registry: an opaque, stable `customerRef` per customer, random (never derived
 * from the id), allocated at intake and recorded in `ComplaintReceived`. Published events and read
 * models carry only the ref; erasing the customer's entry makes the ref unlinkable to the person.
 */
export interface CustomerRegistry {
  /** The customer's ref, allocated (once, race-free) if the customer has none yet. */
  refFor(customerId: string): Promise<string>;
  /** The ref, or undefined for a customer never registered. */
  lookup(customerId: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/** For unit tests and the in-memory store: refs from a counter-free random source. */
export class InMemoryCustomerRegistry implements CustomerRegistry {
  private readonly refs = new Map<string, string>();

  constructor(private readonly newRef: () => string = () => globalThis.crypto.randomUUID()) {}

  async refFor(customerId: string): Promise<string> {
    let ref = this.refs.get(customerId);
    if (ref === undefined) {
      ref = this.newRef();
      this.refs.set(customerId, ref);
    }
    return ref;
  }

  async lookup(customerId: string): Promise<string | undefined> {
    return this.refs.get(customerId);
  }

  async close(): Promise<void> {
    this.refs.clear();
  }
}
