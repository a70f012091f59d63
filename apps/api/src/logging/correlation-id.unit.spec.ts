import { correlationIdFrom } from './correlation-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlationIdFrom', () => {
  it('keeps an acceptable caller id', () => {
    expect(correlationIdFrom('req-42_abc.def:1')).toBe('req-42_abc.def:1');
  });

  it('takes the first of repeated headers', () => {
    expect(correlationIdFrom(['first', 'second'])).toBe('first');
  });

  it.each([undefined, '', 'has space', 'new\nline', 'x'.repeat(129), '{"json":1}'])('generates a UUID for %j', (header) => {
    expect(correlationIdFrom(header)).toMatch(UUID);
  });

  it('generates a different id each time', () => {
    expect(correlationIdFrom(undefined)).not.toBe(correlationIdFrom(undefined));
  });
});
