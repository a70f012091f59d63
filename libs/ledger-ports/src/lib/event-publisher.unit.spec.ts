import { InMemoryEventPublisher } from './event-publisher';

describe('InMemoryEventPublisher (the double relay tests publish to)', () => {
  it('keeps what it was given, in order, and fails the calls it was told to fail without keeping anything', async () => {
    const bus = new InMemoryEventPublisher();
    const record = (key: string) => ({ key, value: '{}', headers: { ce_id: key } });
    bus.failNext(1);
    await expect(bus.publish([record('a')])).rejects.toThrow(/broker unavailable/);
    await bus.publish([record('a'), record('b')]);
    expect(bus.published.map((r) => r.key)).toEqual(['a', 'b']);
  });
});
