/**
 * The little the SQL event store needs from a driver. node-postgres (Pool) and PGlite both
 * implement it, so both stores run the same SQL.
 */
export interface SqlExecutor {
  /** One statement with $n parameters; rows as arrays in select-list order. */
  query(sql: string, params: readonly unknown[]): Promise<unknown[][]>;
  /** A parameterless script of several statements (migrations). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /**
   * Optional: call `onNotify` whenever a NOTIFY on `channel` arrives (appends committed by any
   * process), until the returned function is called. Drivers without it are polled only.
   */
  listen?(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
}

/** SQLSTATE of a unique_violation. */
export const UNIQUE_VIOLATION = '23505';

export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
