/**
 * A start-up failure the operator can fix (bad directory, port in use, ...). main.ts prints only
 * the message (no stack trace) and exits 1. `variable` names the env var to look at, if any.
 */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly variable?: string,
  ) {
    super(variable ? `${variable}: ${message}` : message);
    this.name = 'StartupError';
  }
}

export function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

export function describeError(err: unknown): string {
  const code = errnoCode(err);
  const message = err instanceof Error ? err.message : String(err);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}
