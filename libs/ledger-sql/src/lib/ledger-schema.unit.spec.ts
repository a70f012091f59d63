import { assertSchemaName, ledgerSchemaScript } from './ledger-schema';

describe('ledger schema', () => {
  it('creates the registry and checkpoints in the schema it is given, idempotently', () => {
    const script = ledgerSchemaScript('relay_x');
    expect(script).toContain('CREATE TABLE IF NOT EXISTS relay_x.customer_registry');
    expect(script).toContain('customer_ref uuid NOT NULL UNIQUE');
    expect(script).toContain('CREATE TABLE IF NOT EXISTS relay_x.checkpoints');
  });

  it('refuses a schema name that is not a plain identifier (it is interpolated)', () => {
    expect(() => assertSchemaName('x; DROP TABLE y')).toThrow(/not a schema name/);
    expect(() => assertSchemaName('Upper')).toThrow();
  });
});
