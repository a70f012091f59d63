import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_ONLY_SWITCHES, parseTestOnlySwitch, testOnlySwitch, testOnlySwitchesTable } from './test-only-switches';

describe('test-only switches', () => {
  it('are off when unset, empty or blank, whatever NODE_ENV is', () => {
    for (const env of [{}, { COMMANDS_UNSAFE: '' }, { COMMANDS_UNSAFE: '  ' }]) {
      expect(parseTestOnlySwitch('COMMANDS_UNSAFE', { ...env, NODE_ENV: 'production' })).toEqual({ ok: true, value: undefined });
      expect(parseTestOnlySwitch('COMMANDS_UNSAFE', env)).toEqual({ ok: true, value: undefined });
    }
  });

  it('are honoured with NODE_ENV=test', () => {
    expect(parseTestOnlySwitch('EVENT_STORE_UNSAFE', { EVENT_STORE_UNSAFE: 'race', NODE_ENV: 'test' })).toEqual({
      ok: true,
      value: 'race',
    });
    expect(testOnlySwitch('CASE_LIST_UNSAFE', { CASE_LIST_UNSAFE: 'split-commit', NODE_ENV: 'test' })).toBe('split-commit');
  });

  it.each([undefined, 'production', 'development', 'Test', ''])('refuse a valid value when NODE_ENV is %j', (nodeEnv) => {
    const result = parseTestOnlySwitch('COMMANDS_UNSAFE', { COMMANDS_UNSAFE: 'any-revision', NODE_ENV: nodeEnv });
    expect(result).toEqual({
      ok: false,
      variable: 'COMMANDS_UNSAFE',
      message: expect.stringMatching(/^is a test-only switch; it is honoured only with NODE_ENV=test \(NODE_ENV/),
    });
  });

  it('refuse a value not in the allowed set, naming the variable, the value and the allowed values', () => {
    const result = parseTestOnlySwitch('EVENT_STORE_UNSAFE', { EVENT_STORE_UNSAFE: 'rase', NODE_ENV: 'test' });
    expect(result).toEqual({
      ok: false,
      variable: 'EVENT_STORE_UNSAFE',
      message: 'must be unset or one of race, no-append-lock, no-listen, generic-plans, checkpoint, volatile, got "rase"',
    });
    expect(() => testOnlySwitch('EVENT_STORE_UNSAFE', { EVENT_STORE_UNSAFE: 'rase', NODE_ENV: 'test' })).toThrow(
      /^EVENT_STORE_UNSAFE must be unset or one of .*got "rase"$/,
    );
    expect(parseTestOnlySwitch('CASE_LIST_UNSAFE', { CASE_LIST_UNSAFE: ' split-commit' }).ok).toBe(false);
  });

  it('give each value a one-line meaning', () => {
    for (const spec of Object.values(TEST_ONLY_SWITCHES)) {
      for (const meaning of Object.values(spec.values) as string[]) expect(meaning).toMatch(/^[^\n|]+$/);
    }
  });

  it('are listed in docs/operations/running.md (between the test-only-switches markers) exactly as testOnlySwitchesTable() prints them', () => {
    const page = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'operations', 'running.md'), 'utf8');
    const section = /<!-- test-only-switches:start[^>]*-->\n([\s\S]*?)<!-- test-only-switches:end -->/.exec(page);
    expect(section?.[1]).toBe(testOnlySwitchesTable());
  });
});
