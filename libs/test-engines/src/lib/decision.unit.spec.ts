import { engineDecision, isCi } from './decision';

describe('engineDecision', () => {
  const hint = 'set TEST_DATABASE_URL';

  it('runs when the engine is available, in CI or not', () => {
    expect(engineDecision('PostgreSQL', true, 'suite', hint, { CI: 'true' })).toEqual({ kind: 'run' });
    expect(engineDecision('PostgreSQL', true, 'suite', hint, {})).toEqual({ kind: 'run' });
  });

  it('fails (never skips) when the engine is missing and CI=true', () => {
    const decision = engineDecision('PostgreSQL', false, 'event store', hint, { CI: 'true' });
    expect(decision).toEqual({
      kind: 'fail',
      message: 'PostgreSQL is required in CI (CI=true) but is not available for "event store": set TEST_DATABASE_URL',
    });
  });

  it('skips with the engine named in the title when missing outside CI', () => {
    expect(engineDecision('Kafka', false, 'outbox relay', hint, {})).toEqual({
      kind: 'skip',
      title: '[skipped: Kafka not reachable] outbox relay',
    });
    expect(engineDecision('Kafka', false, 'outbox relay', hint, { CI: 'false' }).kind).toBe('skip');
  });
});

describe('isCi', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['', false],
    [undefined, false],
  ])('CI=%s -> %s', (value, expected) => {
    expect(isCi(value === undefined ? {} : { CI: value })).toBe(expected);
  });
});
