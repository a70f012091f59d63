import { migrationScript, schemaNames } from './schema';

describe('schema names', () => {
  it('qualifies every object and derives a stable lock key per schema', () => {
    const names = schemaNames('ledger_events');
    expect(names.events).toBe('"ledger_events".events');
    expect(schemaNames('ledger_events').appendLockKey).toBe(names.appendLockKey);
    expect(schemaNames('other').appendLockKey).not.toBe(names.appendLockKey);
  });

  it('refuses schema names that would need escaping', () => {
    expect(() => schemaNames('x"; DROP TABLE y; --')).toThrow(/Invalid schema name/);
  });

  it('stores data as json (exact text), not jsonb', () => {
    expect(migrationScript(schemaNames())).toMatch(/data json NOT NULL/);
  });
});
